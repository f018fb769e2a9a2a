"""The town's look (colours with checked contrast, brand.css, favicon), the shared
form field template with its error summary, and the generated legal pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from engagement_hub.core import brand
from engagement_hub.core.legal import data_kinds
from engagement_hub.core.models import HubSettings, StandardPage
from home.demo import prepare_site

pytestmark = pytest.mark.django_db


def test_contrast_ratios_follow_wcag():
    assert brand.contrast("#ffffff", "#000000") == pytest.approx(21)
    assert brand.contrast("#004f7c", "#ffffff") == pytest.approx(8.6, abs=0.2)
    assert brand.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_on_a_colour_is_chosen_for_contrast():
    assert brand.text_on("#004f7c") == brand.WHITE
    assert brand.text_on("#ffd700") == brand.DARK


@pytest.fixture
def hub():
    _de, _en, home = prepare_site()
    return HubSettings.objects.create(site=home.get_site())


def test_a_light_primary_colour_is_refused_naming_the_ratio(hub):
    hub.brand_colour = "#ffcc00"
    with translation.override("de"):
        with pytest.raises(ValidationError) as error:
            hub.full_clean()
        message = " ".join(error.value.message_dict["brand_colour"])
    assert "Kontrast von 1,51:1" in message and "mindestens 4,5:1" in message


def test_a_dark_colour_passes_and_a_malformed_one_gets_its_own_message(hub):
    hub.brand_colour = "#1d5e20"
    hub.accent_colour = "#8a3b00"
    hub.full_clean()
    hub.accent_colour = "orange"
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            hub.full_clean()
        message = error.value.message_dict["accent_colour"][0]
    assert "six hexadecimal digits" in message


def test_brand_css_and_favicon_use_the_settings(client, hub):
    hub.brand_colour = "#1d5e20"
    hub.save()
    css = client.get("/brand.css?v=x")
    assert css["Content-Type"].startswith("text/css")
    body = css.content.decode()
    assert "--hub-primary:#1d5e20;" in body and "--hub-on-primary:#ffffff;" in body
    svg = client.get("/favicon.svg").content.decode()
    assert 'fill="#1d5e20"' in svg and ">L</text>" in svg  # Stadt Ludwigslust


def test_the_base_template_links_brand_font_icons_and_description(client, hub):
    home = hub.site.root_page
    html = client.get(home.url).content.decode()
    assert f"/brand.css?v={hub.brand_css_version}" in html
    assert "atkinson-hyperlegible-latin-400-normal.woff2" in html
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html


def test_privacy_page_lists_retention_periods_from_the_settings(client, hub):
    home = hub.site.root_page
    page = StandardPage(
        title="Privacy", slug="privacy", legal_template=StandardPage.LEGAL_PRIVACY
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    with translation.override("en"):
        kinds = {kind.key: kind for kind in data_kinds(hub)}
    assert set(kinds) >= {
        "server_logs",
        "newsletter",
        "meetings",
        "rooms",
        "funding",
        "clubs",
        "accounts",
    }
    assert "7 days" in kinds["server_logs"].retention
    # The freshness reminders are named with their interval.
    assert "every 3 months" in kinds["clubs"].purpose
    assert "90 days" in kinds["meetings"].retention
    html = client.get(page.url).content.decode()
    assert "Vorlage – bitte prüfen" in html
    assert "nach Ablauf von 90 Tagen nach dem Termin" in html

    hub.server_log_days = 14
    hub.save()
    with (
        override_settings(
            ENGAGEMENT_HUB_MEETINGS_RETENTION=timedelta(days=30),
            ENGAGEMENT_HUB_NEWSLETTER_CONFIRM_MAX_AGE=timedelta(days=3),
        ),
        translation.override("en"),
    ):
        kinds = {kind.key: kind for kind in data_kinds(hub)}
    assert "14 days" in kinds["server_logs"].retention
    assert "30 days" in kinds["meetings"].retention
    assert "after 3 days" in kinds["newsletter"].retention


def test_a_domain_adds_its_paragraph_to_the_privacy_policy_without_editing_core(
    hub,
):
    from engagement_hub.core import legal

    def describe(hub):
        return [
            legal.DataKind(
                "club_fair", "Club fair", "Names", "To plan", "Art. 6", "Soon"
            )
        ]

    with translation.override("en"):
        before = [kind.key for kind in data_kinds(hub)]
        legal.register_data_kinds("club_fair", describe, order=15)
        try:
            after = [kind.key for kind in data_kinds(hub)]
        finally:
            del legal._DESCRIBERS["club_fair"]
    # The server logs come first; each app's paragraphs stand in their order.
    assert before[0] == "server_logs"
    assert before.index("newsletter") < before.index("meetings") < before.index("clubs")
    assert after == [*before[:2], "club_fair", *before[2:]]


def test_imprint_and_accessibility_statement_render_from_settings(client, hub):
    hub.represented_by = "Bürgermeisterin Erika Beispiel"
    hub.accessibility_gaps = "Alte PDF-Dateien sind nicht barrierefrei."
    hub.save()
    home = hub.site.root_page
    pages = {}
    for kind in (StandardPage.LEGAL_IMPRINT, StandardPage.LEGAL_ACCESSIBILITY):
        page = StandardPage(title=kind, slug=kind, legal_template=kind)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[kind] = client.get(page.url).content.decode()
    assert "Bürgermeisterin Erika Beispiel" in pages["imprint"]
    assert "Fehlt: eine Kontakt-E-Mail-Adresse" in pages["imprint"]
    statement = pages["accessibility"]
    assert "teilweise mit der BITV 2.0" in statement
    assert "Alte PDF-Dateien sind nicht barrierefrei." in statement
    assert "schlichtungsstelle-bgg.de" in statement
    assert "Fehlt: wann die Website zuletzt geprüft wurde" in statement


def test_form_errors_come_with_a_summary_linking_to_the_fields(client, hub):
    response = client.post("/de/newsletter-abo/", {"email": "", "language": "de"})
    html = response.content.decode()
    assert response.status_code == 400  # the view answers invalid input so
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_email"' in html and 'href="#id_consent"' in html
    assert "Please correct" not in html and "Bitte korrigieren" not in html
    # The error sits above the input and describes it; labels have no colon.
    error = html.index('id="id_email_error"')
    assert html.index('<label class="field__label" for="id_email">') < error
    assert error < html.index('name="email"', error)
    assert 'aria-describedby="id_email_error"' in html
    assert "E-Mail-Adresse:" not in html


def test_icon_sprite_is_valid_and_has_every_icon_used():
    """A broken sprite blanks every pictogram at once; a missing symbol one."""
    import pathlib
    import re
    import xml.dom.minidom

    root = pathlib.Path(__file__).resolve().parents[2] / "engagement_hub"
    sprite = (root / "core/static/engagement_hub/icons/sprite.svg").read_text()
    ids = {
        s.getAttribute("id")
        for s in xml.dom.minidom.parseString(sprite).getElementsByTagName("symbol")  # noqa: S318 - our own file
    }
    used = set()
    for template in root.rglob("*.html"):
        used |= set(re.findall(r'{% icon "([a-z-]+)"', template.read_text()))
    assert used and used <= ids, used - ids


def test_saved_settings_show_on_the_next_page(client, hub):
    """The frame reads the settings from its cache; saving them renews it."""
    home = hub.site.root_page
    hub.organisation_name = "Stadt Ludwigslust"
    hub.save()
    assert "Stadt Ludwigslust" in client.get(home.url).content.decode()
    assert "Stadt Ludwigslust" in client.get(home.url).content.decode()
    hub.organisation_name = "Stadt Grabow"
    hub.save()
    html = client.get(home.url).content.decode()
    assert "Stadt Grabow" in html
    assert "Stadt Ludwigslust" not in html


def test_settings_free_text_is_marked_german_on_english_pages():
    from engagement_hub.core.templatetags.hub_tags import settings_text_lang

    with translation.override("de"):
        assert settings_text_lang() == ""
    with translation.override("en"):
        assert settings_text_lang() == ' lang="de"'
