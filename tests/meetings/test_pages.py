"""The public pages: calendar page with filters and month grid, a meeting's page
with JSON-LD, calendar files and feeds, bad input."""

from __future__ import annotations

import json
import re

import icalendar
import pytest
from django.utils import timezone

from engagement_hub.meetings.models import MeetingPage

pytestmark = pytest.mark.django_db


def test_index_lists_upcoming_dates_first(client, calendar):
    response = client.get("/de/treffen/")
    assert response.status_code == 200
    html = response.content.decode()
    listing = html.split('id="upcoming-heading"')[1]
    # the next date first: the series' first date is 10 days ahead, the fest 20
    assert listing.index("Vereinstreffen") < listing.index("Sommerfest")
    assert "<table" in html  # the month calendar, without JavaScript


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("?kind=club_event", ["Sommerfest"], ["Vereinstreffen</a>"]),
        ("?kind=club_meetup", ["Vereinstreffen"], ["Sommerfest</a>"]),
        ("?organiser=city", ["Vereinstreffen"], ["Sommerfest</a>"]),
        ("?mode=online", ["Sommerfest"], ["Vereinstreffen</a>"]),
        ("?mode=in_person", ["Vereinstreffen"], ["Sommerfest</a>"]),
        ("?accessible=1", ["Vereinstreffen"], ["Sommerfest</a>"]),
    ],
)
def test_filters(client, calendar, query, present, absent):
    html = client.get("/de/treffen/" + query).content.decode()
    listing = html.split('id="upcoming-heading"')[1].split('id="calendar-heading"')[0]
    for text in present:
        assert text in listing
    for text in absent:
        assert text not in listing


def test_organiser_and_district_filters(client, calendar):
    club = calendar["club"]
    html = client.get(f"/de/treffen/?organiser={club.pk}").content.decode()
    listing = html.split('id="upcoming-heading"')[1].split('id="calendar-heading"')[0]
    assert "Sommerfest" in listing and "Vereinstreffen" not in listing
    district = calendar["terms"]["innenstadt"]
    html = client.get(f"/de/treffen/?district={district.pk}").content.decode()
    listing = html.split('id="upcoming-heading"')[1].split('id="calendar-heading"')[0]
    assert "Vereinstreffen" in listing and "Sommerfest" not in listing


@pytest.mark.parametrize(
    "query",
    [
        "?kind=unknown",
        "?organiser=abc",
        "?district=" + "9" * 10000,
        "?month=2024-13",
        "?month=" + "x" * 10000,
        "?page=999999999999",
        "?mode=teleport",
    ],
)
def test_bad_filters_give_a_normal_page(client, calendar, query):
    response = client.get("/de/treffen/" + query)
    assert response.status_code == 200


def test_month_calendar_shows_the_dates_of_the_month(client, calendar):
    first = calendar["series"].occurrences.order_by("starts_at").first()
    month = timezone.localtime(first.starts_at).strftime("%Y-%m")
    html = client.get(f"/de/treffen/?month={month}").content.decode()
    grid = html.split('id="calendar-heading"')[1].split('id="past-heading"')[0]
    assert "Vereinstreffen" in grid


def test_meeting_page_with_json_ld(client, calendar):
    response = client.get("/de/treffen/vereinstreffen/")
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert (
        data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["location"]["address"]["streetAddress"] == "Schlossstraße 38"
    # the online link is never on the public page
    html = client.get("/de/treffen/sommerfest/").content.decode()
    assert "meet.example.org" not in html
    assert "Turnverein Techentin" in html


def test_date_ics_and_feeds_parse_with_vtimezone(client, calendar):
    series = calendar["series"]
    first = series.occurrences.order_by("starts_at").first()
    response = client.get(f"/de/treffen/vereinstreffen/date/{first.pk}/ics/")
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    (event,) = parsed.walk("VEVENT")
    assert str(event["uid"]) == f"meeting-date-{first.pk}@hub.example"
    assert parsed.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"
    assert event.decoded("dtstart") == first.starts_at
    feed = icalendar.Calendar.from_ical(client.get("/de/treffen/feed/").content)
    uids = {str(e["uid"]) for e in feed.walk("VEVENT")}
    assert f"meeting-date-{first.pk}@hub.example" in uids
    assert len(uids) == calendar["series"].occurrences.count() + 1
    series_feed = icalendar.Calendar.from_ical(
        client.get("/de/treffen/vereinstreffen/feed/").content
    )
    assert len(series_feed.walk("VEVENT")) == series.occurrences.count()
    # a date of another meeting is not served under this one
    other = calendar["single"].occurrences.get()
    assert (
        client.get(f"/de/treffen/vereinstreffen/date/{other.pk}/ics/").status_code
        == 404
    )


def test_association_page_lists_its_meetings(client, calendar):
    html = client.get(calendar["club"].url).content.decode()
    assert "Sommerfest" in html


def test_past_dates_with_minutes(client, calendar):
    from datetime import timedelta

    from engagement_hub.meetings.models import Occurrence

    start = timezone.now() - timedelta(days=40)
    Occurrence.objects.create(
        meeting=calendar["series"],
        original_date=timezone.localdate() - timedelta(days=40),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        minutes="<p>Räume sind schwer zu finden.</p>",
        attendance=42,
    )
    assert (
        "Räume sind schwer zu finden"
        in client.get("/de/treffen/vereinstreffen/").content.decode()
    )
    assert (
        "Vereinstreffen"
        in client.get("/de/treffen/").content.decode().split('id="past-heading"')[1]
    )


def test_a_meeting_in_a_room_takes_its_place_and_the_room_lists_it(
    client, calendar, site_tree
):
    from tests.rooms import factories as rooms

    index = rooms.room_index(site_tree["de"])
    hall = rooms.room(
        index,
        "Bürgerhaus, großer Saal",
        slug="buergerhaus",
        street="Schloßfreiheit 8",
        postcode="19288",
        latitude="53.329000",
        longitude="11.497000",
    )
    meeting = MeetingPage.objects.get(slug="vereinstreffen")
    meeting.room = hall
    meeting.save_revision().publish()
    meeting.refresh_from_db()
    assert meeting.place_name == "Bürgerhaus, großer Saal"
    assert meeting.street == "Schloßfreiheit 8"
    assert float(meeting.latitude) == 53.329
    html = client.get(meeting.url).content.decode()
    assert "Schloßfreiheit 8" in html
    assert f'href="{hall.url}"' in html
    room_html = client.get(hall.url).content.decode()
    listed = room_html[room_html.index("Was hier regelmäßig stattfindet") :]
    assert f'href="{meeting.url}"' in listed[:2000]
