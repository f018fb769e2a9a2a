"""Validation and freshness of association pages; the admin listing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from engagement_hub.associations.models import AssociationPage
from tests.associations import factories


def build(**fields) -> AssociationPage:
    defaults = {"title": "Verein", "slug": "verein", "short_description": "Kurz."}
    return AssociationPage(**{**defaults, **fields})


@pytest.mark.parametrize(
    "fields", [{"contact_name": "Erika Muster"}, {"contact_phone": "03874 123"}]
)
def test_a_persons_contact_needs_recorded_consent(db, fields):
    with pytest.raises(ValidationError) as error:
        build(**fields).clean()
    assert set(error.value.message_dict) == set(fields)
    build(**fields, contact_consent=True).clean()


def test_a_function_address_needs_no_consent(db):
    build(contact_role="Vorstand", contact_email="vorstand@verein.example").clean()


def test_logo_needs_alternative_text(db):
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        build(image=image).clean()
    assert "image_alt_text" in error.value.message_dict
    build(image=image, image_alt_text="Ein blauer Springer").clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"min_age": 12, "max_age": 6}, "max_age"),
        ({"social_links": "javascript:alert(1)"}, "social_links"),
    ],
)
def test_other_validation(db, fields, field):
    with pytest.raises(ValidationError) as error:
        build(**fields).clean()
    assert field in error.value.message_dict


def test_outdated_follows_the_setting(db, settings):
    today = timezone.localdate()
    page = build(last_confirmed=today - timedelta(days=100))
    assert not page.is_outdated
    settings.ENGAGEMENT_HUB_OUTDATED_AFTER = timedelta(days=90)
    assert page.is_outdated
    assert build(last_confirmed=None).is_outdated


def test_admin_listing_shows_and_filters_outdated_clubs(admin_client, site_tree):
    index = factories.association_index(site_tree["de"])
    factories.association(index, "Frisch")
    factories.association(
        index, "Alt", last_confirmed=timezone.localdate() - timedelta(days=900)
    )
    response = admin_client.get("/admin/associations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Frisch" in html and "Alt" in html
    response = admin_client.get("/admin/associations/?freshness=outdated")
    html = response.content.decode()
    assert "Alt" in html and "Frisch" not in html
    assert admin_client.get("/admin/offers/").status_code == 200
