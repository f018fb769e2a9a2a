"""The directory's fixed vocabulary: weekdays, times of day, languages, accessibility
features and the age limit. Plain values, no models: forms, facets, models and the
domains all read them from here.
"""

from __future__ import annotations

from datetime import date, time

from django.utils.translation import gettext_lazy as _

MAX_AGE = 120

# --- vocabulary ----------------------------------------------------------------------

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

# A slot belongs to the part of the day in which it starts.
NOON = time(12, 0)
EVENING = time(17, 0)
TIMES_OF_DAY = [
    ("morning", _("Morning (before 12:00)")),
    ("afternoon", _("Afternoon (12:00 to 17:00)")),
    ("evening", _("Evening (from 17:00)")),
]


def time_of_day(start: time) -> str:
    if start < NOON:
        return "morning"
    return "afternoon" if start < EVENING else "evening"


# ISO 639-1 codes (and "dgs" for German Sign Language) used as filter values.
LANGUAGE_CHOICES = [
    ("de", _("German")),
    ("en", _("English")),
    ("dgs", _("German Sign Language")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("fr", _("French")),
    ("pl", _("Polish")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("vi", _("Vietnamese")),
]

# (filter value, field name, label)
ACCESSIBILITY_FEATURES = [
    ("step-free", "step_free_access", _("Step-free access")),
    ("toilet", "accessible_toilet", _("Accessible toilet")),
    ("hearing-loop", "hearing_loop", _("Hearing loop")),
]


def parse_dates(text: str) -> list[date]:
    """``"2026-12-24, 2026-12-31"`` -> dates; raises ValueError on anything else."""
    return [
        date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()
    ]
