"""While untranslated pages are hidden, an English listing shows only offers that
have been translated; its counts agree."""

import pytest

from engagement_hub.core.demo_tools import translate

pytestmark = pytest.mark.django_db


def test_english_listing_shows_only_translated_offers(
    client, directory, site_tree, settings, django_capture_on_commit_callbacks
):
    english = site_tree["locales"][1]
    with django_capture_on_commit_callbacks(execute=True):
        translate(directory["index"], english, {"Angebote": "Offers"})
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            directory["pages"]["kinderturnen"],
            english,
            {"Kinderturnen": "Children's gymnastics"},
        )
        others = [p for s, p in directory["pages"].items() if s != "kinderturnen"]
        for page in others:  # the synchronised copies of the untranslated ones
            if page.get_translation_or_none(english) is None:
                page.copy_for_translation(english, alias=True)
    shown = client.get("/en/offers/").content.decode()
    assert "Children" in shown
    assert any(p.title in shown for p in others)  # notice: the copies are listed

    settings.ENGAGEMENT_HUB_UNTRANSLATED_PAGES = "hide"
    hidden = client.get("/en/offers/").content.decode()
    assert "Children" in hidden
    assert not any(f">{p.title}<" in hidden for p in others)
    assert "1 offer found" in hidden
