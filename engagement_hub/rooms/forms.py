"""The public booking request form."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from engagement_hub.core.forms import ClearErrorsMixin

from .availability import closure_on, covered, public_holiday
from .bookings import Booking
from .choices import MAX_SERIES_DATES, BookingStatus, Repeat


def series_dates(first: date, repeat: str, until: date | None) -> list[date]:
    if not repeat or until is None:
        return [first]
    step = timedelta(weeks=1 if repeat == Repeat.WEEKLY else 2)
    dates, current = [], first
    while current <= until and len(dates) <= MAX_SERIES_DATES:
        dates.append(current)
        current += step
    return dates


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class BookingRequestForm(ClearErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send you a link to confirm it; only then is the request passed on."
        ),
    )
    association = forms.ChoiceField(
        label=_("Association from the directory"), required=False
    )
    association_name = forms.CharField(
        label=_("or the name of your association or group"),
        max_length=200,
        required=False,
    )
    purpose = forms.CharField(
        label=_("What do you plan?"),
        max_length=300,
        help_text=_("Shown only to the room managers."),
    )
    attendees = forms.IntegerField(
        label=_("Expected attendees"), min_value=1, max_value=10000
    )
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=Repeat.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    repeat_until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At most %(n)s dates.") % {"n": MAX_SERIES_DATES},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_rules = forms.BooleanField(
        label=_("I have read the usage rules and accept them."),
    )

    def __init__(self, *args, room, associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        self.fields["association"].choices = [
            ("", _("– none –")),
            *((str(pk), t) for pk, t in associations),
        ]
        if room.capacity:
            self.fields["attendees"].max_value = room.capacity
            self.fields["attendees"].widget.attrs["max"] = room.capacity
            self.fields["attendees"].help_text = _(
                "The room holds up to %(n)s people."
            ) % {"n": room.capacity}
        self.dates: list[date] = []

    def clean_attendees(self):
        value = self.cleaned_data["attendees"]
        if self.room.capacity and value > self.room.capacity:
            raise forms.ValidationError(
                _("The room holds at most %(n)s people.") % {"n": self.room.capacity}
            )
        return value

    def clean(self):
        data = super().clean()
        room = self.room
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day is None or start is None or end is None:
            return data
        if end <= start:
            self.add_error("end", _("The end must be after the start."))
            return data
        today = timezone.localdate()
        earliest = today + timedelta(days=room.min_notice_days)
        latest = today + timedelta(days=room.max_days_ahead)
        if day < today:
            self.add_error("day", _("The date is in the past."))
            return data
        if day < earliest:
            self.add_error(
                "day",
                _("Please request at least %(n)s days ahead (from %(day)s).")
                % {"n": room.min_notice_days, "day": _day(earliest)},
            )
            return data
        if day > latest:
            self.add_error(
                "day",
                _("This room can be booked until %(day)s.") % {"day": _day(latest)},
            )
            return data
        repeat = data.get("repeat") or ""
        until = data.get("repeat_until")
        if repeat:
            if until is None:
                self.add_error("repeat_until", _("Enter the last date of the series."))
                return data
            if until <= day:
                self.add_error(
                    "repeat_until", _("The series must end after the first date.")
                )
                return data
            if until > latest:
                self.add_error(
                    "repeat_until",
                    _("This room can be booked until %(day)s.") % {"day": _day(latest)},
                )
                return data
        dates = series_dates(day, repeat, until)
        if len(dates) > MAX_SERIES_DATES:
            self.add_error(
                "repeat_until",
                _("A series can have at most %(n)s dates; choose an earlier end.")
                % {"n": MAX_SERIES_DATES},
            )
            return data
        slots = list(room.bookable_hours.all())
        closures = list(room.closures.all())
        problems = []
        for current in dates:
            holiday = public_holiday(current)
            closure = closure_on(closures, current)
            if holiday:
                problems.append(
                    _("%(day)s is a public holiday (%(name)s).")
                    % {"day": _day(current), "name": holiday}
                )
            elif closure:
                problems.append(
                    _("The room is closed on %(day)s.") % {"day": _day(current)}
                )
            elif not covered(slots, current, start, end):
                problems.append(
                    _("%(day)s, %(start)s–%(end)s is outside the bookable hours.")
                    % {
                        "day": _day(current),
                        "start": f"{start:%H:%M}",
                        "end": f"{end:%H:%M}",
                    }
                )
        spans = {current: Booking.span(room, current, start, end) for current in dates}
        booked = list(
            Booking.objects.filter(
                room__translation_key=room.translation_key,
                status=BookingStatus.APPROVED,
                starts_at__lt=max(span[2] for span in spans.values()),
                blocked_until__gt=min(span[0] for span in spans.values()),
            ).values_list("starts_at", "blocked_until")
        )
        for current, (starts, _ends, blocked) in spans.items():
            if any(s < blocked and b > starts for s, b in booked):
                problems.append(
                    _("The room is already booked on %(day)s at that time.")
                    % {"day": _day(current)}
                )
        if problems:
            shown = problems[:10]
            more = len(problems) - len(shown)
            if more:
                shown.append(
                    ngettext("and %(n)s more date.", "and %(n)s more dates.", more)
                    % {"n": more}
                )
            raise forms.ValidationError(shown)
        self.dates = dates
        return data
