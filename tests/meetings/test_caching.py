"""The cached calendar and meeting pages (``core.render_cache``) show every change:
a publish, an RSVP, a cancelled date, a date that has started, a new day; and the
registration form's CSRF token is never shared between visitors."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement_hub.meetings.models import Occurrence
from engagement_hub.meetings.rsvp import respond

pytestmark = pytest.mark.django_db

SERIES = "/de/treffen/vereinstreffen/"
CALENDAR = "/de/treffen/"


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def places_left(html: str) -> str:
    return re.findall(r"Noch (\d+) Pl(?:atz|ätze) frei", html)[0]


def test_rsvp_changes_places_left_on_cached_page(client, calendar):
    assert places_left(text(client, SERIES)) == "10"
    first = calendar["series"].occurrences.order_by("starts_at").first()
    respond(first.pk, "neu@example.org", answer="yes", people=3, notify=False)
    assert places_left(text(client, SERIES)) == "7"
    # Someone cancels: the places come back.
    respond(first.pk, "neu@example.org", answer="no", notify=False)
    assert places_left(text(client, SERIES)) == "10"


def test_publish_shows_in_calendar_and_page(client, calendar):
    text(client, CALENDAR)
    text(client, SERIES)
    series = calendar["series"]
    series.title = "Vereinstreffen NEU"
    series.save_revision().publish()
    assert "Vereinstreffen NEU" in text(client, CALENDAR)
    assert "Vereinstreffen NEU" in text(client, SERIES)


def test_publish_of_the_places_shows_with_the_cached_dates(client, calendar):
    """The dates and RSVPs are cached apart from the page (until one of them
    changes): a publish that changes the places per date shows the new number."""
    first = calendar["series"].occurrences.order_by("starts_at").first()
    respond(first.pk, "neu@example.org", answer="yes", people=3, notify=False)
    assert places_left(text(client, SERIES)) == "7"
    series = calendar["series"]
    series.capacity = 20
    series.save_revision().publish()
    assert places_left(text(client, SERIES)) == "17"


def test_renamed_district_shows_in_the_cached_calendar_filter(client, calendar):
    district = calendar["terms"]["innenstadt"]
    # Twice: the very first request creates the hub settings (a new frame token).
    text(client, CALENDAR)
    assert district.name in text(client, CALENDAR)
    district.name = "Altstadt NEU"
    district.save()
    html = text(client, CALENDAR)
    assert f'<option value="{district.pk}">Altstadt NEU</option>' in html


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        text(client, url)
    return len(captured)


def test_publishing_a_meeting_leaves_other_pages_cached(
    client, calendar, django_capture_on_commit_callbacks
):
    # The frame never shows a meeting: publishing one renews the meetings' own
    # token, so the calendar changes and the other meeting's page stays cached.
    text(client, CALENDAR)
    text(client, SERIES)
    warm = queries(client, SERIES)
    single = calendar["single"]
    single.title = "Sommerfest NEU"
    with django_capture_on_commit_callbacks(execute=True):
        single.save_revision().publish()
    assert queries(client, SERIES) == warm
    assert "Sommerfest NEU" in text(client, CALENDAR)


def test_cancelled_date_shows_in_calendar(client, calendar):
    text(client, CALENDAR)
    first = calendar["series"].occurrences.order_by("starts_at").first()
    first.status = Occurrence.Status.CANCELLED
    first.save()
    assert "meeting-date--cancelled" in text(client, CALENDAR)
    assert "meeting-date--cancelled" in text(client, SERIES)


def test_started_date_leaves_upcoming_list(client, calendar):
    first = calendar["series"].occurrences.order_by("starts_at").first()
    anchor = f'id="date-{first.pk}"'
    assert anchor in text(client, SERIES)
    calendar_html = text(client, CALENDAR)
    assert calendar_html.count("Vereinstreffen") >= 1
    with time_machine.travel(first.starts_at + timedelta(minutes=1), tick=False):
        assert anchor not in text(client, SERIES)


def test_new_day_moves_today_mark(client, calendar):
    html = text(client, CALENDAR)
    today = timezone.localdate()
    assert "is-today" in html
    tomorrow = timezone.make_aware(
        timezone.datetime.combine(
            today + timedelta(days=1), timezone.datetime.min.time()
        )
    ) + timedelta(hours=1)
    with time_machine.travel(tomorrow, tick=False):
        later = text(client, CALENDAR)
    assert later != html


def test_csrf_token_is_per_visitor(calendar):
    series = calendar["series"]
    series.public_registration = True
    series.save_revision().publish()
    tokens = set()
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = text(visitor, SERIES)
        found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found and "EHCSRFMARKER" not in html
        tokens.add(found[0])
        # The token works for this visitor.
        assert visitor.cookies.get("csrftoken")
    assert len(tokens) == 2


def feed_events(client, url: str) -> dict[str, dict]:
    response = client.get(url)
    assert response.status_code == 200
    return {
        str(event["uid"]): event
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


@pytest.mark.parametrize("url", ["/de/treffen/feed/", SERIES + "feed/"])
def test_cached_feeds_show_a_cancelled_date_and_a_publish(
    client, calendar, url, django_capture_on_commit_callbacks
):
    first = calendar["series"].occurrences.order_by("starts_at").first()
    uid = f"meeting-date-{first.pk}@hub.example"
    assert str(feed_events(client, url)[uid]["status"]) == "CONFIRMED"
    first.status = Occurrence.Status.CANCELLED
    first.save()
    assert str(feed_events(client, url)[uid]["status"]) == "CANCELLED"
    series = calendar["series"]
    series.title = "Vereinstreffen NEU"
    with django_capture_on_commit_callbacks(execute=True):
        series.save_revision().publish()
    assert str(feed_events(client, url)[uid]["summary"]) == "Vereinstreffen NEU"


def test_a_date_leaves_the_cached_feed_when_it_is_old_enough(client, calendar):
    from engagement_hub.meetings.views import FEED_PAST

    first = calendar["series"].occurrences.order_by("starts_at").first()
    uid = f"meeting-date-{first.pk}@hub.example"
    leaves = first.starts_at + FEED_PAST
    # (the same day: the cache would end at midnight anyway)
    with time_machine.travel(leaves - timedelta(minutes=1), tick=False):
        assert uid in feed_events(client, "/de/treffen/feed/")
    with time_machine.travel(leaves + timedelta(minutes=1), tick=False):
        assert uid not in feed_events(client, "/de/treffen/feed/")


def test_a_meeting_published_in_a_room_shows_on_the_cached_room_page(
    client, calendar, django_capture_on_commit_callbacks
):
    from tests.rooms import factories as rooms

    room = rooms.room(rooms.room_index(calendar["home"]), "Rathaussaal")
    assert "Sommerfest" not in text(client, room.url)
    single = calendar["single"]
    single.room = room
    with django_capture_on_commit_callbacks(execute=True):
        single.save_revision().publish()
    assert "Sommerfest" in text(client, room.url)
    single.title = "Sommerfest NEU"
    with django_capture_on_commit_callbacks(execute=True):
        single.save_revision().publish()
    assert "Sommerfest NEU" in text(client, room.url)
