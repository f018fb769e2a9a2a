"""With Redis and real Celery workers (CI: ENGAGEMENT_HUB_REQUIRE_SERVICES=1): an
invitation with its .ics reaches every recipient once through the ESP, in their
language; the reminder job sends once however often it runs; an update after a
move carries the higher SEQUENCE."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
import time_machine

from engagement_hub.mailings.models import Mailing
from engagement_hub.meetings import invitations, notify
from engagement_hub.meetings.rsvp import respond
from tests.mailings.conftest import fake_esp, workers  # noqa: F401  (fixtures)
from tests.services import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def _done(key_prefix: str) -> bool:
    rows = Mailing.objects.filter(key__startswith=key_prefix)
    return rows.exists() and all(m.status == "done" for m in rows)


def test_invitation_reminder_update_with_workers(
    workers,  # noqa: F811
    fake_esp,  # noqa: F811
    calendar,
    settings,
):
    workers(
        "redis",
        env={
            **fake_esp.environment(),
            "ENGAGEMENT_HUB_MAIL_BASE_URL": "https://hub.example",
        },
    )
    date = calendar["series"].occurrences.order_by("starts_at").first()
    invitations.invite(
        date,
        invitations.AudienceChoice(
            all_associations=True,
            addresses=["guest@example.org"],
            address_language="en",
        ),
    )
    wait_for(lambda: _done(f"meeting-invitation:{date.pk}:"), timeout=60)
    counts = fake_esp.per_recipient()
    assert counts == {
        "vorstand@turnverein.example": 1,
        "chor@example.org": 1,
        "guest@example.org": 1,
    }
    by_address = {m.to: m for m in fake_esp.messages()}
    assert "Einladung" in by_address["chor@example.org"].subject
    assert "Invitation" in by_address["guest@example.org"].subject
    (name, content, _mimetype) = by_address["chor@example.org"].attachments[0]
    assert name.endswith(".ics")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"meeting-date-{date.pk}@hub.example"

    respond(date.pk, "yes@example.org", answer="yes", notify=False)
    with time_machine.travel(date.starts_at - timedelta(hours=20), tick=False):
        notify.send_reminders()
        notify.send_reminders()
    wait_for(lambda: _done(f"meeting-reminder:{date.pk}:"), timeout=60)
    assert fake_esp.per_recipient()["yes@example.org"] == 1
    assert Mailing.objects.filter(key__startswith="meeting-reminder:").count() == 1

    date.starts_at += timedelta(hours=1)
    date.ends_at += timedelta(hours=1)
    date.sequence += 1
    date.status = "moved"
    date.save()
    notify.date_changed(date.pk)
    notify.date_changed(date.pk)
    wait_for(lambda: _done(f"meeting-update:{date.pk}:"), timeout=60)
    updates = [m for m in fake_esp.messages() if m.to == "yes@example.org"]
    calendar_ = icalendar.Calendar.from_ical(updates[-1].attachments[0][1])
    assert calendar_.walk("VEVENT")[0]["sequence"] == 1
    assert fake_esp.per_recipient()["chor@example.org"] == 2  # invitation + update
