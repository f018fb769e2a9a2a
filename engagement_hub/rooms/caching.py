"""Generation token of the cached room pages and finder results
(``core.render_cache``).

``BOOKINGS`` is renewed by every change of a booking or a booking request (signals
for saves and deletions; the bulk writes in ``services.py`` call
``bookings_changed`` themselves), so a room's calendar and the "free at" filter of
the finder never show a time as free that was just requested or approved.
Publishing a room renews its index page's token (directory engine) and changes
its live revision, both part of the keys; the finder's facts of the room (bookable
hours, closures, booking window; ``availability.load_facts``) are cached under its
live revision and computed when it is published. Bookable hours or closures
changed by themselves (not by saving the room) renew ``BOOKINGS`` and drop the
room's facts. The cached room page holds the logo's and the photo's renditions:
any image saved or deleted renews the ``pages`` token (``core.chrome_cache``).
"""

from __future__ import annotations

from engagement_hub.core.directory import cache as tokens

BOOKINGS = "rooms:bookings"
# The whole room page (frame included) shows the site's logo and the room's photo.


def bookings_changed(*_args, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    tokens.renew_on_commit(BOOKINGS)


def operator_token() -> str:
    return tokens.model_token_name("engagement_hub_rooms.operator")


def operator_changed(*_args, **kwargs) -> None:
    if not kwargs.get("raw"):
        tokens.renew_on_commit(operator_token())


def room_published(sender, instance=None, **kwargs) -> None:
    from .availability import store_facts

    if instance is not None:
        store_facts(instance)


def room_rows_changed(sender, instance=None, **kwargs) -> None:
    """Bookable hours or a closure saved or deleted by themselves (not as part of
    saving their room, whose publish renews what depends on it): the room's
    calendar and the finder's results and facts are computed again."""
    from django.core.exceptions import ObjectDoesNotExist

    from .availability import forget_facts

    if kwargs.get("raw") or instance is None:
        return
    try:
        page = instance.page
    except ObjectDoesNotExist:  # deleted with its room
        return
    if getattr(page, "_saving_rows", False):
        return
    forget_facts(page.pk)
    tokens.renew_on_commit(BOOKINGS)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published

    from .models import (
        Booking,
        BookingRequest,
        Operator,
        RoomBookableHours,
        RoomClosure,
        RoomPage,
    )

    page_published.connect(
        room_published, sender=RoomPage, dispatch_uid="eh_rooms_cache_published"
    )

    for signal in (post_save, post_delete):
        for model in (Booking, BookingRequest):
            signal.connect(
                bookings_changed,
                sender=model,
                dispatch_uid=f"eh_rooms_cache_{model.__name__}_{signal}",
            )
        for model in (RoomBookableHours, RoomClosure):
            signal.connect(
                room_rows_changed,
                sender=model,
                dispatch_uid=f"eh_rooms_cache_rows_{model.__name__}_{signal}",
            )
        signal.connect(
            operator_changed,
            sender=Operator,
            dispatch_uid=f"eh_rooms_cache_op_{signal}",
        )
