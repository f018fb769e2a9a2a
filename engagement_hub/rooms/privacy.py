"""Booking requests are personal data: export, erasure and retention (the
requester's details are removed RETENTION_DAYS after the last date; the dates
stay, without a person, so the room's usage can still be counted)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement_hub.core import legal, personal_data

from .models import RETENTION_DAYS, BookingRequest

ERASED = "[erased]"


def _requests(email: str):
    return BookingRequest.objects.filter(email__iexact=email, erased=False)


def export_requests(email: str) -> list[dict]:
    return [
        {
            "room": booking_request.room.title,
            "name": booking_request.name,
            "association": booking_request.organisation,
            "purpose": booking_request.purpose,
            "attendees": booking_request.attendees,
            "notes": booking_request.notes,
            "requested": booking_request.created_at.isoformat(),
            "dates": [
                {
                    "start": b.starts_at.isoformat(),
                    "end": b.ends_at.isoformat(),
                    "status": b.status,
                }
                for b in booking_request.bookings.all()
            ],
        }
        for booking_request in _requests(email).select_related("room", "association")
    ]


def _anonymise(queryset) -> int:
    return queryset.update(
        name=ERASED,
        email=f"erased@{'invalid'}",
        association_name="",
        purpose=ERASED,
        notes="",
        erased=True,
    )


def erase_requests(email: str, **options) -> dict:
    return {"booking_requests": _anonymise(_requests(email))}


def apply_retention(now=None) -> dict:
    now = now or timezone.now()
    cutoff = now - timedelta(days=RETENTION_DAYS)
    expired = (
        BookingRequest.objects.filter(erased=False)
        .annotate(last=Max("bookings__ends_at"))
        .filter(last__lt=cutoff)
        .values_list("pk", flat=True)
    )
    return {
        "booking_requests": _anonymise(
            BookingRequest.objects.filter(pk__in=list(expired))
        )
    }


personal_data.register(
    "rooms",
    label=_("Room booking requests"),
    export=export_requests,
    erase=erase_requests,
    retention=apply_retention,
)


def data_kinds(hub) -> list[legal.DataKind]:
    """The room bookings' paragraph of the privacy policy."""
    return [
        legal.DataKind(
            "rooms",
            gettext("Room booking requests"),
            gettext(
                "Your name, email address, phone number if given, your club, "
                "the dates and what the room is for."
            ),
            gettext("To decide on your request and to tell you the answer."),
            gettext("Art. 6(1)(b) and (e) GDPR (the use of a public room)."),
            gettext(
                "Your details are deleted %(period)s after the last date; the "
                "dates stay without them."
            )
            % {"period": legal.days(RETENTION_DAYS)},
        )
    ]


legal.register_data_kinds("rooms", data_kinds, order=30)
