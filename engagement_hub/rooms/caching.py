"""Generation token of the cached room pages and finder results
(``core.render_cache``).

``BOOKINGS`` is renewed by every change of a booking or a booking request (signals
for saves and deletions; the bulk writes in ``services.py`` call
``bookings_changed`` themselves), so a room's calendar and the "free at" filter of
the finder never show a time as free that was just requested or approved.
Publishing a room renews its index page's token (directory engine) and changes
its live revision, both part of the keys.
"""

from __future__ import annotations

from engagement_hub.core.directory import cache as tokens

BOOKINGS = "rooms:bookings"


def bookings_changed(*_args, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    tokens.renew_on_commit(BOOKINGS)


def operator_token() -> str:
    return tokens.model_token_name("engagement_hub_rooms.operator")


def operator_changed(*_args, **kwargs) -> None:
    if not kwargs.get("raw"):
        tokens.renew_on_commit(operator_token())


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Booking, BookingRequest, Operator

    for signal in (post_save, post_delete):
        for model in (Booking, BookingRequest):
            signal.connect(
                bookings_changed,
                sender=model,
                dispatch_uid=f"eh_rooms_cache_{model.__name__}_{signal}",
            )
        signal.connect(
            operator_changed,
            sender=Operator,
            dispatch_uid=f"eh_rooms_cache_op_{signal}",
        )
