"""The shared vocabulary: categories, target groups and districts, in both
languages, edited as snippets."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Locale

from engagement_hub.core.demo_tools import translate
from engagement_hub.core.models import Category, District, TargetGroup


@pytest.fixture
def locales(site_tree):
    return site_tree["locales"]


def test_translation_keeps_slug_and_ages(locales, django_capture_on_commit_callbacks):
    de, en = locales
    kids = TargetGroup.objects.create(
        locale=de, name="Kinder", slug="kinder", min_age=0, max_age=12
    )

    english = translate(kids, en, {"Kinder": "Children"})

    assert (english.name, english.slug, english.min_age, english.max_age) == (
        "Children",
        "kinder",
        0,
        12,
    )
    assert english.translation_key == kids.translation_key


def test_maximum_age_below_minimum_is_refused(locales):
    group = TargetGroup(
        locale=locales[0], name="Verkehrt", slug="verkehrt", min_age=18, max_age=12
    )

    with pytest.raises(ValidationError) as error:
        group.full_clean()

    assert "max_age" in error.value.message_dict


def test_age_above_the_limit_is_refused(locales):
    group = TargetGroup(locale=locales[0], name="Alt", slug="alt", min_age=130)

    with pytest.raises(ValidationError):
        group.full_clean()


@pytest.mark.parametrize("model", [Category, TargetGroup, District])
def test_slug_is_unique_per_language(locales, model):
    de, en = locales
    model.objects.create(locale=de, name="Eins", slug="eins")
    model.objects.create(locale=en, name="One", slug="eins")

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(locale=de, name="Noch eins", slug="eins")


def test_terms_are_ordered_by_sort_order(locales):
    de = locales[0]
    District.objects.create(locale=de, name="Techentin", slug="techentin", sort_order=2)
    District.objects.create(
        locale=de, name="Innenstadt", slug="innenstadt", sort_order=1
    )

    assert [d.name for d in District.objects.filter(locale=de)] == [
        "Innenstadt",
        "Techentin",
    ]


@pytest.mark.parametrize(
    ("model_name", "title"),
    [
        ("category", "Kategorien"),
        ("targetgroup", "Zielgruppen"),
        ("district", "Ortsteile"),
    ],
)
def test_editors_see_the_taxonomy_in_german(admin_client, locales, model_name, title):
    Category.objects.create(locale=locales[0], name="Sport und Bewegung", slug="sport")

    response = admin_client.get(
        f"/admin/snippets/engagement_hub_core/{model_name}/",
        headers={"accept-language": "de"},
    )

    assert response.status_code == 200
    assert f"<title>{title} - Wagtail</title>" in response.text
    # The menu group (in the sidebar's JSON).
    assert '"label": "Schlagw\\u00f6rter"' in response.text


def test_editor_can_add_a_category(admin_client, locales):
    response = admin_client.post(
        "/admin/snippets/engagement_hub_core/category/add/?locale=de",
        {"name": "Tiere und Natur", "slug": "tiere", "sort_order": "3"},
    )

    assert response.status_code == 302
    category = Category.objects.get(slug="tiere")
    assert category.locale == Locale.objects.get(language_code="de")
