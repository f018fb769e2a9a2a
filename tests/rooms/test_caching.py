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


def test_whole_room_page_is_cached_and_shows_a_decision(client, rooms):
    """The anonymous room page comes whole from the cache (nothing rendered, one
    query less than a render: the logo's) and shows a decided request at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagement_hub.rooms import services

    saal = rooms["saal"]
    url = saal.url + "?view=week&week=2026-03-09"
    pending = factories.booking(saal, date(2026, 3, 11), time(9), time(11))
    client.get(url)  # the very first request creates the hub settings
    first = client.get(url)
    assert "Angefragt" in first.content.decode()
    assert first.has_header("Content-Type")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert [t.name for t in again.templates] == []  # nothing rendered
    assert len(queries) <= 8
    services.approve(pending.pk)
    after = client.get(url).content.decode()
    assert "Angefragt" not in after
    assert "Belegt" in after


def test_logged_in_editor_gets_a_rendered_page(client, admin_client, rooms):
    url = rooms["saal"].url
    anonymous = client.get(url).content.decode()
    assert "wagtail-userbar" not in anonymous
    assert "wagtail-userbar" in admin_client.get(url).content.decode()
    assert client.get(url).content.decode() == anonymous


def test_messages_are_not_cached(client, rooms):
    """A page that shows a visitor's message is rendered for them alone."""
    from django.contrib.messages import INFO
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    url = rooms["saal"].url
    client.get(url)
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(INFO, "Eine Nachricht nur für Sie.")
    response = HttpResponse()
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[
        CookieStorage.cookie_name
    ].value
    assert "Eine Nachricht nur für Sie." in client.get(url).content.decode()
    del client.cookies[CookieStorage.cookie_name]
    assert "Eine Nachricht nur für Sie." not in client.get(url).content.decode()


def test_changed_image_shows_on_room_page(client, rooms):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    saal = rooms["saal"]
    image = get_image_model().objects.create(
        title="Saal", file=get_test_image_file(filename="saal.png")
    )
    saal.image = image
    saal.image_alt_text = "Der Saal"
    saal.save_revision().publish()
    before = client.get(saal.url).content.decode()
    assert "saal" in before
    image.file = get_test_image_file(filename="saal-neu.png")
    image.save()
    image.renditions.all().delete()
    assert "saal-neu" in client.get(saal.url).content.decode()


def test_ical_feed_shows_new_booking(client, rooms):
    saal = rooms["saal"]
    url = saal.url + "ical/"
    before = client.get(url).content
    assert client.get(url).content == before  # cached
    factories.booking(saal, date(2026, 3, 12), time(9), time(11), status="approved")
    after = client.get(url).content.decode()
    assert after.count("BEGIN:VEVENT") == before.decode().count("BEGIN:VEVENT") + 1


def test_published_hours_show_in_finder(client, rooms):
    """The finder's facts of a room are read again when it is published."""
    from engagement_hub.rooms.models import RoomBookableHours

    query = "free_date=2026-03-10&free_from=18:00&free_to=20:00"
    assert "Halle" not in titles(client, rooms["index"], query)  # open 8-17
    halle = rooms["halle"].get_latest_revision_as_object()
    halle.bookable_hours = [
        RoomBookableHours(weekday=1, start_time=time(8), end_time=time(22))
    ]
    halle.save_revision().publish()
    assert "Halle" in titles(client, rooms["index"], query)
