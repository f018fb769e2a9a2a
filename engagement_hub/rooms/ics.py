"""The .ics of a booking request: its approved dates (or, cancelled, all of them
with ``METHOD:CANCEL``), one VEVENT each with a stable UID and the request's
sequence, so calendar programs update instead of duplicating."""

from __future__ import annotations

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from engagement_hub.mailings.api import Attachment, AttachmentRequest


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return hosts[0].lstrip(".") if hosts else "engagement-hub.local"


def booking_uid(booking) -> str:
    return f"room-booking-{booking.pk}@{_host()}"


def request_calendar(booking_request, *, cancelled: bool = False) -> bytes:
    from .choices import BookingStatus

    room = booking_request.room
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Engagement Hub//rooms//")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    bookings = booking_request.bookings.all()
    for booking in bookings:
        if not cancelled and booking.status != BookingStatus.APPROVED:
            continue
        event = icalendar.Event()
        event.add("uid", booking_uid(booking))
        event.add("sequence", booking_request.sequence)
        event.add("dtstamp", timezone.now())
        event.add("summary", gettext("Room booking: %(room)s") % {"room": room.title})
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        event.add("location", ", ".join([room.title, *room.address_lines]))
        event.add(
            "status",
            "CANCELLED"
            if cancelled or booking.status == BookingStatus.CANCELLED
            else "CONFIRMED",
        )
        calendar.add_component(event)
    return calendar.to_ical()


def request_ics(request: AttachmentRequest) -> list[Attachment]:
    from .bookings import BookingRequest

    booking_request = (
        BookingRequest.objects.filter(pk=request.context.get("request"))
        .select_related("room")
        .first()
    )
    if booking_request is None:
        return []
    cancelled = bool(request.context.get("cancelled"))
    return [
        Attachment(
            "booking.ics",
            request_calendar(booking_request, cancelled=cancelled),
            "text/calendar",
        )
    ]


def room_feed(room) -> bytes:
    """The room's booked times: no names, no purposes. Cached until a booking
    changes, the room is published or the day ends (``core.render_cache``)."""
    from engagement_hub.core import render_cache

    from .caching import BOOKINGS

    return render_cache.cached(
        "room-ical",
        (room.pk, room.live_revision_id, _host()),
        lambda: (_room_feed(room), None),
        depends=(BOOKINGS,),
    )


def _room_feed(room) -> bytes:
    from datetime import timedelta

    from .bookings import Booking
    from .choices import BookingStatus

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Engagement Hub//rooms//")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", room.title)
    # From the start of the day 30 days ago: the same all day (cached until midnight).
    since = timezone.make_aware(
        timezone.datetime.combine(
            timezone.localdate() - timedelta(days=30), timezone.datetime.min.time()
        )
    )
    for pk, starts, ends in Booking.objects.filter(
        room__translation_key=room.translation_key,
        status=BookingStatus.APPROVED,
        ends_at__gte=since,
    ).values_list("pk", "starts_at", "ends_at")[:5000]:
        event = icalendar.Event()
        event.add("uid", f"room-slot-{pk}@{_host()}")
        event.add("dtstamp", starts)
        event.add("summary", gettext("Booked"))
        event.add("dtstart", starts)
        event.add("dtend", ends)
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
