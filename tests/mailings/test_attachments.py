"""Attachments are resolved at send time, per language (one ESP call per batch) or
per recipient, through the message type: a meeting's .ics as meetings will send it,
parsed with icalendar as a calendar program would."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils.translation import gettext, gettext_lazy

from engagement_hub.mailings.api import (
    INVITATION,
    TRANSACTIONAL,
    Attachment,
    AttachmentRequest,
    MessageType,
    Recipient,
    register,
    send,
)
from engagement_hub.mailings.models import Delivery

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def meeting_ics(request: AttachmentRequest) -> list[Attachment]:
    """What meetings would register: the occurrence in the recipient's language."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Engagement Hub//meetings//")
    calendar.add("version", "2.0")
    item = icalendar.Event()
    item.add("uid", f"occurrence-{request.context['occurrence']}@hub.example")
    # A string with a German translation: rendered in the recipient's language.
    item.add("summary", f"{gettext('Imprint')}: {request.context['title']}")
    item.add("dtstart", datetime(2026, 12, 10, 18, 0, tzinfo=BERLIN))
    item.add("dtend", datetime(2026, 12, 10, 20, 0, tzinfo=BERLIN))
    if request.email:
        item.add("attendee", f"mailto:{request.email}")
        item.add("comment", request.recipient_context.get("seat", ""))
    calendar.add_component(item)
    return [Attachment("termin.ics", calendar.to_ical(), "text/calendar")]


MEETING_INVITATION = register(
    MessageType(
        name="tests.meeting_invitation",
        template="engagement_hub/mailings/email/confirmation",
        purpose=INVITATION,
        reason=gettext_lazy("You get this email because of your contact with the hub."),
        attachments=meeting_ics,
    )
)
BOOKING = register(
    MessageType(
        name="tests.booking_confirmation",
        template="engagement_hub/mailings/email/confirmation",
        purpose=TRANSACTIONAL,
        reason=gettext_lazy("You get this email because of your contact with the hub."),
        attachments=meeting_ics,
        attachments_per_recipient=True,
    )
)


def calendar_of(message) -> icalendar.Event:
    ((filename, content, mimetype),) = message.attachments
    assert filename == "termin.ics" and mimetype == "text/calendar"
    (item,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return item


def test_an_ics_per_language_in_one_batch_call(
    hub, fake_esp, django_capture_on_commit_callbacks
):
    recipients = [
        Recipient("a@example.org", "de"),
        Recipient("b@example.org", "de"),
        Recipient("c@example.org", "en"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        send(
            MEETING_INVITATION,
            recipients,
            {"occurrence": 41, "title": "Vereinstreffen"},
            key="meeting-invitation:41",
        )
    assert fake_esp.calls == 2  # one per language, attachments included
    by_address = {message.to: message for message in fake_esp.messages()}
    german = calendar_of(by_address["a@example.org"])
    english = calendar_of(by_address["c@example.org"])
    assert str(german["summary"]) == "Impressum: Vereinstreffen"
    assert str(english["summary"]) == "Imprint: Vereinstreffen"
    assert german.decoded("dtstart") == datetime(2026, 12, 10, 18, 0, tzinfo=BERLIN)
    assert str(german["uid"]) == "occurrence-41@hub.example"


def test_an_ics_per_recipient(hub, fake_esp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(
            BOOKING,
            [
                Recipient("x@example.org", "de", context={"seat": "Raum 1"}),
                Recipient("y@example.org", "en", context={"seat": "Raum 2"}),
            ],
            {"occurrence": 7, "title": "Raumbuchung"},
        )
    by_address = {message.to: message for message in fake_esp.messages()}
    mine = calendar_of(by_address["x@example.org"])
    assert str(mine["attendee"]) == "mailto:x@example.org"
    assert str(mine["comment"]) == "Raum 1"
    assert str(calendar_of(by_address["y@example.org"])["comment"]) == "Raum 2"
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_fixed_attachments_of_one_call(hub, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        send(
            MEETING_INVITATION,
            [Recipient("z@example.org", "de")],
            {"occurrence": 1, "title": "T"},
            attachments=[Attachment("agenda.txt", "Tagesordnung", "text/plain")],
        )
    (message,) = mail.outbox
    names = [attachment[0] for attachment in message.attachments]
    assert names == ["agenda.txt", "termin.ics"]
