"""Dates of a meeting as rows: materialised from the page's rule for a horizon and
extended by a periodic job.

A date is keyed by the day the rule gives (``original_date``), so editing the
series (another time of day, another rule, a new exception) keeps the rows, and
their RSVPs, of every day that stays. A future day the rule no longer gives is
deleted when nobody answered for it, and cancelled (with an update to everyone)
otherwise. Past dates are never touched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice

from django.db import transaction
from django.utils import timezone

from .caching import dates_changed
from .conf import meeting_setting
from .models import MeetingPage, Occurrence

# A rule never yields more rows than this per run (FREQ=MINUTELY and the like).
MAX_DATES = 1000


def planned_starts(page: MeetingPage, until: datetime) -> dict:
    """``{date: aware start}`` of the page's dates up to ``until``."""
    tz = timezone.get_current_timezone()
    if not page.is_series:
        start = timezone.localtime(page.starts_at)
        return {start.date(): start}
    rule = page.rule()
    end = timezone.localtime(until).replace(tzinfo=None)
    if page.series_until:
        end = min(end, datetime.combine(page.series_until, datetime.max.time()))
    exceptions = page.exceptions
    starts = {}
    for naive in islice(rule, MAX_DATES):
        if naive > end:
            break
        if naive.date() in exceptions:
            continue
        starts[naive.date()] = timezone.make_aware(naive, tz)
    return starts


def materialise(page: MeetingPage, *, now: datetime | None = None) -> dict:
    """Bring the rows of ``page`` (its source-language page) in line with its rule.
    Returns counts; changed and cancelled dates get their updates (``mail.py``)."""
    from . import notify

    page = page.source
    now = now or timezone.now()
    horizon = now + meeting_setting("HORIZON")
    planned = planned_starts(page, horizon)
    duration = timedelta(minutes=page.duration)
    counts = {"created": 0, "updated": 0, "deleted": 0, "cancelled": 0}
    changed: list[int] = []
    cancelled: list[int] = []
    with transaction.atomic():
        existing = {
            row.original_date: row
            for row in Occurrence.objects.select_for_update().filter(meeting=page)
        }
        if not page.is_series:
            # A single date: one row that moves with the page.
            (day, start), *_ = planned.items()
            future = [row for row in existing.values() if row.starts_at > now]
            row = existing.get(day) or (future[0] if future else None)
            if row is None:
                Occurrence.objects.create(
                    meeting=page,
                    original_date=day,
                    starts_at=start,
                    ends_at=start + duration,
                )
                counts["created"] += 1
            elif row.starts_at > now and (
                row.starts_at != start or row.ends_at != start + duration
            ):
                row.original_date = day
                _move(row, start, start + duration)
                counts["updated"] += 1
                changed.append(row.pk)
            for other in future:
                if other.pk != (row.pk if row else None):
                    counts[_drop(other, cancelled)] += 1
        else:
            new = []
            for day, start in planned.items():
                row = existing.get(day)
                if row is None:
                    if start > now:
                        new.append(
                            Occurrence(
                                meeting=page,
                                original_date=day,
                                starts_at=start,
                                ends_at=start + duration,
                            )
                        )
                    continue
                if row.starts_at <= now or row.status == Occurrence.Status.MOVED:
                    continue  # the past, and dates an editor moved, stay as they are
                if row.starts_at != start or row.ends_at != start + duration:
                    _move(row, start, start + duration, status=row.status)
                    counts["updated"] += 1
                    changed.append(row.pk)
            Occurrence.objects.bulk_create(new)
            if new:
                dates_changed([page.pk])
            counts["created"] += len(new)
            for day, row in existing.items():
                if (
                    day not in planned
                    and row.starts_at > now
                    and not (row.starts_at > horizon)
                ):
                    if row.status == Occurrence.Status.CANCELLED:
                        continue
                    counts[_drop(row, cancelled)] += 1
        transaction.on_commit(
            lambda: (
                [notify.date_changed(pk) for pk in changed]
                + [notify.date_changed(pk) for pk in cancelled]
            )
        )
    return counts


def _move(row: Occurrence, start, end, status=None) -> None:
    row.starts_at = start
    row.ends_at = end
    row.sequence += 1
    if status is not None:
        row.status = status
    row.save(
        update_fields=["original_date", "starts_at", "ends_at", "sequence", "status"]
    )


def _drop(row: Occurrence, cancelled: list[int]) -> str:
    if row.rsvps.exists() or row.invitations.exists():
        row.status = Occurrence.Status.CANCELLED
        row.sequence += 1
        row.save(update_fields=["status", "sequence"])
        cancelled.append(row.pk)
        return "cancelled"
    row.delete()
    return "deleted"


def extend_all(now: datetime | None = None) -> int:
    """The periodic job: materialise every live series up to the horizon."""
    from wagtail.models import Locale

    total = 0
    pages = MeetingPage.objects.live().filter(locale=Locale.get_default())
    for page in pages.exclude(recurrence="").iterator():
        total += materialise(page, now=now)["created"]
    return total
