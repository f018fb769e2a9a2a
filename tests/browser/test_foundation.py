"""The foundation's pages in a real browser: accessible, bilingual, self-contained."""

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    ("home", "/de/", "/en/"),
    ("standard page", "/de/impressum/", "/en/imprint/"),
    (
        "accessibility statement",
        "/de/barrierefreiheit/",
        "/en/accessibility-statement/",
    ),
    ("search results", "/de/suche/?q=Ludwigslust", "/en/search/?q=Ludwigslust"),
    ("search without results", "/de/suche/?q=zzzqqq", "/en/search/?q=zzzqqq"),
    ("not found", "/de/gibt-es-nicht/", "/en/does-not-exist/"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "de_url", "en_url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(
    page, assert_accessible, language, name, de_url, en_url
):
    url = de_url if language == "de" else en_url
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page):
    page.goto("/de/impressum/")
    assert page.locator("h1").inner_text() == "Impressum"
    page.get_by_role("navigation", name="Sprache").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url("**/en/imprint/")
    assert page.locator("h1").inner_text() == "Imprint"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Deutsch"
    ).click()
    page.wait_for_url("**/de/impressum/")


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/de/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Hauptinhalt springen")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_from_the_header(page):
    page.goto("/en/")
    page.get_by_role("searchbox", name="Search the hub").fill("privacy")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/search/?q=privacy")
    results = page.get_by_role("main")
    assert results.get_by_role("link", name="Privacy policy").is_visible()


def test_phone_width_has_no_horizontal_scroll(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/de/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phones_get_the_pages_behind_a_menu_button(page):
    page.set_viewport_size({"width": 390, "height": 740})
    page.goto("/de/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    offers = nav.get_by_role("link", name="Angebote")
    assert not offers.is_visible()
    assert nav.get_by_role("searchbox").is_visible()
    nav.locator("summary", has_text="Menü").click()
    offers.click()
    page.wait_for_url("**/de/angebote/")
    page.set_viewport_size({"width": 1280, "height": 900})
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    assert not nav.locator("summary", has_text="Menü").is_visible()
    assert nav.get_by_role("link", name="Angebote").is_visible()
