"""Deadlines of a guide: fixed dates, a yearly closing date, or any time.

``occurrences(guide, start, end)`` lists the concrete dates between two days
(yearly rules expanded); ``next_deadline(guide, today)`` is the first one on or
after today, or None (any time, closed, or all dates past)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def yearly_date(year: int, month: int, day: int) -> date:
    """The date of a yearly rule in ``year``; 29 February falls on the 28th in
    other years."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last))


@dataclass(frozen=True)
class Occurrence:
    date: date
    note: str
    guide: object
    deadline_id: int | None = None


def row_dates(kind: str, row, start: date, end: date) -> list[date]:
    """The dates of one deadline row between ``start`` and ``end`` (inclusive)."""
    if kind == "fixed":
        if row.date and start <= row.date <= end:
            return [row.date]
        return []
    if kind == "yearly":
        if not row.month or not row.day:
            return []
        return [
            d
            for year in range(start.year, end.year + 1)
            if start <= (d := yearly_date(year, row.month, row.day)) <= end
        ]
    return []


def occurrences(guide, start: date, end: date, rows=None) -> list[Occurrence]:
    if guide.closed or guide.deadline_kind == "rolling":
        return []
    rows = guide.deadlines.all() if rows is None else rows
    result = [
        Occurrence(d, row.note, guide, row.pk)
        for row in rows
        for d in row_dates(guide.deadline_kind, row, start, end)
    ]
    return sorted(result, key=lambda o: o.date)


def next_deadline(guide, on: date | None = None, rows=None) -> date | None:
    on = on or today()
    found = occurrences(guide, on, date(on.year + 2, 12, 31), rows)
    return found[0].date if found else None
