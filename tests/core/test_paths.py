"""The hub's own public paths are in the visitor's language (``/de/suche/``,
``/en/search/``), the language switcher maps one onto the other, and links written
with the old English paths under ``/de/`` (in mails already sent) keep working."""

import pytest
from django.urls import reverse
from django.utils import translation

from engagement_hub.mailings import tokens
from engagement_hub.mailings.models import Subscriber

pytestmark = pytest.mark.django_db

GERMAN = {
    "search": "/de/suche/",
    "engagement_hub_mailings:subscribe": "/de/newsletter-abo/",
    "engagement_hub_mailings:subscribe_done": "/de/newsletter-abo/danke/",
}
ENGLISH = {
    "search": "/en/search/",
    "engagement_hub_mailings:subscribe": "/en/subscription/",
    "engagement_hub_mailings:subscribe_done": "/en/subscription/thanks/",
}


def test_paths_are_in_the_visitors_language():
    for language, expected in (("de", GERMAN), ("en", ENGLISH)):
        with translation.override(language):
            assert {name: reverse(name) for name in expected} == expected
    with translation.override("de"):
        token_paths = [
            reverse("engagement_hub_mailings:unsubscribe", args=["t"]),
            reverse("engagement_hub_mailings:preferences", args=["t"]),
            reverse("engagement_hub_mailings:confirm", args=["t"]),
            reverse("engagement_hub_associations:accept", args=["t"]),
            reverse("engagement_hub_associations:confirm_entry", args=["t"]),
        ]
    assert token_paths == [
        "/de/newsletter-abo/abmelden/t/",
        "/de/newsletter-abo/einstellungen/t/",
        "/de/newsletter-abo/bestaetigen/t/",
        "/de/vereinszugang/t/",
        "/de/vereinseintrag/bestaetigen/t/",
    ]


def test_language_switcher_maps_the_translated_paths(client, site_tree):
    response = client.get("/de/suche/", {"q": "Sport"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/search/?q=Sport"' in html
    response = client.get("/en/subscription/")
    assert 'href="/de/newsletter-abo/"' in response.content.decode()


def test_old_paths_redirect_to_the_visitors_language(client, site_tree):
    response = client.get("/de/search/", {"q": "Sport"})
    assert response.status_code == 301
    assert response["Location"] == "/de/suche/?q=Sport"
    response = client.get("/de/subscription/unsubscribe/abc/")
    assert response.status_code == 301
    assert response["Location"] == "/de/newsletter-abo/abmelden/abc/"
    response = client.get("/de/club-invitation/abc/")
    assert response["Location"] == "/de/vereinszugang/abc/"


def test_one_click_unsubscribe_on_an_old_link_still_unsubscribes(client, site_tree):
    subscriber = Subscriber.objects.create(
        email="alt@example.org", language="de", status=Subscriber.Status.SUBSCRIBED
    )
    token = tokens.make(tokens.UNSUBSCRIBE_SALT, s=subscriber.pk)
    response = client.post(
        f"/de/subscription/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status != Subscriber.Status.SUBSCRIBED


@pytest.fixture
def translated_page(site_tree, django_capture_on_commit_callbacks):
    from engagement_hub.core.demo_tools import get_or_create_child, translate
    from engagement_hub.core.models import StandardPage

    with django_capture_on_commit_callbacks(execute=True):
        page = get_or_create_child(
            site_tree["de"], StandardPage, "ueber-uns", title="Über uns"
        )
        english = translate(page, site_tree["locales"][1], {"Über uns": "About us"})
    return page, english


def test_a_translated_page_has_its_own_slug(client, translated_page):
    page, english = translated_page
    assert english.slug == "about-us"
    assert client.get("/en/about-us/").status_code == 200
    assert client.get("/de/ueber-uns/").status_code == 200


def test_the_other_languages_path_leads_to_the_translation(client, translated_page):
    # (Wagtail itself redirected the copy's old address when the slug was
    # translated; an editor's redirect comes first.)
    response = client.get("/en/ueber-uns/")
    assert response.status_code == 301
    assert response["Location"].endswith("/en/about-us/")
    response = client.get("/de/about-us/", {"x": "1"})
    assert response.status_code == 301
    assert response["Location"].endswith("/de/ueber-uns/?x=1")
    # Neither a page nor a translation: a 404 as before; POST is never redirected.
    assert client.get("/en/gibt-es-nicht/").status_code == 404
    assert client.post("/de/about-us/").status_code != 301


@pytest.mark.parametrize("path", ["/en/%00", "/de/newsletter/%00", "/en/%FF%FE/"])
def test_a_path_no_page_can_have_stays_a_404(client, translated_page, path):
    # A NUL byte is never looked up (PostgreSQL refuses it in a query).
    assert client.get(path).status_code == 404
