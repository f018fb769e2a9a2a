"""A meeting calendar with a series and a single date, and helpers to read mails."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from engagement_hub.meetings.models import MeetingIndexPage, MeetingPage
from tests.associations import factories as club_factories

BERLIN = timezone.get_fixed_timezone(60)


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def at(days: int, hour: int = 18) -> datetime:
    """A local time ``days`` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


@pytest.fixture
def calendar(site_tree, settings, django_capture_on_commit_callbacks):
    settings.ENGAGEMENT_HUB_MAIL_BASE_URL = "https://hub.example"
    home = site_tree["de"]
    de = site_tree["locales"][0]
    terms = club_factories.terms(de)
    clubs_index = club_factories.association_index(home)
    club = club_factories.association(clubs_index, "Turnverein Techentin")
    club.contact_email = "vorstand@turnverein.example"
    club.district = terms["innenstadt"]
    club.save_revision().publish()
    other = club_factories.association(clubs_index, "Chor am Schloss")
    other.contact_email = "chor@example.org"
    other.district = terms["kummer"]
    other.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        index = publish_child(
            home, MeetingIndexPage(title="Treffen", slug="treffen", locale=de)
        )
        series = publish_child(
            index,
            MeetingPage(
                title="Vereinstreffen",
                slug="vereinstreffen",
                locale=de,
                short_description="Das Treffen aller Vereine.",
                kind="club_meetup",
                starts_at=at(10),
                duration=120,
                recurrence="FREQ=WEEKLY;INTERVAL=2",
                capacity=10,
                place_name="Rathaussaal",
                street="Schlossstraße 38",
                postcode="19288",
                step_free_access=True,
                district=terms["innenstadt"],
            ),
        )
        single = publish_child(
            index,
            MeetingPage(
                title="Sommerfest",
                slug="sommerfest",
                locale=de,
                short_description="Ein Fest.",
                kind="club_event",
                organiser=club,
                starts_at=at(20, 15),
                duration=180,
                online_url="https://meet.example.org/fest",
            ),
        )
    mail.outbox.clear()
    return {
        "index": index,
        "series": series,
        "single": single,
        "club": club,
        "other": other,
        "terms": terms,
        "home": home,
    }


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def rsvp_link(message) -> str:
    """The path of the personal RSVP link in a mail."""
    for url in links(message):
        if "/rsvp/" in url:
            return url.replace("https://hub.example", "").split("?")[0]
    raise AssertionError(message.body)


def ics_of(message) -> icalendar.Calendar:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return icalendar.Calendar.from_ical(
        content if isinstance(content, bytes) else content.encode()
    )


def event_of(calendar_: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar_.walk("VEVENT")
    return event
