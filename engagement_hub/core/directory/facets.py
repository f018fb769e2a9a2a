"""What a domain declares on its ``DirectoryIndexPage``: facets and sort orders.

A facet is a filter with countable options; its ``name`` is the query parameter.
The engine (``listing.py``) asks each facet once per index build (cold) for the
pages of each option, then filters and counts in memory. Two ways to say which
pages an option holds:

- a *row* facet reads columns of the entry's own row (``row_fields`` and
  ``row_values``); all row facets share one query;
- a *related* facet reads ``(pk, value)`` pairs through a relation
  (``related_lookup``, e.g. ``"categories__slug"``); one query per facet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .terms import term_options
from .vocabulary import (
    ACCESSIBILITY_FEATURES,
    LANGUAGE_CHOICES,
    TIMES_OF_DAY,
    WEEKDAYS,
    time_of_day,
)


class Facet:
    """Base of every facet. ``options(locale)`` lists ``(value, label)``;
    ``option_pages(data, value, selected)`` is the set of page pks of one option,
    where ``data`` is what the index collected and ``selected`` maps every facet's
    name to its chosen values (linked facets use it)."""

    name: str
    label: str
    multiple: bool = True
    # The key under which the index keeps this facet's data; facets sharing data
    # (weekday and time of day) share the key.
    data_key: str = ""
    related_lookup: str = ""

    def __init__(self, name: str, label, *, multiple: bool = True):
        self.name = name
        self.label = label
        self.multiple = multiple
        self.data_key = self.data_key or name

    def options(self, locale) -> list[tuple[str, str]]:
        raise NotImplementedError

    # -- collecting (cold) --
    def row_fields(self) -> dict:
        """alias -> field name or expression, read in the shared row query."""
        return {}

    def row_values(self, row: dict) -> list[str]:
        """The option values a row has (row facets)."""
        return []

    def collect_related(self, base, model) -> list[tuple[int, object]]:
        return list(base.values_list("pk", self.related_lookup))

    def related_value(self, value) -> str | None:
        return None if value is None else str(value)

    # -- filtering and counting (in memory) --
    def option_pages(self, data: dict, value: str, selected: dict) -> set:
        return data.get(value, set())


class TermFacet(Facet):
    """A core taxonomy snippet (Category, TargetGroup, District), by slug, through
    a foreign key or many-to-many field; options named in the listing's locale."""

    def __init__(self, name, label, *, field: str, taxonomy: str, multiple=True):
        super().__init__(name, label, multiple=multiple)
        self.field = field
        self.taxonomy = taxonomy
        self.related_lookup = f"{field}__slug"

    def options(self, locale):
        from django.apps import apps

        return term_options(apps.get_model(self.taxonomy), locale)


class CategoryFacet(TermFacet):
    def __init__(self, name="category", label=None, *, field="categories"):
        super().__init__(
            name,
            label or _("Topic"),
            field=field,
            taxonomy="engagement_hub_core.Category",
        )


class TargetGroupFacet(TermFacet):
    def __init__(self, name="target_group", label=None, *, field="target_groups"):
        super().__init__(
            name,
            label or _("For whom"),
            field=field,
            taxonomy="engagement_hub_core.TargetGroup",
        )


class DistrictFacet(TermFacet):
    def __init__(self, name="district", label=None, *, field="district"):
        super().__init__(
            name,
            label or _("District"),
            field=field,
            taxonomy="engagement_hub_core.District",
        )


class ValueFacet(Facet):
    """Fixed options matched against values through a relation or a column."""

    def __init__(self, name, label, *, lookup: str, choices, multiple=True):
        super().__init__(name, label, multiple=multiple)
        self.related_lookup = lookup
        self.choices = choices

    def options(self, locale):
        return [(str(value), str(label)) for value, label in self.choices]


class LanguageFacet(ValueFacet):
    def __init__(self, name="language", label=None, *, field="languages"):
        super().__init__(
            name,
            label or _("Language"),
            lookup=f"{field}__code",
            choices=LANGUAGE_CHOICES,
        )


class ChoiceFacet(Facet):
    """A column with choices (e.g. the kind of an offer)."""

    def __init__(self, name, label, *, field: str, choices, multiple=True):
        super().__init__(name, label, multiple=multiple)
        self.field = field
        self.choices = choices

    def options(self, locale):
        return [(str(value), str(label)) for value, label in self.choices]

    def row_fields(self):
        return {f"f_{self.name}": self.field}

    def row_values(self, row):
        value = row[f"f_{self.name}"]
        return [] if value is None else [str(value)]


@dataclass
class Condition:
    """One option of a ``ConditionFacet``: a value, its label, a ``Q`` on the row."""

    value: str
    label: object
    q: Q = field(default_factory=Q)


