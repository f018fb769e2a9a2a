"""Every mail of the meetings, through the mail API, with idempotency keys:
confirmations, move-ups, reminders (once each), updates (same UID, higher
SEQUENCE), minutes."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from wagtail.models import Locale

from engagement_hub.mailings.api import Recipient, send
from engagement_hub.mailings.rendering import base_url

from . import mail
from .conf import meeting_setting
from .links import make_confirm_token, make_token
from .rows import Invitation, Occurrence, Rsvp


def _localized(page, language: str):
    locale = Locale.objects.filter(language_code=language).first()
    if locale and locale.pk != page.locale_id:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return page.specific


def _path(page, language: str) -> str:
    page = _localized(page, language)
    parts = page.get_url_parts()
    return parts[2] if parts else page.url or "/"


def index_of(occurrence: Occurrence):
    """The meeting calendar of the date (its RSVP and confirmation routes)."""
    return occurrence.meeting.calendar_page()


def _prefix(occurrence: Occurrence, language: str) -> str:
    """The absolute address of the RSVP route in ``language`` without the token
    (cached on the instance: one lookup per language for a whole send)."""
    cache = occurrence.__dict__.setdefault("_rsvp_prefixes", {})
    if language not in cache:
        index = index_of(occurrence)
        cache[language] = (
            base_url()
            + _path(index, language)
            + index.reverse_subpage("rsvp", args=["TOKEN"]).replace("TOKEN/", "")
        )
    return cache[language]


def rsvp_url(occurrence: Occurrence, email: str, language: str, **extra) -> str:
    token = make_token(occurrence.pk, email, **extra)
    return f"{_prefix(occurrence, language)}{token}/"


def confirm_url(occurrence: Occurrence, email: str, language: str, **extra) -> str:
    index = index_of(occurrence)
    token = make_confirm_token(occurrence.pk, email, **extra)
    return (
        base_url()
        + _path(index, language)
        + index.reverse_subpage("confirm", args=[token])
    )


def page_url(occurrence: Occurrence, language: str) -> str:
    return base_url() + _path(occurrence.meeting, language)


def _context(occurrence: Occurrence, **extra) -> dict:
    return {
        "occurrence": occurrence.pk,
        "url": page_url(occurrence, "de"),
        **extra,
    }


def _personal(occurrence: Occurrence, email: str, language: str, association_id=None):
    extra = {"a": association_id} if association_id else {}
    link = rsvp_url(occurrence, email, language, **extra)
    return {
        "rsvp_url": link,
        "yes_url": link + "?answer=yes",
        "no_url": link + "?answer=no",
        "maybe_url": link + "?answer=maybe",
    }


def _recipient(occurrence, email, language, association_id=None, **context):
    return Recipient(
        email=email,
        language=language,
        party=f"association:{association_id}" if association_id else "",
        context={**_personal(occurrence, email, language, association_id), **context},
    )


def after_answer(rsvp_pk: int, changed: bool, moved: list[int]) -> None:
    rsvp = Rsvp.objects.select_related("occurrence__meeting").filter(pk=rsvp_pk).first()
    if rsvp is not None and changed:
        occurrence = rsvp.occurrence
        send(
            mail.RSVP_RECEIVED,
            [_recipient(occurrence, rsvp.email, rsvp.language, rsvp.association_id)],
            _context(occurrence, status=rsvp.status, people=rsvp.people),
            key=f"meeting-rsvp:{rsvp.pk}:{rsvp.changes}",
            page=occurrence.meeting,
        )
    for pk in moved:
        moved_up(pk)


def moved_up(rsvp_pk: int) -> None:
    rsvp = Rsvp.objects.select_related("occurrence__meeting").filter(pk=rsvp_pk).first()
    if rsvp is None:
        return
    occurrence = rsvp.occurrence
    send(
        mail.MOVED_UP,
        [_recipient(occurrence, rsvp.email, rsvp.language, rsvp.association_id)],
        _context(occurrence, people=rsvp.people),
        key=f"meeting-moved-up:{rsvp.pk}:{rsvp.changes}",
        page=occurrence.meeting,
    )


def public_confirmation(
    occurrence: Occurrence, email: str, language: str, *, name: str, people: int
) -> None:
    """The double opt-in of a public RSVP: nothing is stored until the link is
    confirmed (the token carries the answer)."""
    url = confirm_url(occurrence, email, language, n=name[:150], p=people)
    send(
        mail.PUBLIC_CONFIRM,
        [Recipient(email=email, language=language, context={"confirm_url": url})],
        _context(occurrence),
        page=occurrence.meeting,
    )


def involved(occurrence: Occurrence):
    """Everyone invited to the date or registered for it, once per address."""
    seen = {}
    for email, language, association in occurrence.invitations.values_list(
        "email", "language", "association_id"
    ):
        seen[email] = (language, association)
    for email, language, association in occurrence.rsvps.exclude(
        status=Rsvp.Status.DECLINED
    ).values_list("email", "language", "association_id"):
        seen[email] = (language, association)
    return seen


def date_changed(occurrence_pk: int) -> None:
    """Moved or cancelled: everyone invited or registered gets the new .ics (same
    UID, higher SEQUENCE; METHOD:CANCEL for a cancellation)."""
    occurrence = (
        Occurrence.objects.select_related("meeting").filter(pk=occurrence_pk).first()
    )
    if occurrence is None:
        return
    recipients = [
        _recipient(occurrence, email, language, association)
        for email, (language, association) in involved(occurrence).items()
    ]
    if not recipients:
        return
    send(
        mail.DATE_CHANGED,
        recipients,
        _context(occurrence, cancelled=occurrence.is_cancelled),
        key=f"meeting-update:{occurrence.pk}:{occurrence.sequence}",
        page=occurrence.meeting,
    )


def reminder_due(occurrence: Occurrence, now: datetime) -> int | None:
    """The reminder (days before) whose window ``now`` is in, or None."""
    days = sorted(set(meeting_setting("REMINDER_DAYS")))
    for index, day in enumerate(days):
        window_start = occurrence.starts_at - timedelta(days=day)
        window_end = (
            occurrence.starts_at - timedelta(days=days[index - 1])
            if index
            else occurrence.starts_at
        )
        if window_start <= now < window_end:
            return day
    return None


def send_reminders(now: datetime | None = None) -> int:
    """Reminders to those who said yes; each (date, days) once (idempotency key)."""
    now = now or timezone.now()
    longest = max(meeting_setting("REMINDER_DAYS"))
    sent = 0
    dates = (
        Occurrence.objects.select_related("meeting")
        .filter(
            starts_at__gt=now,
            starts_at__lte=now + timedelta(days=longest),
            meeting__live=True,
        )
        .exclude(status=Occurrence.Status.CANCELLED)
    )
    for occurrence in dates:
        day = reminder_due(occurrence, now)
        if day is None:
            continue
        rows = occurrence.rsvps.filter(status=Rsvp.Status.CONFIRMED).values_list(
            "email", "language", "association_id"
        )
        recipients = [
            _recipient(occurrence, email, language, association)
            for email, language, association in rows
        ]
        if not recipients:
            continue
        send(
            mail.MEETING_REMINDER,
            recipients,
            _context(occurrence, days=day),
            key=f"meeting-reminder:{occurrence.pk}:{day}",
            page=occurrence.meeting,
        )
        sent += 1
    return sent


def send_minutes(occurrence: Occurrence, user=None):
    """The minutes to the attendees and the invited clubs (once per date)."""
    recipients = {}
    for email, language, association in occurrence.invitations.values_list(
        "email", "language", "association_id"
    ):
        recipients[email] = (language, association)
    for email, language, association in occurrence.rsvps.filter(
        status=Rsvp.Status.CONFIRMED
    ).values_list("email", "language", "association_id"):
        recipients[email] = (language, association)
    mailing = send(
        mail.MINUTES,
        [
            Recipient(
                email=email,
                language=language,
                party=f"association:{association}" if association else "",
            )
            for email, (language, association) in recipients.items()
        ],
        _context(occurrence),
        key=f"meeting-minutes:{occurrence.pk}",
        page=occurrence.meeting,
        created_by=user,
    )
    Occurrence.objects.filter(pk=occurrence.pk).update(minutes_sent_at=timezone.now())
    return mailing


__all__ = ["Invitation"]
