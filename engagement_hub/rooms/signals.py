"""The rooms app's signal receivers, connected once from ``RoomsConfig.ready``: the
tokens of the cached pages (``caching``), the finder's facts of a room
(``availability``) and the manager group of a new operator (``roles``)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from engagement_hub.core.directory import cache as tokens

from . import caching
from .availability import forget_facts, store_facts
from .bookings import Booking, BookingRequest, RoomBookableHours, RoomClosure
from .models import Operator, RoomPage
from .roles import ensure_operator_group


def room_published(sender, instance=None, **kwargs) -> None:
    if instance is not None:
        store_facts(instance)


def room_rows_changed(sender, instance=None, **kwargs) -> None:
    """Bookable hours or a closure saved or deleted by themselves (not as part of
    saving their room, whose publish renews what depends on it): the room's
    calendar and the finder's results and facts are computed again."""
    if kwargs.get("raw") or instance is None:
        return
    try:
        page = instance.page
    except ObjectDoesNotExist:  # deleted with its room
        return
    if getattr(page, "_saving_rows", False):
        return
    forget_facts(page.pk)
    tokens.renew_on_commit(caching.BOOKINGS)


def connect() -> None:
    page_published.connect(
        room_published, sender=RoomPage, dispatch_uid="eh_rooms_cache_published"
    )

    for signal in (post_save, post_delete):
        for model in (Booking, BookingRequest):
            signal.connect(
                caching.bookings_changed,
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
            caching.operator_changed,
            sender=Operator,
            dispatch_uid=f"eh_rooms_cache_op_{signal}",
        )
    post_save.connect(
        ensure_operator_group,
        sender=Operator,
        dispatch_uid="eh_rooms_operator_group",
    )
