"""The demo: the quarterly Vereinstreffen whose first, past date is the workshop of
5 December 2023 with minutes, the monthly Willkommensstammtisch, club events,
RSVPs on upcoming dates, the home page's next dates; idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from engagement_hub.meetings.models import MeetingPage, Occurrence, Rsvp

pytestmark = pytest.mark.django_db


def test_demo_meetings(demo, client, django_capture_on_commit_callbacks):
    club_meetup = MeetingPage.objects.get(
        slug="vereinstreffen", locale__language_code="de"
    )
    first = club_meetup.occurrences.order_by("starts_at").first()
    local = timezone.localtime(first.starts_at)
    assert (local.year, local.month, local.day) == (2023, 12, 5)
    assert "Räume" in first.minutes and "Förder" in first.minutes
    stammtisch = MeetingPage.objects.get(
        slug="willkommensstammtisch", locale__language_code="de"
    )
    assert "MONTHLY" in stammtisch.recurrence
    assert stammtisch.occurrences.filter(starts_at__gt=timezone.now()).count() >= 12
    assert MeetingPage.objects.filter(kind="club_event").count() >= 2
    assert Rsvp.objects.filter(occurrence__starts_at__gt=timezone.now()).exists()
    for url in ("/de/treffen/", "/en/meetings/", "/de/treffen/vereinstreffen/"):
        assert client.get(url).status_code == 200
    en = client.get("/en/meetings/meeting-of-all-clubs/").content.decode()
    assert "Meeting of all clubs" in en
    # The agenda is translated with the page (its items are translatable).
    assert "News from the clubs" in en and "Neues aus den Vereinen" not in en
    assert (
        "Räume sind schwer zu finden"
        in client.get("/de/treffen/vereinstreffen/").content.decode()
    )
    home = client.get("/de/").content.decode()
    assert "Nächste Treffen" in home
    assert "/de/treffen/" in home
    assert "Next meetings" in client.get("/en/").content.decode()
    # the demo loads again without changes
    counts = (Occurrence.objects.count(), Rsvp.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    assert (Occurrence.objects.count(), Rsvp.objects.count()) == counts


def test_english_feeds_are_in_english(demo, client):
    import icalendar

    for url in ("/en/meetings/feed/", "/en/meetings/meeting-of-all-clubs/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        summaries = {
            str(event["summary"])
            for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        }
        assert "Meeting of all clubs" in summaries, url
        assert "Vereinstreffen" not in summaries, url
    german = icalendar.Calendar.from_ical(client.get("/de/treffen/feed/").content)
    assert "Vereinstreffen" in {str(e["summary"]) for e in german.walk("VEVENT")}
