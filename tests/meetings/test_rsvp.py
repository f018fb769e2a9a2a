"""RSVPs per date: capacity, waiting list, move-up with a mail, changes, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement_hub.meetings.models import Occurrence, Rsvp
from engagement_hub.meetings.rsvp import RsvpError, counts, respond

from .conftest import event_of, ics_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def date(calendar):
    occurrence = calendar["series"].occurrences.order_by("starts_at").first()
    occurrence.capacity = 3
    occurrence.save()
    return occurrence


def test_capacity_then_waiting_list_then_move_up(
    date, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respond(date.pk, "a@example.org", answer="yes", people=2)
        respond(date.pk, "b@example.org", answer="yes")
        third = respond(date.pk, "c@example.org", answer="yes")
        fourth = respond(date.pk, "d@example.org", answer="yes", people=2)
    assert third.rsvp.status == Rsvp.Status.WAITLISTED
    assert fourth.rsvp.status == Rsvp.Status.WAITLISTED
    assert counts(date) == {"yes": 3, "no": 0, "waitlist": 3, "maybe": 0}
    assert len(mail.outbox) == 4
    mail.outbox.clear()
    # b cancels: one place; c (first in line, 1 person) moves up, d (2) waits
    with django_capture_on_commit_callbacks(execute=True):
        outcome = respond(date.pk, "b@example.org", answer="no")
    assert outcome.moved_up == [third.rsvp.pk]
    assert Rsvp.objects.get(email="c@example.org").status == Rsvp.Status.CONFIRMED
    assert Rsvp.objects.get(email="d@example.org").status == Rsvp.Status.WAITLISTED
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["b@example.org", "c@example.org"]
    (moved_mail,) = [m for m in mail.outbox if m.to == ["c@example.org"]]
    assert "Warteliste" in moved_mail.body or "waiting list" in moved_mail.body
    assert event_of(ics_of(moved_mail))["summary"] == "Vereinstreffen"


def test_the_first_on_the_waiting_list_is_not_skipped(date):
    respond(date.pk, "a@example.org", answer="yes", people=3, notify=False)
    respond(date.pk, "big@example.org", answer="yes", people=3, notify=False)
    respond(date.pk, "small@example.org", answer="yes", people=1, notify=False)
    respond(date.pk, "a@example.org", answer="yes", people=1, notify=False)
    # two places free: big (3) does not fit and stays first; small waits too
    assert Rsvp.objects.get(email="big@example.org").status == "waitlisted"
    assert Rsvp.objects.get(email="small@example.org").status == "waitlisted"


def test_changing_the_answer_counts_once(date):
    respond(date.pk, "a@example.org", answer="yes", notify=False)
    respond(date.pk, "A@Example.org ", answer="maybe", notify=False)
    respond(date.pk, "a@example.org", answer="yes", people=2, notify=False)
    assert Rsvp.objects.filter(occurrence=date).count() == 1
    assert counts(date)["yes"] == 2


def test_growing_the_party_beyond_the_places_keeps_the_old_answer(date):
    respond(date.pk, "a@example.org", answer="yes", people=2, notify=False)
    with pytest.raises(RsvpError):
        respond(date.pk, "a@example.org", answer="yes", people=5, notify=False)
    assert Rsvp.objects.get(email="a@example.org").people == 2


@pytest.mark.parametrize("people", [0, -1, 11, 10**9, "3"])
def test_bad_numbers_of_people(date, people):
    with pytest.raises(RsvpError):
        respond(date.pk, "a@example.org", answer="yes", people=people, notify=False)
    assert not Rsvp.objects.exists()


def test_past_and_cancelled_dates_are_closed(date):
    Occurrence.objects.filter(pk=date.pk).update(status="cancelled")
    with pytest.raises(RsvpError):
        respond(date.pk, "a@example.org", answer="yes", notify=False)
    Occurrence.objects.filter(pk=date.pk).update(
        status="scheduled", starts_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(RsvpError):
        respond(date.pk, "a@example.org", answer="yes", notify=False)
    with pytest.raises(RsvpError):
        respond(10**9, "a@example.org", answer="yes", notify=False)
    with pytest.raises(RsvpError):
        respond(date.pk, "a@example.org", answer="perhaps", notify=False)
    assert not Rsvp.objects.exists()


def test_raising_the_capacity_moves_people_up(date):
    from engagement_hub.meetings.rsvp import move_up

    for letter in "abcde":
        respond(date.pk, f"{letter}@example.org", answer="yes", notify=False)
    date.capacity = 5
    date.save()
    assert move_up(date)
    assert counts(date)["yes"] == 5
