"""Builders for rooms and bookings (tests only)."""

from __future__ import annotations

from datetime import date, time

from wagtail.models import Page

from engagement_hub.rooms.models import (
    Booking,
    BookingRequest,
    BookingStatus,
    RoomBookableHours,
    RoomIndexPage,
    RoomPage,
)
from tests.associations.factories import publish_child

EVENINGS = [(d, time(8, 0), time(22, 0)) for d in range(7)]


def room_index(home: Page, slug: str = "raeume") -> RoomIndexPage:
    existing = RoomIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return publish_child(
        home, RoomIndexPage(title="Räume", slug=slug, locale=home.locale)
    )


def room(
    index: Page, title: str = "Testraum", *, hours=EVENINGS, closures=(), **fields
) -> RoomPage:
    fields.setdefault("short_description", f"{title}: ein Raum zum Testen.")
    fields.setdefault("capacity_seated", 40)
    fields.setdefault("min_notice_days", 2)
    fields.setdefault("max_days_ahead", 365)
    fields.setdefault("buffer_minutes", 30)
    page = RoomPage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        **fields,
    )
    page.bookable_hours = [
        RoomBookableHours(weekday=d, start_time=s, end_time=e) for d, s, e in hours
    ]
    page.closures = list(closures)
    return publish_child(index, page)


def booking_request(room_page, **fields) -> BookingRequest:
    from django.utils import timezone

    fields.setdefault("name", "Erika Muster")
    fields.setdefault("email", "erika@example.org")
    fields.setdefault("purpose", "Chorprobe")
    fields.setdefault("attendees", 20)
    fields.setdefault("rules_accepted_at", timezone.now())
    fields.setdefault("confirmed_at", timezone.now())
    return BookingRequest.objects.create(room=room_page, **fields)


def booking(
    room_page, day: date, start: time, end: time, *, status="pending", request=None
) -> Booking:
    request = request or booking_request(room_page)
    starts, ends, blocked = Booking.span(room_page, day, start, end)
    return Booking.objects.create(
        request=request,
        room=room_page,
        starts_at=starts,
        ends_at=ends,
        blocked_until=blocked,
        status=getattr(BookingStatus, status.upper()),
    )
