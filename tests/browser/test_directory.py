"""A resident finds an offer in a real browser, in English and German; every page
type of the directory passes axe-core in both languages."""

import re

import pytest

pytestmark = pytest.mark.browser

# Labels of the journey in each language (the demo's showcase offer is free, for
# ages 8 to 14, on Tuesday at 15:00, by the "Lesepaten Ludwigslust").
JOURNEY = {
    "en": {
        "age": "Age of the person",
        "weekday": "Weekday",
        "time": "Time of day",
        "tuesday": "Tuesday",
        "afternoon": "Afternoon",
        "cost": "Cost",
        "free": "Free of charge",
        "submit": "Show results",
        "offer": "Homework help",
        "back": "Back to the list",
    },
    "de": {
        "age": "Alter der Person",
        "weekday": "Wochentag",
        "time": "Tageszeit",
        "tuesday": "Dienstag",
        "afternoon": "Nachmittag",
        "cost": "Kosten",
        "free": "Kostenlos",
        "submit": "Ergebnisse anzeigen",
        "offer": "Hausaufgabenhilfe",
        "back": "Zurück zur Liste",
    },
}
CLUB = "Lesepaten Ludwigslust"
OFFERS = {"de": "/de/angebote/", "en": "/en/offers/"}
FILTERS = ("age=10", "weekday=1", "time=afternoon", "cost=free")


def starts_with(text: str):
    return re.compile(rf"^{re.escape(text)}\b")


@pytest.mark.parametrize("language", ["en", "de"])
def test_find_a_free_tuesday_afternoon_offer_for_a_ten_year_old(
    page, assert_accessible, language
):
    words = JOURNEY[language]
    page.goto(OFFERS[language])
    filters = page.locator("form.directory-filters")
    filters.get_by_label(words["age"]).fill("10")
    # Each facet is a closed disclosure until something in it is chosen.
    tuesday = filters.get_by_role("checkbox", name=starts_with(words["tuesday"]))
    assert not tuesday.is_visible()
    for facet in ("weekday", "time", "cost"):
        filters.locator("summary", has_text=words[facet]).click()
    tuesday.check()
    filters.get_by_role("checkbox", name=starts_with(words["afternoon"])).check()
    filters.get_by_role("group", name=words["cost"]).get_by_role(
        "radio", name=re.compile(rf"^{re.escape(words['free'])} \(")
    ).check()
    filters.get_by_role("button", name=words["submit"]).click()
    page.wait_for_url(re.compile(r".*age=10.*"))
    for item in FILTERS:
        assert item in page.url
    status = page.get_by_role("status")
    assert re.match(r"^\d+ ", status.inner_text())
    assert_accessible(page)

    card = page.locator("li.card", has_text=CLUB)
    card.get_by_role("link", name=words["offer"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == words["offer"]
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name=CLUB).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == CLUB
    assert page.locator("html").get_attribute("lang") == language

    page.go_back()
    page.get_by_role("link", name=words["back"]).click()
    page.wait_for_url(re.compile(rf".*{OFFERS[language]}\?.*"))
    for item in FILTERS:
        assert item in page.url
    filters = page.locator("form.directory-filters")
    assert filters.get_by_label(words["age"]).input_value() == "10"
    # The facets in use stay open, with the number chosen in their summary.
    tuesday = filters.get_by_role("checkbox", name=starts_with(words["tuesday"]))
    assert tuesday.is_visible() and tuesday.is_checked()
    assert re.search(
        r"\(1 ", filters.locator("summary", has_text=words["weekday"]).inner_text()
    )
    assert page.locator("li.card", has_text=CLUB).count() == 1


PAGES = [
    ("association directory", "/{lang}/vereine/"),
    (
        "association directory, filtered",
        "/{lang}/vereine/?category=sport&weekday=1&volunteers=yes&age=8",
    ),
    (
        "association directory, no results",
        "/{lang}/vereine/?category=feuerwehr&language=vi&cost=free",
    ),
    ("association", "/{lang}/vereine/sv-schlosspark/"),
    ("outdated association", "/{lang}/vereine/ttc-hornkaten/"),
    ("offer directory", "/{lang}/angebote/"),
    (
        "offer directory, filtered",
        "/{lang}/angebote/?age=10&weekday=1&time=afternoon&cost=free&sort=newest",
    ),
    (
        "offer directory, bad input",
        "/{lang}/angebote/?age=abc&category=nope&q=" + "x" * 300,
    ),
    ("offer", "/{lang}/angebote/hausaufgabenhilfe/"),
    ("volunteering offer", "/{lang}/angebote/helfer-sportfest/"),
    ("welcome page", "/{lang}/willkommen/"),
    ("welcome handout", "/{lang}/willkommen/handout/"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_directory_pages_have_no_axe_violations(
    page, assert_accessible, language, name, url
):
    response = page.goto(url.format(lang=language))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_handout_prints_on_a4_with_a_qr_code_per_entry(page):
    page.goto("/en/welcome/handout/")
    page.emulate_media(media="print")
    assert not page.locator(".no-print").first.is_visible()
    codes = page.locator(".handout__qr svg[role=img]")
    assert codes.count() >= 8
    assert codes.first.get_attribute("aria-label").startswith("QR code")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


PHONE_JOURNEY = {
    "de": (
        "Für Kinder und Familien",
        "Alter der Person",
        "Nachmittags unter der Woche",
        "Kostenlos",
    ),
    "en": (
        "For children and families",
        "Age of the person",
        "Weekday afternoons",
        "Free of charge",
    ),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_phone_free_weekday_afternoon_offer_for_a_ten_year_old_in_four_steps(
    page, assert_accessible, language
):
    """From the home page on a phone: the entry point, the age, two one-tap
    filters. Each step lands on the results, and every result fits."""
    entry, age, afternoons, free = PHONE_JOURNEY[language]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{language}/")
    steps = 0

    page.get_by_role("link", name=re.compile(rf"^{re.escape(entry)}")).click()
    steps += 1
    page.wait_for_load_state()
    filters = page.locator("form.directory-filters")
    filters.get_by_label(age).fill("10")
    filters.get_by_label(age).press("Enter")  # typing and Enter: one step
    steps += 1
    page.wait_for_url(re.compile(r".*age=10.*#results-heading$"))
    for label in (afternoons, free):
        filters.locator(".quick-filters").get_by_role("link", name=label).click()
        steps += 1
        page.wait_for_load_state()
        # The results heading is on screen, not the top of the form.
        box = page.locator("#results-heading").bounding_box()
        assert -2 <= box["y"] < 844, box
    assert steps <= 5
    for item in ("age=10", "weekday=mo-fr", "time=afternoon", "cost=free"):
        assert item in page.url
    cards = page.locator("li.card")
    assert cards.count() >= 1
    assert CLUB in page.locator(".directory-list").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
