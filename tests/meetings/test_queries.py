"""The calendar page and a meeting page run a fixed number of queries, the same
with 2 and with 40 series."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from engagement_hub.meetings.models import MeetingPage
from engagement_hub.meetings.rsvp import respond
from engagement_hub.meetings.series import materialise

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    # Twice: the very first request creates the hub settings, which renews the
    # token of the cached page parts.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_series(index, count: int) -> None:
    from engagement_hub.offers.scale import insert_pages

    pages = [
        MeetingPage(
            title=f"Reihe {n}",
            slug=f"reihe-{n}",
            short_description="x",
            starts_at=timezone.now() + timedelta(days=1 + n % 5, hours=n % 3),
            recurrence="FREQ=WEEKLY;COUNT=8",
            capacity=20,
        )
        for n in range(count)
    ]
    insert_pages(index, MeetingPage, pages)
    for page in MeetingPage.objects.filter(slug__startswith="reihe-"):
        materialise(page)
        first = page.occurrences.first()
        respond(first.pk, f"p{page.pk}@example.org", answer="yes", notify=False)


LISTINGS = (
    "/de/treffen/",
    "/de/treffen/?kind=club_meetup&accessible=1",
    "/de/treffen/?page=2",
    "/de/treffen/feed/",
)
DETAILS = ("/de/treffen/vereinstreffen/", "/de/treffen/vereinstreffen/feed/")


def month_ahead() -> str:
    ahead = timezone.localdate() + timedelta(days=40)
    return f"/de/treffen/?month={ahead:%Y-%m}"


def test_query_counts_do_not_grow(client, calendar):
    urls = (*LISTINGS, month_ahead(), *DETAILS)
    small = [queries(client, url) for url in urls]
    add_series(calendar["index"], 40)
    large = [queries(client, url) for url in urls]
    assert small == large
    listings, details = large[: len(LISTINGS) + 1], large[len(LISTINGS) + 1 :]
    assert max(listings) <= 12
    assert max(details) <= 10


def after_publish(client, url: str, page) -> list[str]:
    """The SQL of the first request after an editor published ``page``."""
    # Twice: the hub's first request ever creates its settings row.
    client.get(url)
    client.get(url)
    page.short_description += " (neu)"
    page.save_revision().publish()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def listed(sql: list[str]) -> str:
    return "\n".join(f"{n}. {query[:200]}" for n, query in enumerate(sql, 1))


def test_rebuild_after_a_publish_does_not_grow(client, calendar):
    """The calendar and a meeting page rebuilt after a publish (everything cached
    is renewed then) cost the same with 2 and with 40 series, and stay within the
    directory engine's limits: a listing at most 12 queries, a detail page 10.

    Routing takes 6 (7 for a meeting page); the calendar then counts its upcoming
    dates with the first one's start, reads the shown page of them, the past dates,
    the month's dates and their meetings, and the organisers (the locales and the
    districts are cached apart); the meeting page reads its agenda, its documents
    and its language versions (its dates and RSVPs are cached under the meeting's
    token, which a publish that changes no date keeps)."""
    series = calendar["series"]
    calendar_urls = ("/de/treffen/", month_ahead())
    urls = (*calendar_urls, "/de/treffen/vereinstreffen/")
    small = [after_publish(client, url, series) for url in urls]
    add_series(calendar["index"], 40)
    large = [after_publish(client, url, series) for url in urls]
    assert [len(sql) for sql in small] == [len(sql) for sql in large]
    for url, sql in zip(urls, large, strict=True):
        limit = 12 if url in calendar_urls else 10
        assert len(sql) <= limit, f"{url}: {len(sql)} queries\n{listed(sql)}"


def test_demo_pages_stay_within_the_limits(demo, client):
    """The demo as a town has it (English versions, a room, a club as organiser):
    the calendar in both languages rebuilt after an editor published a meeting
    within the listing limit (12); the meeting pages within the detail limit (10),
    warm in both languages and rebuilt after their publish in German. (The English
    page rebuilt after its own publish makes 13: Wagtail routes a translated tree
    with 8 of them.)"""
    club_meetup = MeetingPage.objects.get(
        slug="vereinstreffen", locale__language_code="de"
    )
    assert club_meetup.room_id is not None
    club_event = MeetingPage.objects.filter(
        locale__language_code="de", organiser__isnull=False
    ).first()
    english = club_meetup.get_translation(Locale.objects.get(language_code="en"))
    for url in ("/de/treffen/", "/en/meetings/"):
        sql = after_publish(client, url, club_meetup)
        assert len(sql) <= 12, f"{url}: {len(sql)} queries\n{listed(sql)}"
    for page in (club_meetup, club_event):
        sql = after_publish(client, page.url, page)
        assert len(sql) <= 10, f"{page.url}: {len(sql)} queries\n{listed(sql)}"
    for url in (club_meetup.url, english.url, club_event.url):
        assert queries(client, url) <= 10, url
