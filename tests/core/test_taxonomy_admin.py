"""The page editor as a city editor sees it: taxonomy checkboxes list the terms
of the page's language only (edit, translation, new page), and a term of another
language sent anyway is refused with a message naming the right one."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from engagement_hub.associations.models import AssociationPage
from engagement_hub.core.models import TargetGroup
from engagement_hub.core.roles import CITY_EDITORS, setup_roles
from tests.associations import factories as clubs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree, django_capture_on_commit_callbacks):
    de, en = site_tree["locales"]
    terms = clubs.terms(de)
    english = {}
    for key, name in [
        ("sport", "Sports"),
        ("kultur", "Culture"),
        ("kinder", "Children"),
    ]:
        twin = terms[key].copy_for_translation(en)
        twin.name = name
        twin.save()
        english[key] = twin
    index = clubs.association_index(site_tree["de"])
    club = clubs.association(
        index,
        "SV Schlosspark",
        categories=[terms["sport"]],
        target_groups=[terms["kinder"]],
        district=terms["innenstadt"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        english_club = club.copy_for_translation(en, copy_parents=True)
        english_club.save_revision().publish()
    setup_roles()
    return {"de": terms, "en": english, "club": club, "english_club": english_club}


@pytest.fixture
def editor(client, world):
    setup_roles()
    user = get_user_model().objects.create_user("city", "city@example.org", "x")
    user.groups.add(Group.objects.get(name=CITY_EDITORS))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(user)
    return client


def checkbox_labels(html: str, name: str) -> list[str]:
    """The labels of the checkboxes ``name`` in the editor's HTML."""
    import re

    pattern = (
        rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*>'
        r"\s*([^<]+?)\s*</label>"
    )
    return [label for _value, label in re.findall(pattern, html)]


def checked(html: str, name: str) -> list[int]:
    import re

    pattern = rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*checked'
    return [int(value) for value in re.findall(pattern, html)]


def test_a_german_page_lists_german_terms_only(editor, world):
    html = editor.get(
        reverse("wagtailadmin_pages:edit", args=[world["club"].pk])
    ).content.decode()

    assert checkbox_labels(html, "categories") == ["Kultur", "Sport"]
    assert checkbox_labels(html, "target_groups") == ["Kinder", "Senioren"]
    assert "Sports" not in checkbox_labels(html, "categories")
    assert checked(html, "categories") == [world["de"]["sport"].pk]


def test_an_english_page_lists_english_terms_with_its_own_ticked(editor, world):
    english_club = world["english_club"]
    # wagtail-localize copies synchronised terms as they are: the German ones.
    assert list(english_club.categories.all()) == [world["de"]["sport"]]
    from wagtail_localize.models import TranslationSource

    # Edit the translation in Wagtail's own editor (as after "convert to manual").
    TranslationSource.objects.all().delete()

    html = editor.get(
        reverse("wagtailadmin_pages:edit", args=[english_club.pk])
    ).content.decode()

    assert checkbox_labels(html, "categories") == ["Culture", "Sports"]
    assert checked(html, "categories") == [world["en"]["sport"].pk]
    assert checked(html, "target_groups") == [world["en"]["kinder"].pk]


def test_a_new_page_under_the_english_tree_lists_english_terms(editor, world):
    english_index = world["english_club"].get_parent()

    response = editor.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["engagement_hub_associations", "associationpage", english_index.pk],
        )
    )

    assert response.status_code == 200
    assert checkbox_labels(response.content.decode(), "categories") == [
        "Culture",
        "Sports",
    ]


def form_for(page, data=None):
    form_class = AssociationPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=None)


def test_a_term_of_another_language_is_refused_with_its_twin_named(world):
    from django.utils import translation

    page = world["club"]
    with translation.override("de"):
        form = form_for(
            page,
            {
                "categories": [str(world["en"]["sport"].pk)],
                "target_groups": [str(world["de"]["kinder"].pk)],
            },
        )
        errors = form.errors

    assert errors["categories"] == [
        "„Sports“ ist ein Begriff auf Englisch, diese Seite ist aber auf Deutsch. "
        "Wählen Sie stattdessen „Sport“."
    ]
    assert "target_groups" not in errors


def test_a_term_without_translation_is_refused_too(world):
    from django.utils import translation

    page = world["english_club"]
    senioren = world["de"]["senioren"]
    with translation.override("de"):
        form = form_for(page, {"target_groups": [str(senioren.pk)]})
        errors = form.errors

    assert "noch keine Übersetzung" in errors["target_groups"][0]
    # "Senioren" has no English twin: the editor is told, not offered one.
    assert not TargetGroup.objects.filter(
        locale=page.locale, translation_key=senioren.translation_key
    ).exists()


def test_the_district_chooser_names_the_language(editor, world):
    html = editor.get(
        reverse("wagtailadmin_pages:edit", args=[world["club"].pk])
    ).content.decode()
    assert "Innenstadt (Deutsch)" in html

    chosen = editor.get(
        reverse(
            "wagtailsnippetchoosers_engagement_hub_core_category:chosen",
            args=[world["en"]["sport"].pk],
        )
    ).json()
    assert chosen["result"]["string"] == "Sports (Englisch)"


def test_permission_rows_name_the_page_language(client, world):
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Beide Sprachen")
    for page in (world["club"], world["english_club"]):
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(codename="change_page"),
        )
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(boss)

    html = client.get(
        reverse("wagtailusers_groups:edit", args=[group.pk])
    ).content.decode()

    assert "SV Schlosspark (Deutsch)" in html
    assert "SV Schlosspark (Englisch)" in html
