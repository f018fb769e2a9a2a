"""The cached finder, deadline calendar and guide page (``core.render_cache``)
show a publish at once and drop a deadline when it has passed (at midnight)."""

from datetime import date

import time_machine

from tests.funding import factories

FINDER = "finder/?group=association&go=1"


def rename_jugend(funding):
    """An editor renames the youth fund and publishes it."""
    jugend = funding["pages"]["jugend"]
    jugend.title = "Jugendkasse"
    jugend.short_description = "Jugendkasse: Geld für junge Leute."
    jugend.plain_summary = "Die Jugendkasse gibt Geld für Vereine."
    jugend.save_revision().publish()
    return jugend


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
    rename_jugend(funding)
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


def _fresh_feed(client, index) -> bytes:
    """The all-deadlines feed computed without any cache, as the code before the
    per-guide caching made it: every event built and serialised at once."""
    from django.test import RequestFactory
    from django.utils import translation

    from engagement_hub.funding import ics, views

    request = RequestFactory().get(index.url + "calendar/ical/")  # as the client
    found = [o for _guide, occs in views.feed_occurrences(index, request) for o in occs]
    with translation.override("de"):
        return ics.calendar_response(
            found, request, translation.gettext("Funding deadlines")
        ).content


def test_cached_feed_equals_a_fresh_one_after_a_publish(client, funding, frozen):
    """After a publish only that guide's events are made again; the feed is byte
    for byte the one made from scratch (UIDs stable), and shows the change."""
    import icalendar

    index = funding["index"]
    url = index.url + "calendar/ical/"
    before = client.get(url).content
    assert before == _fresh_feed(client, index)
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(before).walk("VEVENT")}
    frozen.shift(60)
    jugend = funding["pages"]["jugend"]
    jugend.title = "Jugendkasse"
    jugend.save_revision().publish()
    after = client.get(url).content
    assert b"Jugendkasse" in after and b"Jugendkasse" not in before
    assert after == _fresh_feed(client, index)
    events = icalendar.Calendar.from_ical(after).walk("VEVENT")
    assert {str(e["uid"]) for e in events} == uids


def test_feed_drops_unpublished_and_closed_guides(client, funding, frozen):
    index = funding["index"]
    url = index.url + "calendar/ical/"
    feed = client.get(url).content
    assert b"Jugendfonds" in feed and b"Gro" in feed
    funding["pages"]["jugend"].unpublish()
    frozen.shift(60)
    gross = funding["pages"]["gross"]
    gross.closed = True
    gross.save_revision().publish()
    feed = client.get(url).content
    assert b"Jugendfonds" not in feed
    assert b"Projekte" not in feed.replace(b"\r\n ", b"")
    assert feed == _fresh_feed(client, index)


def test_feed_changes_at_midnight(client, funding):
    """A deadline 30 days past leaves the feed, and every event's stamp is the
    new day."""
    index = funding["index"]
    url = index.url + "calendar/ical/"
    factories.guide(index, "Vergangen", dates=[date(2026, 11, 1)])
    assert b"Vergangen" in client.get(url).content
    with time_machine.travel("2026-12-02 00:05 +01:00", tick=False):
        feed = client.get(url).content
        assert b"Vergangen" not in feed
        assert b"DTSTAMP;VALUE=DATE:20261202" in feed
        assert feed == _fresh_feed(client, index)


def test_publish_shows_in_listing_and_keeps_the_frame(client, funding, frozen):
    """A guide is patched into its index's listing at once; the frame of the
    other pages stays cached (guides are in no menu)."""
    from engagement_hub.core.chrome_cache import PAGES
    from engagement_hub.core.directory import cache as tokens

    index = funding["index"]
    assert "Jugendfonds" in html(client, index.url)
    frame = tokens.tokens([PAGES])
    frozen.shift(60)
    jugend = rename_jugend(funding)
    page = html(client, index.url)
    assert "Jugendkasse" in page and "Jugendfonds" not in page
    assert tokens.tokens([PAGES]) == frame
    jugend.unpublish()
    assert "Jugendkasse" not in html(client, index.url)
    assert "Jugendkasse" not in html(client, index.url + FINDER)
