"""Faceted directory listings, built in SQL.

A listing is one queryset of a specific page model: every filter is a ``Q`` (filters
on related rows go through ``pk IN (subquery)`` so no row is duplicated), every count
is a conditional ``Count`` in one aggregate query per facet. The number of queries
does not depend on the number of pages. Offers reuse this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.models import Category, District, TargetGroup

from .forms import DirectoryFilterForm
from .models import (
    ACCESSIBILITY_FEATURES,
    EVENING,
    LANGUAGE_CHOICES,
    NOON,
    TIMES_OF_DAY,
    WEEKDAYS,
    AssociationPage,
)

# Associations whose yearly fee is at most this count as low-cost.
LOW_MEMBERSHIP_FEE = Decimal("36")

Condition = Callable[[str, dict], Q]


@dataclass
class Facet:
    """A filter with countable options. ``condition(value, selected)`` is a ``Q`` on
    the page model (it may follow relations); ``selected`` holds every facet's chosen
    values, so linked facets (weekday and time of day) can match the same row."""

    name: str
    label: str
    options: list[tuple[str, str]]
    condition: Condition
    multiple: bool = True


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetView:
    name: str
    label: str
    multiple: bool
    options: list[Option]

    @property
    def selected_labels(self) -> list[str]:
        return [option.label for option in self.options if option.selected]


@dataclass
class Listing:
    form: DirectoryFilterForm
    facets: list[FacetView]
    page_obj: object
    results: list
    total: int
    querystring: str
    active_filters: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters)


# --- facet helpers shared with offers --------------------------------------------


def term_options(model, locale: Locale) -> list[tuple[str, str]]:
    """(slug, name) of every term, named in ``locale`` where a translation exists."""
    names: dict[str, str] = {}
    order: dict[str, tuple] = {}
    for slug, name, locale_id, sort_order in model.objects.values_list(
        "slug", "name", "locale_id", "sort_order"
    ):
        if slug not in names or locale_id == locale.pk:
            names[slug] = name
            order[slug] = (sort_order, name)
    return sorted(names.items(), key=lambda item: order[item[0]])


def slot_time_q(prefix: str, value: str) -> Q:
    start = f"{prefix}__start_time"
    if value == "morning":
        return Q(**{f"{start}__lt": NOON})
    if value == "afternoon":
        return Q(**{f"{start}__gte": NOON, f"{start}__lt": EVENING})
    return Q(**{f"{start}__gte": EVENING})


def slot_facets(prefix: str) -> list[Facet]:
    """Weekday and time of day of the rows under ``prefix``; both must hold for the
    same row ("Tuesday afternoon" is one slot, not any Tuesday and any afternoon)."""

    def weekday_condition(value: str, selected: dict) -> Q:
        times = selected.get("time") or []
        q = Q(**{f"{prefix}__weekday": int(value)})
        if times:
            q &= reduce(or_, (slot_time_q(prefix, t) for t in times))
        return q

    def time_condition(value: str, selected: dict) -> Q:
        days = selected.get("weekday") or []
        q = slot_time_q(prefix, value)
        if days:
            q &= Q(**{f"{prefix}__weekday__in": [int(d) for d in days]})
        return q

    return [
        Facet(
            "weekday",
            _("Weekday"),
            [(str(number), str(name)) for number, name in WEEKDAYS],
            weekday_condition,
        ),
        Facet(
            "time",
            _("Time of day"),
            [(value, str(label)) for value, label in TIMES_OF_DAY],
            time_condition,
        ),
    ]


def common_facets(locale: Locale) -> dict[str, Facet]:
    return {
        "category": Facet(
            "category",
            _("Topic"),
            term_options(Category, locale),
            lambda value, selected: Q(categories__slug=value),
        ),
        "target_group": Facet(
            "target_group",
            _("For whom"),
            term_options(TargetGroup, locale),
            lambda value, selected: Q(target_groups__slug=value),
        ),
        "district": Facet(
            "district",
            _("District"),
            term_options(District, locale),
            lambda value, selected: Q(district__slug=value),
        ),
        "accessibility": Facet(
            "accessibility",
            _("Accessibility"),
            [(value, str(label)) for value, _attr, label in ACCESSIBILITY_FEATURES],
            _accessibility_condition,
        ),
        "language": Facet(
            "language",
            _("Language"),
            [(code, str(label)) for code, label in LANGUAGE_CHOICES],
            lambda value, selected: Q(languages__code=value),
        ),
    }


def _accessibility_condition(value: str, selected: dict) -> Q:
    attribute = {v: attr for v, attr, _label in ACCESSIBILITY_FEATURES}[value]
    return Q(**{attribute: True})


def age_q(age: int) -> Q:
    """Pages whose age range (open at either end) contains ``age``."""
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (
        Q(max_age__isnull=True) | Q(max_age__gte=age)
    )


def text_q(query: str, fields: Iterable[str]) -> Q:
    """Every word must occur in one of ``fields`` (case-insensitive containment)."""
    q = Q()
    for word in query.split():
        q &= reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return q


# --- the engine -------------------------------------------------------------------


def build_listing(
    request,
    *,
    index_page: Page,
    model: type[Page],
    facets: list[Facet],
    text_fields: list[str],
    sort_orders: dict[str, tuple[str, list[str]]],
    prepare: Callable[[QuerySet], QuerySet],
    decorate: Callable[[list, dict, object], None] | None = None,
) -> Listing:
    """Filter, count, sort and paginate ``model`` pages below ``index_page``.

    ``sort_orders`` maps a sort key to (label, order_by fields); the first is the
    default. ``prepare`` adds select/prefetch for the shown page of results, and
    ``decorate`` may add display attributes to them (with the facets' labels).
    """
    form = DirectoryFilterForm(
        request.GET,
        facets=facets,
        sort_choices=[(key, label) for key, (label, _order) in sort_orders.items()],
    )
    form.is_valid()
    data = form.cleaned_data
    selected = {facet.name: _as_list(data.get(facet.name)) for facet in facets}

    base = (
        model.objects.live()
        .public()
        .descendant_of(index_page)
        .filter(locale_id=index_page.locale_id)
    )
    scalar = Q()
    if data.get("age") is not None:
        scalar &= age_q(data["age"])
    if data.get("q"):
        scalar &= Q(
            pk__in=model.objects.filter(text_q(data["q"], text_fields)).values("pk")
        )

    def facet_filter(facet: Facet) -> Q:
        values = selected[facet.name]
        condition = reduce(or_, (facet.condition(v, selected) for v in values))
        return Q(pk__in=model.objects.filter(condition).values("pk"))

    active = [facet for facet in facets if selected[facet.name]]
    results = base.filter(scalar, *[facet_filter(f) for f in active])

    views = [
        _facet_view(
            facet,
            base.filter(scalar, *[facet_filter(f) for f in active if f is not facet]),
            selected,
        )
        for facet in facets
    ]

    sort_key = data.get("sort") or next(iter(sort_orders))
    results = results.order_by(*sort_orders[sort_key][1], "pk")
    paginator = Paginator(results, hub_settings.PAGE_SIZE)
    page_obj = _get_page(paginator, request.GET.get("page"))
    items = list(prepare(page_obj.object_list))
    for item in items:
        item.listing_url = item.get_url(request)
    if decorate is not None:
        decorate(items, {view.name: view for view in views}, request)

    params = _params(data, facets)
    return Listing(
        form=form,
        facets=views,
        page_obj=page_obj,
        results=items,
        total=paginator.count,
        querystring=urlencode(params),
        active_filters=_removal_links(params, views, data),
        notices=form.notices,
    )


def _facet_view(facet: Facet, queryset: QuerySet, selected: dict) -> FacetView:
    """Count, in one query, the pages each option of ``facet`` would show, given
    every other facet's filter (``queryset``)."""
    counts = (
        queryset.aggregate(
            **{
                f"o{i}": Count(
                    "pk", filter=facet.condition(value, selected), distinct=True
                )
                for i, (value, _label) in enumerate(facet.options)
            }
        )
        if facet.options
        else {}
    )
    return FacetView(
        facet.name,
        str(facet.label),
        facet.multiple,
        [
            Option(value, label, counts[f"o{i}"], value in selected[facet.name])
            for i, (value, label) in enumerate(facet.options)
        ],
    )


def _as_list(value) -> list[str]:
    if not value:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _get_page(paginator: Paginator, number):
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage:
        raise Http404("No such results page") from None


def _params(data: dict, facets: list[Facet]) -> list[tuple[str, str]]:
    """The valid filters as query parameters (invalid input is dropped)."""
    params: list[tuple[str, str]] = []
    if data.get("q"):
        params.append(("q", data["q"]))
    if data.get("age") is not None:
        params.append(("age", str(data["age"])))
    for facet in facets:
        params.extend((facet.name, value) for value in _as_list(data.get(facet.name)))
    if data.get("sort"):
        params.append(("sort", data["sort"]))
    return params


def _removal_links(params, views: list[FacetView], data: dict) -> list[tuple[str, str]]:
    """(label, query string without that filter) for each active filter."""
    labels = {
        (view.name, option.value): f"{view.label}: {option.label}"
        for view in views
        for option in view.options
    }
    labels[("q", data.get("q"))] = _("Search: “%(q)s”") % {"q": data.get("q")}
    labels[("age", str(data.get("age")))] = _("Age: %(age)s") % {"age": data.get("age")}
    links = []
    for item in params:
        if item[0] == "sort":
            continue
        rest = [p for p in params if p != item]
        links.append((labels.get(item, item[1]), urlencode(rest)))
    return links


# --- associations -------------------------------------------------------------------


def association_facets(locale: Locale) -> list[Facet]:
    common = common_facets(locale)
    return [
        common["category"],
        common["target_group"],
        *slot_facets("meeting_times"),
        Facet(
            "cost",
            _("Membership fee"),
            [
                ("free", str(_("Free membership"))),
                ("low", str(_("Up to %(fee)s € a year") % {"fee": LOW_MEMBERSHIP_FEE})),
            ],
            lambda value, selected: (
                Q(membership_fee=0)
                if value == "free"
                else Q(membership_fee__lte=LOW_MEMBERSHIP_FEE)
            ),
            multiple=False,
        ),
        common["district"],
        common["accessibility"],
        common["language"],
        Facet(
            "volunteers",
            _("Volunteering"),
            [("yes", str(_("Looking for volunteers")))],
            lambda value, selected: Q(looking_for_volunteers=True),
        ),
    ]


ASSOCIATION_SORT_ORDERS = {
    "name": (_("Name (A to Z)"), ["title"]),
    "newest": (_("Newest first"), ["-first_published_at"]),
    "confirmed": (_("Recently confirmed first"), ["-last_confirmed"]),
}


def association_directory(index_page: Page, request) -> Listing:
    locale = index_page.locale
    return build_listing(
        request,
        index_page=index_page,
        model=AssociationPage,
        facets=association_facets(locale),
        text_fields=[
            "title",
            "short_description",
            "description",
            "place_name",
            "tagged_items__tag__name",
        ],
        sort_orders=ASSOCIATION_SORT_ORDERS,
        prepare=_prepare_associations,
        decorate=decorate_with_term_labels,
    )


def _prepare_associations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("district").prefetch_related(
        "categories",
        "target_groups",
        "meeting_times",
        Prefetch(
            "logo",
            queryset=get_image_model().objects.prefetch_renditions("max-160x80"),
        ),
    )


def decorate_with_term_labels(
    pages: list, facets: dict[str, FacetView], request=None
) -> None:
    """Name each page's terms in the listing's language (terms are linked by slug)."""

    def names(facet_name: str) -> dict[str, str]:
        view = facets.get(facet_name)
        return {o.value: o.label for o in view.options} if view else {}

    categories, groups, districts = (
        names("category"),
        names("target_group"),
        names("district"),
    )
    for page in pages:
        page.category_labels = [
            categories.get(t.slug, t.name) for t in page.categories.all()
        ]
        page.target_group_labels = [
            groups.get(t.slug, t.name) for t in page.target_groups.all()
        ]
        page.district_label = (
            districts.get(page.district.slug, page.district.name)
            if page.district
            else ""
        )


def detail_term_labels(page) -> dict:
    """A detail page's terms named in the active language (three small queries)."""
    locale = Locale.get_active()
    categories = dict(term_options(Category, locale))
    groups = dict(term_options(TargetGroup, locale))
    district = page.district
    return {
        "categories": [categories.get(t.slug, t.name) for t in page.categories.all()],
        "target_groups": [groups.get(t.slug, t.name) for t in page.target_groups.all()],
        "district": (
            dict(term_options(District, locale)).get(district.slug, district.name)
            if district
            else ""
        ),
    }


def back_link(request, index_page: Page | None) -> str | None:
    """The index page's URL with the filters a visitor came from (``?back=``), or
    None. Only the listing's own parameters survive, so it cannot point elsewhere."""
    if index_page is None:
        return None
    url = index_page.get_url(request)
    back = request.GET.get("back", "")[:2000]
    if not url or not back:
        return None
    allowed = {
        "q",
        "age",
        "sort",
        "page",
        "category",
        "target_group",
        "weekday",
        "time",
        "cost",
        "district",
        "accessibility",
        "language",
        "volunteers",
        "kind",
    }
    query = QueryDict(back)
    params = [
        (key, value)
        for key, values in query.lists()
        if key in allowed
        for value in values
    ]
    return f"{url}?{urlencode(params)}" if params else url
