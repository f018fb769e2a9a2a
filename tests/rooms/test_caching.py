"""The cached room page and the cached "free at" results (``core.render_cache``)
show a new booking, a publish and a new day at once; and booking requests are
rate-limited like the newsletter sign-up."""

from datetime import date, time, timedelta

import pytest
import time_machine

from engagement_hub.rooms.models import BookingRequest
from tests.rooms import factories

pytestmark = pytest.mark.django_db

FREE = "free_date=2026-03-10&free_from=18:00&free_to=20:00"


def titles(client, index, query):
    # No clear_local(): the caches must see the change by themselves.
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200, query
    return sorted(card.title for card in response.context["listing"].results)


def test_new_booking_leaves_free_results(client, rooms):
    before = titles(client, rooms["index"], FREE)
    assert "Großer Saal" in before
    assert titles(client, rooms["index"], FREE) == before  # cached
    factories.booking(
        rooms["saal"], date(2026, 3, 10), time(18), time(20), status="approved"
    )
    assert "Großer Saal" not in titles(client, rooms["index"], FREE)


def test_room_calendar_shows_new_booking(client, rooms):
    url = rooms["saal"].url + "?view=week&week=2026-03-09"
    before = client.get(url).content.decode()
    assert client.get(url).content.decode() == before  # cached
    factories.booking(
        rooms["saal"], date(2026, 3, 11), time(9), time(11), status="approved"
    )
    after = client.get(url).content.decode()
    assert after != before
    assert "09:00" in after


def test_publish_shows_on_room_page(client, rooms):
    saal = rooms["saal"]
    client.get(saal.url)
    saal.short_description = "Frisch renoviert."
    saal.save_revision().publish()
    assert "Frisch renoviert." in client.get(saal.url).content.decode()


def test_new_day_renders_again(client, rooms):
    saal = rooms["saal"]
    before = client.get(saal.url).content.decode()
    with time_machine.travel(timedelta(days=40), tick=False):
        after = client.get(saal.url).content.decode()
    assert after != before


def test_booking_requests_are_rate_limited(client, rooms, settings):
    from tests.rooms.test_booking import FORM, request_url

    settings.ENGAGEMENT_HUB_ROOMS_REQUEST_RATE_PER_ADDRESS = 2
    url = request_url(rooms["saal"])
    days = ["2026-03-10", "2026-03-17", "2026-03-24"]
    statuses = []
    for day in days:
        data = {**FORM, "day": day, "repeat": "", "repeat_until": ""}
        data.pop("repeat")
        data.pop("repeat_until")
        statuses.append(client.post(url, data).status_code)
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429
    response = client.post(url, {**data, "day": "2026-03-31"})
    assert response.status_code == 429
    assert "Zu viele Buchungsanfragen" in response.content.decode()
    assert BookingRequest.objects.count() == 2
