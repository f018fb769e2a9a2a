"""Wagtail admin views that showed every admin user too much, as the hub serves them
(engagement_hub.core.admin_overrides): the admin API's images and documents, and
the page types usage report."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import checks
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def world(site_tree, django_capture_on_commit_callbacks):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection

    from engagement_hub.associations import representatives
    from engagement_hub.core.roles import CITY_EDITORS, setup_roles
    from tests.associations import factories as clubs

    setup_roles()
    index = clubs.association_index(site_tree["de"])
    own = clubs.association(index, "SV Schlosspark", slug="sv-schlosspark")
    other = clubs.association(index, "Chor Schlossklang", slug="chor")
    # The other club's newest edit is a draft: its title must not reach anyone else.
    other.title = "Chor Schlossklang (Entwurf)"
    other.save_revision()
    users = get_user_model().objects
    rep = users.create_user("rep", "rep@example.org", "x")
    with django_capture_on_commit_callbacks(execute=True):
        representatives.grant(rep, own)
    editor = users.create_user("editor", "editor@example.org", "x")
    editor.groups.add(Group.objects.get(name=CITY_EDITORS))
    clubs_collection = Collection.get_first_root_node().add_child(name="Vereine")
    image = Image.objects.create(
        title="Vereinslogo", file=get_test_image_file(), collection=clubs_collection
    )
    document = Document.objects.create(
        title="Satzung",
        file=ContentFile(b"Satzung", name="satzung.txt"),
        collection=clubs_collection,
    )
    return {"rep": rep, "editor": editor, "image": image, "document": document}


def login(client, user):
    client.force_login(user, backend=BACKEND)
    return client


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_a_representative_gets_no_media_from_the_admin_api(client, world, endpoint):
    login(client, world["rep"])
    item = world["image" if endpoint == "images" else "document"]
    listing = client.get(f"/admin/api/main/{endpoint}/")
    detail = client.get(f"/admin/api/main/{endpoint}/{item.pk}/")
    assert listing.status_code == 403
    assert detail.status_code == 403
    assert item.title.encode() not in listing.content + detail.content


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_an_editor_gets_what_they_may_choose(client, world, endpoint):
    login(client, world["editor"])
    item = world["image" if endpoint == "images" else "document"]
    listing = client.get(f"/admin/api/main/{endpoint}/")
    assert listing.status_code == 200
    assert [row["title"] for row in listing.json()["items"]] == [item.title]
    assert client.get(f"/admin/api/main/{endpoint}/{item.pk}/").status_code == 200


def test_media_outside_the_users_collections_are_not_listed(client, world):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, GroupCollectionPermission

    from engagement_hub.core.roles import CITY_EDITORS

    private = Collection.get_first_root_node().add_child(name="Intern")
    hidden = Image.objects.create(
        title="Internes Foto", file=get_test_image_file(), collection=private
    )
    # City editors keep their permissions on the root only for "Vereine".
    GroupCollectionPermission.objects.filter(
        group__name=CITY_EDITORS, collection__depth=1
    ).update(collection=world["image"].collection)
    login(client, world["editor"])
    listing = client.get("/admin/api/main/images/")
    assert [row["title"] for row in listing.json()["items"]] == ["Vereinslogo"]
    path = f"/admin/api/main/images/{hidden.pk}/"
    response = client.get(path)
    # Not found (Django's LocaleMiddleware tries the German prefix of a 404 first).
    assert response.status_code == 404 or response["Location"] == f"/de{path}"


def test_the_page_types_report_names_only_pages_the_user_may_edit(client, world):
    login(client, world["rep"])
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    assert b"SV Schlosspark" in response.content
    assert b"Chor Schlossklang" not in response.content


def test_the_page_types_report_is_unchanged_for_superusers(client, world):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    login(client, admin)
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert b"Chor Schlossklang (Entwurf)" in response.content


URLS_WITHOUT_OVERRIDE = "tests.security.urls_without_admin_overrides"


def test_the_system_check_warns_when_the_override_is_not_mounted():
    from engagement_hub.core.checks import check_admin_overrides

    assert check_admin_overrides() == []
    with override_settings(ROOT_URLCONF=URLS_WITHOUT_OVERRIDE):
        messages = check_admin_overrides()
    assert [message.id for message in messages] == ["engagement_hub.W010"]
    assert messages[0].level == checks.WARNING
