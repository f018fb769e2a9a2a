"""The cached finder, deadline calendar and guide page (``core.render_cache``)
show a publish at once and drop a deadline when it has passed (at midnight)."""

from datetime import date

import time_machine

from tests.funding import factories

FINDER = "finder/?group=association&go=1"


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_new_guide_shows_in_finder_and_calendar(client, funding):
    index = funding["index"]
    html(client, index.url + FINDER)
    html(client, index.url + "calendar/")
    factories.guide(index, "Brandneu", dates=[date(2027, 1, 10)])
    assert "Brandneu" in html(client, index.url + FINDER)
    assert "Brandneu" in html(client, index.url + "calendar/")


def test_republished_guides_change_finder_and_calendar(client, funding, frozen):
    """Publishing guides that are already listed (only their rows are read again,
    not all guides) shows at once in the finder and the calendar."""
    index = funding["index"]
    for url in (FINDER, "calendar/"):
        page = html(client, index.url + url)
        assert "Jugendfonds" in page and "Großprojekte" in page
    frozen.shift(60)
    jugend = funding["pages"]["jugend"]
    jugend.title = "Jugendkasse"
    jugend.short_description = "Jugendkasse: Geld für junge Leute."
    jugend.plain_summary = "Die Jugendkasse gibt Geld für Vereine."
    jugend.save_revision().publish()
    frozen.shift(60)
    gross = funding["pages"]["gross"]
    gross.closed = True
    gross.save_revision().publish()
    for url in (FINDER, "calendar/"):
        page = html(client, index.url + url)
        assert "Jugendkasse" in page
        assert "Jugendfonds" not in page
        assert "Großprojekte" not in page


def test_edit_shows_on_guide_page(client, funding):
    guide = funding["pages"]["jugend"]
    html(client, guide.url)
    guide.plain_summary = "Jetzt auch für Chöre."
    guide.save_revision().publish()
    assert "Jetzt auch für Chöre." in html(client, guide.url)


def test_passed_deadline_leaves_calendar_at_midnight(client, funding):
    index = funding["index"]
    factories.guide(index, "Kurzfristig", dates=[date(2026, 12, 2)])
    before = html(client, index.url + "calendar/").count("Kurzfristig")
    assert before == 2  # the upcoming list and the month grid
    guide = html(client, index.url + "kurzfristig/")
    with time_machine.travel("2026-12-03 00:05 +01:00", tick=False):
        # Only the month grid still names the day.
        assert html(client, index.url + "calendar/").count("Kurzfristig") == 1
        assert html(client, index.url + "kurzfristig/") != guide
