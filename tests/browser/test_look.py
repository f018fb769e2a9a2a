"""The finished look in a real browser: the form error summary (focused, linking to
the field), the generated legal pages and the forms with errors accessible and
reflowing at 320 px in German and English, and the font, icons and brand colours
served from the hub itself."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LEGAL = {
    "de": ["/de/impressum/", "/de/datenschutz/", "/de/barrierefreiheit/"],
    "en": ["/en/imprint/", "/en/privacy-policy/", "/en/accessibility-statement/"],
}


def submit_empty_sign_up(page, language):
    page.goto(f"/{language}/subscription/")
    page.locator("main form.newsletter-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["de", "en"])
def test_error_summary_is_focused_and_links_to_the_field(page, language):
    submit_empty_sign_up(page, language)
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    link = summary.locator("a[href='#id_email']")
    assert link.count() == 1
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    # The error is next to its label, above the input, and describes it.
    described = page.locator("#id_email").get_attribute("aria-describedby")
    assert "id_email_error" in described.split()
    box = page.locator("#id_consent").bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("language", ["de", "en"])
def test_legal_pages_and_form_errors_are_accessible_and_reflow(
    page, assert_accessible, language, width
):
    page.set_viewport_size({"width": width, "height": 800})
    for url in LEGAL[language]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator(".legal-draft").count() == 1, url
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert_accessible(page)
    submit_empty_sign_up(page, language)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)


def test_font_icons_and_colours_come_from_the_hub(page):
    page.goto("/de/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')"), (
        "the self-hosted font did not load"
    )
    assert (
        page.evaluate(
            "getComputedStyle(document.documentElement)"
            ".getPropertyValue('--hub-on-primary').trim()"
        )
        == "#ffffff"
    )
    icons = page.locator(".entry-point__icon")
    assert icons.count() >= 4
    assert icons.first.get_attribute("aria-hidden") == "true"
