"""Rendering of the room pages, the calendar and the feed."""

import json
from datetime import date, time

import icalendar
import pytest

from tests.rooms import factories

pytestmark = pytest.mark.django_db


def test_index_and_room_render(client, rooms):
    response = client.get(rooms["index"].url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Großer Saal" in body and "Kleiner Raum" in body
    assert 'name="free_date"' in body
    response = client.get(rooms["saal"].url)
    assert response.status_code == 200
    assert "<caption" in response.content.decode()


def test_calendar_shows_times_without_personal_data(client, rooms):
    saal = rooms["saal"]
    factories.booking(saal, date(2026, 3, 10), time(18), time(20), status="approved")
    factories.booking(saal, date(2026, 3, 12), time(9), time(11), status="pending")
    body = client.get(saal.url + "?month=2026-03").content.decode()
    assert "18:00–20:00" in body and "09:00–11:00" in body
    assert "Erika" not in body and "erika@example.org" not in body
    assert "Chorprobe" not in body
    week = client.get(saal.url + "?view=week&week=2026-03-09").content.decode()
    assert "18:00–20:00" in week and 'scope="row"' in week


def test_calendar_bad_input_is_a_normal_page(client, rooms):
    for query in (
        "?month=banana",
        "?month=9999-99",
        "?view=week&week=x",
        "?view=week&week=1900-01-01",
        "?view=" + "x" * 10000,
    ):
        assert client.get(rooms["saal"].url + query).status_code == 200


def test_public_holiday_in_calendar(client, rooms):
    body = client.get(rooms["saal"].url + "?month=2026-04").content.decode()
    assert "Karfreitag" in body or "Good Friday" in body


def test_ical_feed_has_no_personal_data(client, rooms):
    saal = rooms["saal"]
    factories.booking(saal, date(2026, 3, 10), time(18), time(20), status="approved")
    factories.booking(saal, date(2026, 3, 11), time(18), time(20), status="pending")
    response = client.get(saal.url + "ical/")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert b"Erika" not in response.content and b"Chorprobe" not in response.content


def test_json_ld_place(client, rooms):
    body = client.get(rooms["saal"].url).content.decode()
    start = body.index('<script type="application/ld+json"')
    data = json.loads(body[body.index(">", start) + 1 : body.index("</script>", start)])
    assert data["@type"] == "Place"
    assert data["maximumAttendeeCapacity"] == 100


def test_no_map_without_tiles(client, rooms, settings):
    body = client.get(rooms["index"].url).content.decode()
    assert "leaflet" not in body.lower()
    settings.ENGAGEMENT_HUB_MAP_TILES = "https://tiles.example/{z}/{x}/{y}.png"
    response = client.get(rooms["index"].url + "?sort=title")
    body = response.content.decode()
    assert "https://tiles.example" in response["Content-Security-Policy"]
    assert "leaflet.js" in body and "room-map-markers" in body