class ConditionFacet(Facet):
    """Options defined by conditions on the entry's own row (``Q`` objects without
    many-to-many lookups), e.g. "free" or "up to 5 €"."""

    def __init__(self, name, label, conditions: list[Condition], *, multiple=True):
        super().__init__(name, label, multiple=multiple)
        self.conditions = conditions

    def options(self, locale):
        return [(c.value, str(c.label)) for c in self.conditions]

    def row_fields(self):
        return {
            f"f_{self.name}_{i}": ExpressionWrapper(c.q, output_field=BooleanField())
            for i, c in enumerate(self.conditions)
        }

    def row_values(self, row):
        return [
            c.value for i, c in enumerate(self.conditions) if row[f"f_{self.name}_{i}"]
        ]


class FlagFacet(ConditionFacet):
    """One option: a boolean field is true (e.g. looking for volunteers)."""

    def __init__(self, name, label, *, field: str, option_label, value="yes"):
        super().__init__(
            name, label, [Condition(value, option_label, Q(**{field: True}))]
        )


class AccessibilityFacet(ConditionFacet):
    def __init__(self, name="accessibility", label=None):
        super().__init__(
            name,
            label or _("Accessibility"),
            [
                Condition(value, label_, Q(**{attr: True}))
                for value, attr, label_ in ACCESSIBILITY_FEATURES
            ],
        )


class SlotFacet(Facet):
    """Weekly slots of the entry (``slots_relation``): the index keeps the pages of
    each (weekday, time of day) pair, so that "Tuesday afternoon" means one slot,
    not any Tuesday and any afternoon."""

    data_key = "slots"
    partner = ""  # the linked facet's name

    def collect_related(self, base, model):
        relation = model.slots_relation
        return [
            (pk, (weekday, time_of_day(start)))
            for pk, weekday, start in base.filter(
                **{f"{relation}__isnull": False}
            ).values_list("pk", f"{relation}__weekday", f"{relation}__start_time")
        ]

    def related_value(self, value):
        return value

    def _pairs(self, selected) -> tuple[list[int], list[str]]:
        days = sorted(
            {d for value in selected.get(self._day_facet, []) for d in _days(value)}
        ) or range(7)
        times = selected.get(self._time_facet, []) or [t for t, _l in TIMES_OF_DAY]
        return list(days), list(times)


# The weekday facet's option for all working days at once.
WORKING_DAYS = "mo-fr"


def _days(value: str) -> list[int]:
    return [0, 1, 2, 3, 4] if value == WORKING_DAYS else [int(value)]


class WeekdayFacet(SlotFacet):
    """Weekdays, and "Monday to Friday" as one choice (most people who look for a
    weekday afternoon do not mind which weekday)."""

    def __init__(self, name="weekday", label=None, *, time_facet="time"):
        super().__init__(name, label or _("Weekday"))
        self._day_facet, self._time_facet = name, time_facet

    def options(self, locale):
        return [(WORKING_DAYS, str(_("Monday to Friday")))] + [
            (str(number), str(name)) for number, name in WEEKDAYS
        ]

    def option_pages(self, data, value, selected):
        _chosen, times = self._pairs(selected)
        return set().union(
            *(data.get((day, t), set()) for day in _days(value) for t in times)
        )


class TimeOfDayFacet(SlotFacet):
    def __init__(self, name="time", label=None, *, weekday_facet="weekday"):
        super().__init__(name, label or _("Time of day"))
        self._day_facet, self._time_facet = weekday_facet, name

    def options(self, locale):
        return [(value, str(label)) for value, label in TIMES_OF_DAY]

    def option_pages(self, data, value, selected):
        days, _times = self._pairs(selected)
        return set().union(*(data.get((d, value), set()) for d in days))


@dataclass
class SortOrder:
    """A sort order of the listing: its query value, label and ``order_by``."""

    key: str
    label: object
    order_by: list = field(default_factory=list)


def lazy_format(message, **params):
    """``message % params`` in the language of the request that shows it. A label
    declared in a class body with ``_("Up to %(fee)s €") % {...}`` would be
    translated once, at import, into the default language."""
    return _lazy_format(message, params)


def _format(message, params) -> str:
    return str(message) % params


_lazy_format = lazy(_format, str)


@dataclass(frozen=True)
class QuickFilter:
    """A one-tap filter shown at the top of a listing (``quick_filters`` on the
    index page): its label and the query parameters it sets, e.g.
    ``QuickFilter(_("Weekday afternoons"), {"weekday": "mo-fr", "time": "afternoon"})``.
    Tapped again, it takes them away."""

    label: object
    params: dict
