"""The newsletter's public pages in a real browser: accessible in German and English,
the sign-up journey, and one-click unsubscribe by button."""

from __future__ import annotations

import pytest
from django.core import signing

pytestmark = pytest.mark.browser

# Same salt as engagement_hub.mailings.tokens; test settings share the SECRET_KEY
# with the server, so the test can sign a token the server accepts.
UNSUBSCRIBE_SALT = "engagement_hub.mailings.unsubscribe"


def unsubscribe_token(email: str) -> str:
    return signing.dumps({"e": email}, salt=UNSUBSCRIBE_SALT, compress=False)


PAGES = [
    ("newsletter index", "/{lang}/newsletter/"),
    ("newsletter issue", "/{lang}/newsletter/dezember/"),
    ("sign-up", "/{lang}/subscription/"),
    ("check your inbox", "/{lang}/subscription/thanks/"),
    ("broken link", "/{lang}/subscription/confirm/not-a-token/"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(page, assert_accessible, language, name, url):
    page.goto(url.format(lang=language))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_unsubscribe_pages_are_accessible(page, assert_accessible, language):
    token = unsubscribe_token(f"browser-{language}@example.org")
    page.goto(f"/{language}/subscription/unsubscribe/{token}/")
    assert_accessible(page)
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() in {
        "Sie sind abgemeldet",
        "You are unsubscribed",
    }
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_form_errors_are_accessible(page, assert_accessible, language):
    page.goto(f"/{language}/subscription/")
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page)


def test_sign_up_journey(page):
    page.goto("/en/newsletter/")
    form = page.locator("main form.newsletter-form")
    form.get_by_label("Email address").fill("journey@example.org")
    form.get_by_label("New offers").check()
    form.get_by_role("checkbox", name="I would like to receive").check()
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/en/subscription/thanks/")
    assert page.locator("h1").inner_text() == "Please check your inbox"


def serve(html: bytes):
    def handler(route) -> None:
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    return handler


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_token_pages_are_accessible(
    page, assert_accessible, client, site_tree, language
):
    """Confirmation and preference pages need a sign-up in the database: render them
    here and serve them to the browser under the hub's address (its CSS applies)."""
    from django.urls import reverse
    from django.utils import translation

    from engagement_hub.mailings import tokens
    from engagement_hub.mailings.models import Consent, Subscriber

    subscriber = Subscriber.objects.create(email=f"token-{language}@example.org")
    consent = Consent.objects.create(
        subscriber=subscriber, text="Ja", text_version="1", language=language
    )
    confirm = tokens.make(tokens.CONFIRM_SALT, s=subscriber.pk, c=consent.pk)
    preferences = tokens.make(tokens.PREFERENCES_SALT, s=subscriber.pk)
    with translation.override(language):
        confirm_url = reverse("engagement_hub_mailings:confirm", args=[confirm])
        preferences_url = reverse(
            "engagement_hub_mailings:preferences", args=[preferences]
        )
    rendered = {
        "confirm": client.get(confirm_url).content,
        "confirmed": client.post(confirm_url).content,
        "preferences": client.get(preferences_url).content,
    }
    for name, html in rendered.items():
        path = f"/{language}/subscription/{name}-preview/"
        page.route(f"**{path}", serve(html))
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("main button, main a").count() >= 1
        assert_accessible(page)
