"""When a room is free: bookable hours, closures, MV public holidays, approved
bookings (with the room's buffer); and the finder's availability filter."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django import forms
from django.db.models import Q
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


@dataclass(frozen=True)
class Slot:
    weekday: int
    start_time: time
    end_time: time | None
    valid_from: date | None
    valid_until: date | None
    exceptions: frozenset


@dataclass(frozen=True)
class Closure:
    first_day: date
    last_day: date


@dataclass(frozen=True)
class RoomFacts:
    """What the "free at" filter needs of one room, fixed by its live revision."""

    translation_key: str
    buffer_minutes: int
    min_notice_days: int
    max_days_ahead: int
    slots: tuple = ()
    closures: tuple = ()


FACTS_TIMEOUT = 7 * 24 * 3600


def _facts_key(pk: int) -> str:
    return f"eh:rooms:facts:v2:{pk}"


def load_facts(room_model, versions: dict) -> dict[int, RoomFacts]:
    """The facts of the rooms ``versions`` names (pk -> live revision id; pages
    of ``room_model``), each cached with the live revision it was read under (one
    ``get_many``): a room published since costs three queries for the rooms that
    changed, none for the others; ``store_facts`` fills them when a room is
    published."""
    from django.core.cache import cache

    keys = {pk: _facts_key(pk) for pk in versions}
    found = cache.get_many(list(keys.values()))
    facts = {}
    for pk, key in keys.items():
        stored = found.get(key)
        if stored is not None and stored[0] == versions[pk]:
            facts[pk] = stored[1]
    missing = [pk for pk in keys if pk not in facts]
    if missing:
        computed = _query_facts(room_model, missing)
        cache.set_many(
            {keys[pk]: (versions[pk], value) for pk, value in computed.items()},
            timeout=FACTS_TIMEOUT,
        )
        facts.update(computed)
    return facts


def store_facts(page) -> None:
    """Compute and cache a just published room's facts (at once and after the
    commit), so that the next visitor of the finder does not wait for them."""
    from django.core.cache import cache

    from engagement_hub.core.directory.cache import now_and_on_commit

    room_model, pk, revision = type(page), page.pk, page.live_revision_id

    def work():
        computed = _query_facts(room_model, [pk])
        if pk in computed:
            cache.set(_facts_key(pk), (revision, computed[pk]), timeout=FACTS_TIMEOUT)

    now_and_on_commit(work)


def forget_facts(page_pk: int) -> None:
    """A room's hours or closures changed without a publish: its cached facts go."""
    from django.core.cache import cache

    from engagement_hub.core.directory.cache import now_and_on_commit

    now_and_on_commit(lambda: cache.delete(_facts_key(page_pk)))


def _query_facts(room_model, pks: list[int]) -> dict[int, RoomFacts]:
    """Three queries, whatever the number of rooms."""
    from engagement_hub.core.directory.models import parse_dates

    from .bookings import RoomBookableHours, RoomClosure

    slots = defaultdict(list)
    for page_id, *values, exceptions in RoomBookableHours.objects.filter(
        page_id__in=pks
    ).values_list(
        "page_id",
        "weekday",
        "start_time",
        "end_time",
        "valid_from",
        "valid_until",
        "exception_dates",
    ):
        try:
            parsed = frozenset(parse_dates(exceptions))
        except ValueError:
            parsed = frozenset()
        slots[page_id].append(Slot(*values, parsed))
    closures = defaultdict(list)
    for page_id, first, last in RoomClosure.objects.filter(page_id__in=pks).values_list(
        "page_id", "first_day", "last_day"
    ):
        closures[page_id].append(Closure(first, last))
    return {
        pk: RoomFacts(key, buffer, notice, ahead, tuple(slots[pk]), tuple(closures[pk]))
        for pk, key, buffer, notice, ahead in room_model.objects.filter(
            pk__in=pks
        ).values_list(
            "pk",
            "translation_key",
            "buffer_minutes",
            "min_notice_days",
            "max_days_ahead",
        )
    }


def free_rooms(room_model, versions: dict, windows) -> set[int]:
    """The pks of the rooms ``versions`` names (pk -> live revision; the listing's
    rooms, from its cached facet index) free in every window ``(day, start, end)``:
    bookable then, not closed, no public holiday, no approved booking overlapping
    (the room's buffer included). One query (the booked dates in the windows) when
    the rooms' facts are cached."""
    from .bookings import Booking
    from .choices import BookingStatus

    if not windows or not versions:
        return set()
    if any(public_holiday(day) for day, _s, _e in windows):
        return set()
    facts = load_facts(room_model, versions)
    if not facts:
        return set()
    spans = [
        (day, start, end, aware(day, start), aware(day, end))
        for day, start, end in windows
    ]
    longest = timedelta(minutes=max(room.buffer_minutes for room in facts.values()))
    overlaps = Q()
    for _day, _start, _end, begin, finish in spans:
        overlaps |= Q(starts_at__lt=finish + longest, blocked_until__gt=begin)
    # Bookings belong to the source-language room: matched by translation key.
    busy = defaultdict(list)
    for key, starts, blocked in Booking.objects.filter(
        overlaps, status=BookingStatus.APPROVED
    ).values_list("room__translation_key", "starts_at", "blocked_until"):
        busy[key].append((starts, blocked))
    today = timezone.localdate()
    free = set()
    for pk, room in facts.items():
        earliest = today + timedelta(days=room.min_notice_days)
        latest = today + timedelta(days=room.max_days_ahead)
        booked = busy.get(room.translation_key, [])
        pad = timedelta(minutes=room.buffer_minutes)
        if all(
            earliest <= day <= latest
            and not closure_on(room.closures, day)
            and (
                opens_on(room.slots, day)
                if start == time(0, 0) and end == END_OF_DAY
                else covered(room.slots, day, start, end)
            )
            and not any(s < finish + pad and b > begin for s, b in booked)
            for day, start, end, begin, finish in spans
        ):
            free.add(pk)
    return free


def finder_filter(request, index_page):
    from engagement_hub.core import render_cache
    from engagement_hub.core.directory import cache as tokens
    from engagement_hub.core.directory.listing import ExtraFilter, get_index

    from .caching import BOOKINGS

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
    # Cached until a booking changes, a room is published (its hours, closures)
    # or the day ends (core.render_cache).
    extra.pks = render_cache.cached(
        "rooms-free",
        (index_page.pk, repr(extra.params)),
        lambda: (
            free_rooms(
                index_page.get_entry_model(), get_index(index_page).versions, windows
            ),
            None,
        ),
        depends=(BOOKINGS, tokens.page_token_name(index_page.pk)),
    )
    return extra
