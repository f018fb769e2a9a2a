"""Booking requests: creating, confirming, deciding, cancelling, reminding.

No double booking: ``approve`` checks for overlapping approved dates of the room
(the room's buffer included) and, on PostgreSQL, the exclusion constraint of
migration 0002 refuses what a concurrent transaction approved in the meantime;
on other databases (SQLite) the check and the update run under one lock.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.urls import reverse  # noqa: F401  (kept for callers)
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from engagement_hub.mailings.api import Recipient, send

from .bookings import Booking, BookingRequest
from .caching import bookings_changed
from .choices import BookingStatus

CONFIRM_SALT = "engagement_hub.rooms.confirm"
MANAGE_SALT = "engagement_hub.rooms.manage"
# A confirmation link works this long.
CONFIRM_MAX_AGE = 7 * 24 * 3600
REMINDER_DAYS = 2

_sqlite_lock = threading.Lock()


class BookingError(Exception):
    """A decision that cannot be made; ``str(error)`` is the message."""


class Conflict(BookingError):
    pass


class AlreadyDecided(BookingError):
    pass


# --- tokens ---------------------------------------------------------------------------


def _signature(salt: str, booking_request) -> str:
    created = booking_request.created_at.isoformat()
    value = f"{booking_request.pk}:{booking_request.email}:{created}"
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()[:40]


def _token(salt: str, booking_request) -> str:
    # Only letters, digits and "-": Wagtail routes a page path of \w and "-".
    return f"{booking_request.pk}-{_signature(salt, booking_request)}"


def confirm_token(booking_request) -> str:
    return _token(CONFIRM_SALT, booking_request)


def manage_token(booking_request) -> str:
    return _token(MANAGE_SALT, booking_request)


def request_for_token(token: str, salt: str, *, max_age=None):
    """The request a signed token names, or None (tampered, expired, erased)."""
    pk, _sep, signature = token[:100].partition("-")
    if not pk.isdigit() or not signature:
        return None
    found = BookingRequest.objects.filter(pk=int(pk), erased=False).first()
    if found is None or not constant_time_compare(signature, _signature(salt, found)):
        return None
    if max_age is not None and found.created_at < timezone.now() - timedelta(
        seconds=max_age
    ):
        return None
    return found


def _page_url(room, route: str, *args) -> str:
    from engagement_hub.mailings import rendering

    parts = room.get_url_parts()
    path = parts[2] if parts else room.url_path
    return rendering.base_url() + path + room.reverse_subpage(route, args=args)


def _localized(room, language: str):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return room
    translated = room.get_translation_or_none(locale)
    return translated if translated is not None and translated.live else room


# --- creating and confirming ----------------------------------------------------------


@transaction.atomic
def create_request(room, data: dict, dates, language: str) -> BookingRequest:
    from engagement_hub.mailings import rendering  # noqa: F401

    source = room.booking_page
    booking_request = BookingRequest.objects.create(
        room=source,
        name=data["name"],
        email=data["email"].strip().lower(),
        language=language,
        association_id=int(data["association"]) if data.get("association") else None,
        association_name=data.get("association_name", ""),
        purpose=data["purpose"],
        attendees=data["attendees"],
        notes=data.get("notes", ""),
        repeat=data.get("repeat") or "",
        repeat_until=data.get("repeat_until") if data.get("repeat") else None,
        rules_accepted_at=timezone.now(),
    )
    Booking.objects.bulk_create(
        [
            Booking(
                request=booking_request,
                room=source,
                **dict(
                    zip(
                        ("starts_at", "ends_at", "blocked_until"),
                        Booking.span(source, day, data["start"], data["end"]),
                        strict=True,
                    )
                ),
            )
            for day in dates
        ]
    )
    bookings_changed()
    with translation.override(language):
        url = _page_url(
            _localized(source, language), "confirm", confirm_token(booking_request)
        )
    send(
        "rooms.confirm_address",
        [
            Recipient(
                email=booking_request.email,
                language=language,
                context={"confirm_url": url},
            )
        ],
        {"room": source.title, "dates": len(dates)},
        key=f"rooms-confirm:{booking_request.pk}",
        page=source,
    )
    return booking_request


@transaction.atomic
def confirm_request(booking_request) -> bool:
    """Confirm the address: the dates become pending. False if done before."""
    locked = BookingRequest.objects.select_for_update().get(pk=booking_request.pk)
    if locked.confirmed_at is not None:
        return False
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_at"])
    locked.bookings.filter(status=BookingStatus.UNCONFIRMED).update(
        status=BookingStatus.PENDING
    )
    bookings_changed()
    _notify_managers(locked)
    _purge()
    return True


def _notify_managers(booking_request) -> None:
    emails = sorted({u.email for u in managers_of(booking_request.room) if u.email})
    if not emails:
        return
    send(
        "rooms.new_request",
        [Recipient(email=email, language="de") for email in emails],
        {"room": booking_request.room.title, "request": booking_request.pk},
        key=f"rooms-new-request:{booking_request.pk}",
    )


# --- who decides ----------------------------------------------------------------------


def manager_group_ids(room) -> set[int]:
    ids = set()
    if room.manager_group_id:
        ids.add(room.manager_group_id)
    if room.operator_id and room.operator.manager_group_id:
        ids.add(room.operator.manager_group_id)
    return ids


def managers_of(room):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(groups__in=manager_group_ids(room), is_active=True)
        .distinct()
    )


# --- deciding -------------------------------------------------------------------------


def conflicts(booking):
    """Other dates of the room overlapping ``booking`` (buffer included): approved
    ones (they block) and pending ones (deciding for one declines the other)."""
    return (
        Booking.objects.filter(
            room_id=booking.room_id,
            status__in=[BookingStatus.APPROVED, BookingStatus.PENDING],
            starts_at__lt=booking.blocked_until,
            blocked_until__gt=booking.starts_at,
        )
        .exclude(pk=booking.pk)
        .select_related("request")
    )


def _approve_one(pk: int, user) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=pk)
    if booking.status != BookingStatus.PENDING:
        raise AlreadyDecided(
            translation.gettext("This date was already decided (%(status)s).")
            % {"status": booking.get_status_display()}
        )
    if booking.overlapping().exists():
        raise Conflict(_conflict_message(booking))
    booking.status = BookingStatus.APPROVED
    booking.decided_at = timezone.now()
    booking.decided_by = user if user and user.pk else None
    try:
        with transaction.atomic():
            booking.save(update_fields=["status", "decided_at", "decided_by"])
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise Conflict(_conflict_message(booking)) from error
    return booking


def _conflict_message(booking) -> str:
    local = timezone.localtime(booking.starts_at)
    return translation.gettext(
        "%(day)s %(time)s overlaps a booked date of this room (buffer included); "
        "it was not approved."
    ) % {"day": f"{local:%d.%m.%Y}", "time": f"{local:%H:%M}"}


def approve(booking_pk: int, user=None) -> Booking:
    """Approve one pending date; raises Conflict or AlreadyDecided."""
    if connection.vendor == "postgresql":
        with transaction.atomic():
            return _approve_one(booking_pk, user)
    with _sqlite_lock, transaction.atomic():
        return _approve_one(booking_pk, user)


def decline(booking_pk: int, user=None, reason: str = "") -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking_pk)
        if booking.status not in (BookingStatus.PENDING, BookingStatus.APPROVED):
            raise AlreadyDecided(
                translation.gettext("This date was already decided (%(status)s).")
                % {"status": booking.get_status_display()}
            )
        booking.status = BookingStatus.DECLINED
        booking.decline_reason = reason[:500]
        booking.decided_at = timezone.now()
        booking.decided_by = user if user and user.pk else None
        booking.save(
            update_fields=["status", "decline_reason", "decided_at", "decided_by"]
        )
        return booking


def decide(booking_request, user, *, approve_pks=(), decline_pks=(), reason=""):
    """Approve and decline dates of one request, then mail the requester once.
    Returns (approved, declined, errors)."""
    approved, declined, errors = [], [], []
    own = set(booking_request.bookings.values_list("pk", flat=True))
    for pk in approve_pks:
        if pk not in own:
            continue
        try:
            approved.append(approve(pk, user))
        except BookingError as error:
            errors.append(str(error))
    for pk in decline_pks:
        if pk not in own:
            continue
        try:
            declined.append(decline(pk, user, reason))
        except BookingError as error:
            errors.append(str(error))
    if approved or declined:
        BookingRequest.objects.filter(pk=booking_request.pk).update(
            sequence=booking_request.sequence + 1
        )
        booking_request.refresh_from_db()
        _mail_decision(booking_request, reason)
        _purge()
    return approved, declined, errors


def _mail_decision(booking_request, reason: str) -> None:
    with translation.override(booking_request.language):
        url = _page_url(
            _localized(booking_request.room, booking_request.language),
            "manage",
            manage_token(booking_request),
        )
    send(
        "rooms.decision",
        [
            Recipient(
                email=booking_request.email,
                language=booking_request.language,
                context={
                    "manage_url": url,
                    "name": booking_request.name,
                    "reason": reason,
                },
            )
        ],
        {"request": booking_request.pk, "room": booking_request.room.title},
        key=f"rooms-decision:{booking_request.pk}:{booking_request.sequence}",
        page=booking_request.room,
    )


# --- cancelling by the requester ------------------------------------------------------


def cancel_request(booking_request) -> int:
    """Withdraw every future date; returns how many were withdrawn."""
    with transaction.atomic():
        locked = BookingRequest.objects.select_for_update().get(pk=booking_request.pk)
        had_approved = locked.bookings.filter(status=BookingStatus.APPROVED).exists()
        count = locked.bookings.filter(
            starts_at__gt=timezone.now(),
            status__in=[
                BookingStatus.UNCONFIRMED,
                BookingStatus.PENDING,
                BookingStatus.APPROVED,
            ],
        ).update(status=BookingStatus.CANCELLED, decided_at=timezone.now())
        bookings_changed()
        if not count:
            return 0
        locked.cancelled_at = timezone.now()
        locked.sequence += 1
        locked.save(update_fields=["cancelled_at", "sequence"])
        send(
            "rooms.cancelled",
            [
                Recipient(
                    email=locked.email,
                    language=locked.language,
                    context={"name": locked.name},
                )
            ],
            {
                "request": locked.pk,
                "room": locked.room.title,
                "cancelled": had_approved,
            },
            key=f"rooms-cancelled:{locked.pk}:{locked.sequence}",
            page=locked.room,
        )
    _purge()
    return count


# --- periodic jobs --------------------------------------------------------------------


def send_reminders(now=None) -> int:
    """Remind requesters of approved dates starting within REMINDER_DAYS."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.APPROVED,
        reminded_at=None,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=REMINDER_DAYS),
        request__erased=False,
    ).select_related("request", "room")
    count = 0
    for booking in due:
        booking_request = booking.request
        local = timezone.localtime(booking.starts_at)
        with translation.override(booking_request.language):
            url = _page_url(
                _localized(booking.room, booking_request.language),
                "manage",
                manage_token(booking_request),
            )
        send(
            "rooms.reminder",
            [
                Recipient(
                    email=booking_request.email,
                    language=booking_request.language,
                    context={"manage_url": url, "name": booking_request.name},
                )
            ],
            {
                "room": booking.room.title,
                "day": local.date().isoformat(),
                "start": f"{local:%H:%M}",
                "end": f"{timezone.localtime(booking.ends_at):%H:%M}",
            },
            key=f"rooms-reminder:{booking.pk}",
            page=booking.room,
        )
        Booking.objects.filter(pk=booking.pk).update(reminded_at=now)
        count += 1
    return count


def expire_unconfirmed(now=None) -> int:
    """Delete requests whose address was not confirmed within CONFIRM_MAX_AGE."""
    now = now or timezone.now()
    stale = BookingRequest.objects.filter(
        confirmed_at=None, created_at__lt=now - timedelta(seconds=CONFIRM_MAX_AGE)
    )
    count, _ = stale.delete()
    return count


def _purge() -> None:
    from engagement_hub.core import pagecache

    transaction.on_commit(pagecache.purge)
