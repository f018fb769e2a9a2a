"""ENGAGEMENT_HUB_UNTRANSLATED_PAGES: a page nobody translated is shown with a notice
(the default) or hidden from the other language until it is translated."""

import pytest

from engagement_hub.core.demo_tools import get_or_create_child, translate
from engagement_hub.core.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree, django_capture_on_commit_callbacks):
    home, english = site_tree["de"], site_tree["locales"][1]
    with django_capture_on_commit_callbacks(execute=True):
        done = get_or_create_child(
            home, StandardPage, "ueber-uns", title="Über uns", show_in_menus=True
        )
        translate(done, english, {"Über uns": "About us"})
        waiting = get_or_create_child(
            home, StandardPage, "vereinsfest", title="Vereinsfest", show_in_menus=True
        )
    # wagtail-localize's synchronised copy (as its tree sync makes it on publish).
    copy = waiting.get_translation_or_none(english) or waiting.copy_for_translation(
        english, alias=True
    )
    assert copy.alias_of_id == waiting.pk
    return {"done": done, "waiting": waiting, "copy": copy}


def test_notice_shows_the_copy_marked_as_german(client, pages):
    response = client.get("/en/vereinsfest/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "has not been translated yet" in html and '<main id="main"' in html
    assert 'lang="de"' in html[html.index('<main id="main"') :][:200]
    assert 'href="/en/vereinsfest/"' in client.get("/en/").content.decode()


def test_hide_keeps_the_copy_out_of_the_english_site(client, pages, settings):
    settings.ENGAGEMENT_HUB_UNTRANSLATED_PAGES = "hide"
    response = client.get("/en/vereinsfest/")
    assert response.status_code == 302
    assert response["Location"] == "/de/vereinsfest/"
    english_home = client.get("/en/").content.decode()
    assert 'href="/en/about-us/"' in english_home  # translated: in the menu
    assert "/en/vereinsfest/" not in english_home
    # On the German original, "English" leads to the English home page.
    german = client.get("/de/vereinsfest/").content.decode()
    switcher = german[german.index('class="language-switcher"') :]
    assert 'href="/en/"' in switcher[: switcher.index("</nav>")]
    assert '<link rel="alternate" hreflang="en"' not in german
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/about-us/" in sitemap and "/en/vereinsfest/" not in sitemap
    assert "/de/vereinsfest/" in sitemap


def test_a_wrong_setting_stops_start_up(settings):
    from engagement_hub.core.checks import check_untranslated_pages

    settings.ENGAGEMENT_HUB_UNTRANSLATED_PAGES = "maybe"
    (error,) = check_untranslated_pages()
    assert error.id == "engagement_hub.E011"
