"""The welcome page and its printable handout with QR codes."""

import re

import pytest

from engagement_hub.core.demo_tools import translate
from tests.offers import factories


@pytest.fixture
def welcome(directory):
    pages = directory["pages"]
    return factories.welcome_page(
        directory["home"],
        [
            ("heading", "Für Kinder"),
            ("offer", {"page": pages["kinderturnen"], "note": "Einfach vorbeikommen."}),
            ("offer", {"page": pages["malkurs"], "note": ""}),
            ("association", {"page": directory["club"], "note": ""}),
        ],
    )


def test_welcome_page_lists_the_chosen_entries(client, welcome):
    html = client.get(welcome.url).content.decode()
    for title in ("Kinderturnen", "Malkurs", "Turnverein Techentin", "Für Kinder"):
        assert title in html
    assert 'href="/de/willkommen/handout/"' in html
    assert '<meta property="og:title" content="Willkommen">' in html


def test_unpublished_entries_are_left_out(client, welcome, directory):
    directory["pages"]["malkurs"].unpublish()
    html = client.get(welcome.url + "handout/").content.decode()
    assert "Malkurs" not in html


def test_handout_has_a_named_qr_code_and_the_address_per_entry(client, welcome):
    response = client.get(welcome.url + "handout/")
    assert response.status_code == 200
    html = response.content.decode()
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) == 3
    assert all('role="img"' in svg and "aria-label=" in svg for svg in svgs)
    assert "http://testserver/de/angebote/kinderturnen/" in html
    assert "handout.css" in html
    assert '<html lang="de">' in html
    assert "https://" not in html.replace("https://schema.org", "")  # no third party


def test_handout_in_english(
    client, welcome, directory, django_capture_on_commit_callbacks
):
    en = (
        directory["home"]
        .get_translation(
            directory["home"].locale.__class__.objects.get(language_code="en")
        )
        .locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(directory["index"], en, {})
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            directory["pages"]["kinderturnen"],
            en,
            {"Kinderturnen": "Children's gymnastics"},
        )
        translate(welcome, en, {"Willkommen": "Welcome", "Für Kinder": "For children"})
    html = client.get("/en/welcome/handout/").content.decode()
    assert "Children&#x27;s gymnastics" in html or "Children's gymnastics" in html
    assert "For children" in html
    assert "http://testserver/en/angebote/childrens-gymnastics/" in html


def test_handout_says_when_and_where_and_whom_to_ask(client, welcome, directory):
    from engagement_hub.core.models import HubSettings

    HubSettings.objects.update_or_create(
        site=directory["home"].get_site(),
        defaults={
            "organisation_name": "Stadt Ludwigslust",
            "contact_email": "engagement@ludwigslust.example",
            "contact_phone": "03874 000000",
        },
    )
    html = client.get(welcome.url + "handout/").content.decode()
    kinderturnen = directory["pages"]["kinderturnen"]
    slot = kinderturnen.schedule.first()
    assert "<dt>Wann</dt>" in html
    assert slot.get_weekday_display() in html
    assert slot.start_time.strftime("%H:%M") in html
    if kinderturnen.address_lines:
        assert "<dt>Wo</dt>" in html and kinderturnen.address_lines[0] in html
    assert "Fragen? Sprechen Sie uns an" in html
    assert "engagement@ludwigslust.example" in html and "03874 000000" in html
