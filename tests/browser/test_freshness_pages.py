"""The freshness mail's confirmation pages in a real browser: axe-clean in German
and English, reflowing at 320 px, and the link works once.

The demo leaves one open freshness check (the first of its database, pk 1); test
settings share the SECRET_KEY with the server, so the test signs its link."""

from __future__ import annotations

import pytest
from django.core import signing

pytestmark = pytest.mark.browser

SALT = "engagement_hub.associations.freshness"  # engagement_hub.associations.freshness


def reflows(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 640})
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 800})
    return wide <= 320


def test_confirmation_link_works_once_and_every_state_is_accessible(
    page, assert_accessible
):
    token = signing.dumps({"c": 1}, salt=SALT, compress=False)
    for language in ("de", "en"):
        page.goto(f"/{language}/club-entry/confirm/not-a-token/")
        assert page.locator("h1").inner_text() in {
            "Dieser Link funktioniert nicht",
            "This link does not work",
        }
        assert_accessible(page)
        assert reflows(page)
        page.goto(f"/{language}/club-entry/confirm/{token}/")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
        assert reflows(page)
    # German: confirm with the button.
    page.goto(f"/de/vereinseintrag/bestaetigen/{token}/")
    page.locator("main").get_by_role("button", name="Ja, noch aktuell").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Vielen Dank, Ihr Eintrag ist bestätigt"
    assert_accessible(page)
    assert reflows(page)
    # The link again, in English: already used.
    page.goto(f"/en/club-entry/confirm/{token}/")
    assert page.locator("h1").inner_text() == "This entry is already confirmed"
    assert page.locator("main button").count() == 0
    assert_accessible(page)
    assert reflows(page)
