"""Both languages render, and a visitor can switch to the same page in the other one."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.models import Locale

from engagement_hub.core.models import StandardPage


def test_root_redirects_to_german(db, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_root_redirects_an_english_browser_to_english(db, client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("path", "lang", "title", "skip_link"),
    [
        ("/de/", "de", "Engagement in Ludwigslust", "Zum Hauptinhalt springen"),
        ("/en/", "en", "Volunteering in Ludwigslust", "Skip to main content"),
    ],
)
def test_home_page_renders_in_each_language(
    site_tree, client, path, lang, title, skip_link
):
    response = client.get(path)
    assertContains(response, f'<html lang="{lang}">')
    assertContains(response, title)
    assertContains(response, skip_link)


def test_german_interface_is_german(site_tree, client):
    response = client.get("/de/")
    for text in ("Vereine und Ehrenamt", "Hauptnavigation", "Im Hub suchen"):
        assertContains(response, text)
    for text in ("Clubs and volunteering", "Main navigation", "Skip to main content"):
        assertNotContains(response, text)


def test_english_interface_is_english(site_tree, client):
    response = client.get("/en/")
    for text in ("Clubs and volunteering", "Main navigation", "Search the hub"):
        assertContains(response, text)
    assertNotContains(response, "Vereine und Ehrenamt")


@pytest.mark.parametrize(
    ("path", "other_path", "other_lang", "other_name"),
    [
        ("/de/impressum/", "/en/imprint/", "en", "English"),
        ("/en/imprint/", "/de/impressum/", "de", "Deutsch"),
        ("/de/", "/en/", "en", "English"),
        ("/en/", "/de/", "de", "Deutsch"),
    ],
)
def test_switcher_links_to_the_same_page_in_the_other_language(
    legal_pages, client, path, other_path, other_lang, other_name
):
    response = client.get(path)
    assertContains(
        response,
        f'<a href="{other_path}" lang="{other_lang}" hreflang="{other_lang}">'
        f"{other_name}</a>",
        html=True,
    )


@pytest.mark.parametrize("path", ["/de/impressum/", "/en/imprint/"])
def test_head_names_both_language_versions(legal_pages, client, path):
    response = client.get(path)
    for lang, slug in (("de", "impressum"), ("en", "imprint")):
        assertContains(
            response,
            f'<link rel="alternate" hreflang="{lang}" '
            f'href="http://testserver/{lang}/{slug}/">',
            html=True,
        )


def test_english_page_shows_english_content(legal_pages, client):
    response = client.get("/en/imprint/")
    assertContains(response, "<h1>Imprint</h1>", html=True)
    assertContains(response, "Information according to § 5 DDG.")
    assertNotContains(response, "Angaben gemäß")


def test_page_without_english_translation_switches_to_english_home(site_tree, client):
    page = StandardPage(title="Nur auf Deutsch", slug="nur-deutsch")
    site_tree["de"].add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/de/nur-deutsch/")

    assertContains(
        response, '<a href="/en/" lang="en" hreflang="en">English</a>', html=True
    )
    # No English version: search engines are not told about one.
    assertNotContains(response, 'hreflang="en" href=')
    assertContains(
        response,
        '<link rel="alternate" hreflang="de" href="http://testserver/de/nur-deutsch/">',
        html=True,
    )


def test_search_page_switcher_keeps_the_query(site_tree, client):
    response = client.get("/de/suche/", {"q": "Sport"})
    assertContains(
        response,
        '<a href="/en/search/?q=Sport" lang="en" hreflang="en">English</a>',
        html=True,
    )


def test_footer_links_legal_pages_in_the_active_language(legal_pages, client):
    german = client.get("/de/").text
    english = client.get("/en/").text

    assert '<a href="/de/impressum/">Impressum</a>' in german
    assert '<a href="/en/imprint/">Imprint</a>' in english
    assert '<a href="/en/privacy-policy/">Privacy policy</a>' in english
    assert "Datenschutzerklärung" not in english


def test_sitemap_lists_both_languages(legal_pages, client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    for path in ("/de/", "/en/", "/de/impressum/", "/en/imprint/"):
        assert f"<loc>http://localhost{path}</loc>" in response.text


def test_unpublished_translation_falls_back_to_the_german_legal_page(
    legal_pages, client
):
    english = legal_pages["impressum"].get_translation(
        Locale.objects.get(language_code="en")
    )
    english.unpublish()

    footer = client.get("/en/").text

    assert '<a href="/de/impressum/">Impressum</a>' in footer
    assert '<a href="/en/privacy-policy/">Privacy policy</a>' in footer


def test_unpublished_legal_page_leaves_the_footer(legal_pages, client):
    for page in legal_pages["datenschutz"].get_translations(inclusive=True):
        page.unpublish()

    assert "datenschutz" not in client.get("/de/").text
    assert "datenschutz" not in client.get("/en/").text


def test_english_dates_are_british_with_a_24_hour_clock():
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 11, 30, 18, 30)
    with translation.override("en"):
        assert formats.date_format(moment) == "30 November 2026"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "30/11/2026"
        assert formats.time_format(moment.time()) == "18:30"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
    with translation.override("de"):
        assert formats.date_format(moment) == "30. November 2026"


def test_an_untranslated_page_says_so_and_is_marked_german(site_tree, client):
    """wagtail-localize puts a synchronised copy (an alias) of a new German page
    under /en/ until it is translated: English chrome, German content."""
    home = site_tree["de"]
    page = StandardPage(title="Vereinsfest", slug="vereinsfest", introduction="Hallo")
    home.add_child(instance=page)
    page.save_revision().publish()
    copy = page.copy_for_translation(site_tree["locales"][1], alias=True)
    html = client.get(copy.url).content.decode()
    assert '<html lang="en">' in html
    assert '<main id="main" tabindex="-1" class="container" lang="de">' in html
    assert (
        '<p class="notice untranslated-notice" lang="en">This page has not been '
        "translated yet; it is shown in German.</p>"
    ) in html
    # Not announced as an English version, on either page.
    assert 'hreflang="en"' not in html
    german = client.get(page.url).content.decode()
    assert f'<a href="{copy.url}" lang="en">English</a>' in german
    assert '<link rel="alternate" hreflang="en"' not in german
    assert "untranslated-notice" not in german


def test_the_cached_locales_follow_a_new_locale(db):
    """``default_locale`` and ``active_locale`` read the locales from the chrome
    cache; adding a locale renews it."""
    from django.utils import translation

    from engagement_hub.core.chrome_cache import active_locale, default_locale

    Locale.objects.filter(language_code="en").delete()
    german = Locale.get_default()
    assert default_locale().pk == german.pk
    with translation.override("en"):
        # No English locale: the default one, as ``Locale.get_active()`` says.
        assert active_locale().pk == german.pk == Locale.get_active().pk
        english = Locale.objects.create(language_code="en")
        assert active_locale().pk == english.pk
        assert active_locale().language_code == "en"
    assert default_locale().pk == german.pk
