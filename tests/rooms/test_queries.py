"""The finder's query count with the availability filter does not grow with the
number of rooms or bookings (at most 12, as the directory engine's target)."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement_hub.core.directory.listing import clear_local
from tests.rooms import factories

pytestmark = pytest.mark.django_db

QUERY = "?free_date=2026-03-10&free_from=18:00&free_to=20:00&capacity=10"


def count(client, index) -> int:
    clear_local()
    client.get(index.url + QUERY)  # builds the facet index and the room facts
    # Twice: the very first request creates the hub settings, which renews the
    # token of the cached results.
    client.get(index.url + QUERY)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(index.url + QUERY).status_code == 200
    return len(queries)


def test_query_count_is_constant(client, rooms):
    index = rooms["index"]
    small = count(client, index)
    for number in range(12):
        room = factories.room(index, f"Raum {number}")
        factories.booking(
            room, date(2026, 3, 10), time(18), time(19), status="approved"
        )
        factories.booking(
            room, date(2026, 3, 11), time(18), time(19), status="approved"
        )
    large = count(client, index)
    assert small == large
    assert large <= 12


def page_count(client, url: str) -> int:
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_room_page_query_count_is_constant(client, rooms):
    """The room page with its month and its week calendar: at most 10 queries (a
    detail page's target), the same with one booking or with a booked month."""
    saal = rooms["saal"]
    urls = (
        saal.url,
        saal.url + "?month=2026-03",
        saal.url + "?view=week&week=2026-03-09",
    )
    small = [page_count(client, url) for url in urls]
    for day in range(1, 28):
        factories.booking(saal, date(2026, 3, day), time(8), time(9), status="approved")
    assert [page_count(client, url) for url in urls] == small
    assert max(small) <= 8  # the whole page from the cache (was 9)


def test_free_filter_after_publish_reads_only_the_published_room(client, rooms):
    """After a room is published the "free at" results are computed again from
    the facts cached when it was published: no query for the rooms' closures (the
    card of the published room reads its hours), at most 12 in all."""
    index = rooms["index"]
    for number in range(6):
        factories.room(index, f"Raum {number}")
    count(client, index)
    saal = rooms["saal"].get_latest_revision_as_object()
    saal.short_description = "Neu gestrichen."
    saal.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(index.url + QUERY).status_code == 200
    sql = [query["sql"] for query in queries]
    assert not [q for q in sql if "roomclosure" in q]
    assert len(sql) <= 12


def test_ical_feed_query_count(client, rooms):
    saal = rooms["saal"]
    for day in range(1, 28):
        factories.booking(saal, date(2026, 3, day), time(8), time(9), status="approved")
    assert page_count(client, saal.url + "ical/") <= 8
