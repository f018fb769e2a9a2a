"""When a room is free: bookable hours, closures, MV public holidays, approved
bookings (with the room's buffer); and the finder's availability filter."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.directory.models import WEEKDAYS

FINDER_PARAMETERS = ("free_date", "free_weekday", "free_from", "free_to")
# A weekday filter ("free on Tuesdays") looks at this many coming weeks.
WEEKDAY_WEEKS = 4
END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=16)
def _holidays(year: int) -> dict:
    import holidays

    return dict(holidays.country_holidays("DE", subdiv="MV", years=year))


def public_holiday(day: date) -> str | None:
    """The name of the public holiday in Mecklenburg-Vorpommern on ``day``."""
    return _holidays(day.year).get(day)


def covered(slots, day: date, start: time, end: time) -> bool:
    """Whether bookable hours (``WeeklySlot`` rows) allow ``start``-``end`` on
    ``day``; a room without bookable hours can be booked at any time."""
    if not slots:
        return True
    for slot in slots:
        if slot.weekday != day.weekday():
            continue
        if slot.valid_from and day < slot.valid_from:
            continue
        if slot.valid_until and day > slot.valid_until:
            continue
        if day in slot.exceptions:
            continue
        if slot.start_time <= start and end <= (slot.end_time or END_OF_DAY):
            return True
    return False


def opens_on(slots, day: date) -> bool:
    if not slots:
        return True
    return any(
        slot.weekday == day.weekday()
        and not (slot.valid_from and day < slot.valid_from)
        and not (slot.valid_until and day > slot.valid_until)
        and day not in slot.exceptions
        for slot in slots
    )


def closure_on(closures, day: date):
    for closure in closures:
        if closure.first_day <= day <= closure.last_day:
            return closure
    return None


def aware(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


# --- the finder ----------------------------------------------------------------------


class AvailabilityForm(forms.Form):
    free_date = forms.DateField(
        label=_("Free on this date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    free_weekday = forms.TypedChoiceField(
        label=_("or free every week on"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any day")), *WEEKDAYS],
    )
    free_from = forms.TimeField(
        label=_("from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    free_to = forms.TimeField(
        label=_("until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("free_from"), data.get("free_to")
        if (start is None) != (end is None) and not self.errors:
            raise forms.ValidationError(_("Enter both times, or neither."))
        if start and end and end <= start:
            raise forms.ValidationError(_("The end must be after the start."))
        day = data.get("free_date")
        today = timezone.localdate()
        if day and day < today:
            raise forms.ValidationError(_("The date is in the past."))
        if day and day > today + timedelta(days=3 * 365):
            raise forms.ValidationError(_("The date is too far ahead."))
        if day and data.get("free_weekday") is not None:
            raise forms.ValidationError(_("Choose a date or a weekday, not both."))
        if (start or end) and not day and data.get("free_weekday") is None:
            raise forms.ValidationError(_("Choose a date or a weekday for the times."))
        return data


def _windows(data) -> list[tuple[date, time, time]]:
    start = data.get("free_from") or time(0, 0)
    end = data.get("free_to") or END_OF_DAY
    if data.get("free_date"):
        return [(data["free_date"], start, end)]
    weekday = data["free_weekday"]
    today = timezone.localdate()
    first = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    return [(first + timedelta(weeks=n), start, end) for n in range(WEEKDAY_WEEKS)]


def _label(data) -> str:
    start, end = data.get("free_from"), data.get("free_to")
    times = f", {start:%H:%M}–{end:%H:%M}" if start and end else ""
    if data.get("free_date"):
        day = formats.date_format(data["free_date"], "DATE_FORMAT")
        return str(_("Free on %(day)s%(times)s")) % {"day": day, "times": times}
    weekday = dict(WEEKDAYS)[data["free_weekday"]]
    return str(_("Free every %(weekday)s%(times)s (the next %(weeks)s weeks)")) % {
        "weekday": weekday,
        "times": times,
        "weeks": WEEKDAY_WEEKS,
    }


def free_rooms(rooms, windows) -> set[int]:
    """The pks of ``rooms`` (RoomPage rows of one locale, with ``translation_key``,
    ``buffer_minutes``, ``min_notice_days``, ``max_days_ahead``) free in every
    window ``(day, start, end)``. Four queries, whatever the number of rooms."""
    from .models import Booking, BookingStatus, RoomBookableHours, RoomClosure

    rooms = list(rooms)
    if not rooms or not windows:
        return set()
    if any(public_holiday(day) for day, _s, _e in windows):
        return set()
    pks = [room.pk for room in rooms]
    slots = defaultdict(list)
    for slot in RoomBookableHours.objects.filter(page_id__in=pks):
        slots[slot.page_id].append(slot)
    closures = defaultdict(list)
    first_day = min(day for day, _s, _e in windows)
    last_day = max(day for day, _s, _e in windows)
    for closure in RoomClosure.objects.filter(
        page_id__in=pks, first_day__lte=last_day, last_day__gte=first_day
    ):
        closures[closure.page_id].append(closure)
    busy = defaultdict(list)
    for key, starts, blocked in Booking.objects.filter(
        status=BookingStatus.APPROVED,
        starts_at__lt=aware(last_day, END_OF_DAY) + timedelta(days=1),
        blocked_until__gt=aware(first_day, time(0, 0)),
    ).values_list("room__translation_key", "starts_at", "blocked_until"):
        busy[key].append((starts, blocked))
    today = timezone.localdate()
    free = set()
    for room in rooms:
        ok = all(
            _window_free(
                room,
                today,
                slots[room.pk],
                closures[room.pk],
                busy[room.translation_key],
                *window,
            )
            for window in windows
        )
        if ok:
            free.add(room.pk)
    return free


def _window_free(room, today, slots, closures, busy, day, start, end) -> bool:
    if day < today + timedelta(days=room.min_notice_days):
        return False
    if day > today + timedelta(days=room.max_days_ahead):
        return False
    if closure_on(closures, day):
        return False
    if start == time(0, 0) and end == END_OF_DAY:
        if not opens_on(slots, day):
            return False
    elif not covered(slots, day, start, end):
        return False
    begin = aware(day, start)
    until = aware(day, end) + timedelta(minutes=room.buffer_minutes)
    return not any(s < until and b > begin for s, b in busy)


def finder_filter(request, index_page):
    from engagement_hub.core.directory.listing import ExtraFilter, base_queryset

    form = AvailabilityForm(request.GET)
    extra = ExtraFilter(
        form=form, template="engagement_hub/rooms/includes/free_filter.html"
    )
    if not form.is_valid():
        label = _("Free at")
        extra.notices = [
            f"{label}: {error}" for errors in form.errors.values() for error in errors
        ]
        return extra
    data = form.cleaned_data
    if not data.get("free_date") and data.get("free_weekday") is None:
        return extra
    windows = _windows(data)
    extra.params = [
        (name, value.isoformat() if hasattr(value, "isoformat") else str(value))
        for name in FINDER_PARAMETERS
        if (value := data.get(name)) is not None and value != ""
    ]
    extra.params = [
        (name, value[:5] if name in ("free_from", "free_to") else value)
        for name, value in extra.params
    ]
    extra.label = _label(data)
    holiday = next(
        (public_holiday(day) for day, _s, _e in windows if public_holiday(day)), None
    )
    if holiday:
        extra.notices = [
            str(_("%(holiday)s is a public holiday: rooms cannot be booked."))
            % {"holiday": holiday}
        ]
    rooms = base_queryset(index_page).only(
        "pk",
        "translation_key",
        "buffer_minutes",
        "min_notice_days",
        "max_days_ahead",
    )
    extra.pks = free_rooms(rooms, windows)
    return extra
