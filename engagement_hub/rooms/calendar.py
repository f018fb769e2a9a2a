"""The availability calendar of a room (month or week), without personal data."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .availability import closure_on, opens_on, public_holiday


@dataclass
class Entry:
    kind: str  # booked, requested, closed, holiday, not_bookable
    label: str
    times: str = ""


@dataclass
class Day:
    day: date
    in_month: bool = True
    entries: list[Entry] = field(default_factory=list)

    @property
    def is_blocked(self) -> bool:
        return any(
            e.kind in ("closed", "holiday", "not_bookable") for e in self.entries
        )


def _parse_month(value: str, today: date) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (ValueError, TypeError):
        return None


def days_with_entries(room, first: date, last: date) -> dict[date, Day]:
    """Every day from ``first`` to ``last`` with what blocks it (three queries)."""
    from .bookings import Booking
    from .choices import BookingStatus

    slots = list(room.bookable_hours.all())
    closures = list(room.closures.all())
    days = {}
    current = first
    while current <= last:
        day = Day(current)
        holiday = public_holiday(current)
        closure = closure_on(closures, current)
        if holiday:
            day.entries.append(
                Entry("holiday", _("Public holiday: %(name)s") % {"name": holiday})
            )
        if closure:
            day.entries.append(
                Entry(
                    "closed",
                    _("Closed") + (f": {closure.reason}" if closure.reason else ""),
                )
            )
        if not holiday and not closure and not opens_on(slots, current):
            day.entries.append(Entry("not_bookable", _("Not bookable")))
        days[current] = day
        current += timedelta(days=1)
    bookings = Booking.objects.filter(
        room__translation_key=room.translation_key,
        status__in=[BookingStatus.APPROVED, BookingStatus.PENDING],
        starts_at__lt=timezone.make_aware(
            timezone.datetime.combine(
                last + timedelta(days=1), timezone.datetime.min.time()
            )
        ),
        ends_at__gt=timezone.make_aware(
            timezone.datetime.combine(first, timezone.datetime.min.time())
        ),
    ).values_list("starts_at", "ends_at", "status")
    for starts, ends, status in bookings:
        local_start, local_end = timezone.localtime(starts), timezone.localtime(ends)
        key = local_start.date()
        if key in days:
            days[key].entries.append(
                Entry(
                    "booked" if status == BookingStatus.APPROVED else "requested",
                    _("Booked") if status == BookingStatus.APPROVED else _("Requested"),
                    f"{local_start:%H:%M}–{local_end:%H:%M}",
                )
            )
    for day in days.values():
        day.entries.sort(key=lambda e: e.times)
    return days


def calendar_context(room, request) -> dict:
    today = timezone.localdate()
    view = request.GET.get("view", "month")
    if view not in ("month", "week"):
        view = "month"
    notice = None
    if view == "week":
        start = (
            _parse_day(request.GET.get("week", "")) if "week" in request.GET else today
        )
        if start is None:
            notice, start = _("The week could not be read; this week is shown."), today
        start = start - timedelta(days=start.weekday())
        if abs((start - today).days) > 3 * 366:
            notice, start = (
                _("That week is out of range; this week is shown."),
                (today - timedelta(days=today.weekday())),
            )
        days = days_with_entries(room, start, start + timedelta(days=6))
        return {
            "calendar": {
                "view": "week",
                "days": list(days.values()),
                "title": _("Week of %(day)s")
                % {"day": formats.date_format(start, "DATE_FORMAT")},
                "previous": {
                    "view": "week",
                    "week": (start - timedelta(days=7)).isoformat(),
                },
                "next": {
                    "view": "week",
                    "week": (start + timedelta(days=7)).isoformat(),
                },
                "other": {"view": "month", "month": f"{start:%Y-%m}"},
                "notice": notice,
            }
        }
    month = (
        _parse_month(request.GET.get("month", ""), today)
        if "month" in request.GET
        else today.replace(day=1)
    )
    if month is None or abs((month - today).days) > 3 * 366:
        notice = _("The month could not be shown; this month is shown.")
        month = today.replace(day=1)
    weeks_dates = pycalendar.Calendar().monthdatescalendar(month.year, month.month)
    days = days_with_entries(room, weeks_dates[0][0], weeks_dates[-1][-1])
    weeks = []
    for week in weeks_dates:
        row = []
        for current in week:
            day = days[current]
            day.in_month = current.month == month.month
            row.append(day)
        weeks.append({"number": week[0].isocalendar()[1], "days": row})
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return {
        "calendar": {
            "view": "month",
            "weeks": weeks,
            "title": formats.date_format(month, "YEAR_MONTH_FORMAT"),
            "previous": {"view": "month", "month": f"{previous:%Y-%m}"},
            "next": {"view": "month", "month": f"{following:%Y-%m}"},
            "other": {"view": "week", "week": max(month, today).isoformat()},
            "notice": notice,
            "weekdays": [formats.date_format(d, "l") for d in weeks_dates[0]],
        }
    }
