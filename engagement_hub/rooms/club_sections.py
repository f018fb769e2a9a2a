"""The rooms' part of a representative's "Our club" page: the club's room requests
and the state of each date."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagement_hub.associations.club_overview import Section

LIMIT = 200


def club_bookings(keys) -> Section:
    from .models import Booking

    bookings = (
        Booking.objects.filter(
            request__association__translation_key__in=keys,
            ends_at__gte=timezone.now(),
            request__erased=False,
        )
        .select_related("room", "request")
        .order_by("starts_at")[:LIMIT]
    )
    return Section(
        _("Your club's room bookings"),
        [_("Date"), _("Room"), _("Purpose"), _("Requested by"), _("Status")],
        [
            [
                date_format(timezone.localtime(b.starts_at), "SHORT_DATETIME_FORMAT"),
                b.room.title,
                b.request.purpose,
                b.request.name,
                b.get_status_display(),
            ]
            for b in bookings
        ],
        _("Your club has no upcoming room bookings or requests."),
        order=30,
    )
