"""The directory engine: filter, count, sort and paginate a listing.

Per index page and generation (``cache.py``) the engine builds a *facet index*
once: for every facet option the set of page pks that have it, the age range of
each page and the page order of each sort order. Building it costs a fixed number of
queries (one row query shared by all row facets, one per related facet, the term
names), whatever the number of pages. A request then filters and counts in memory
(set intersections), runs at most one query for the full-text words (on the site's
search index, ``ENGAGEMENT_HUB_LISTING_TEXT_SEARCH``; kept per query), and renders
only the shown page of cards, each cached under its live revision.

The index lives in the cache (shared by processes when ``REDIS_URL`` is set) and,
for the current token, in the process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import F, Q
from django.http import Http404, HttpRequest, QueryDict
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.untranslated import without_untranslated

from . import cache as tokens
from .facets import TermFacet
from .forms import DirectoryFilterForm

INDEX_VERSION = 1  # bump when the shape of FacetIndex changes
# Search queries whose matches an index keeps (the oldest goes first).
MAX_CACHED_QUERIES = 200
# Stands in for the listing's query string in cached cards.
BACK_MARKER = "EHBACKMARKER"


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
class Card:
    """One rendered result: ``{{ card }}`` is its HTML."""

    pk: int
    title: str
    html: str

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


@dataclass
class Listing:
    form: DirectoryFilterForm
    facets: list[FacetView]
    page_obj: object
    results: list[Card]  # in order
    total: int
    querystring: str
    active_filters: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    extra: ExtraFilter | None = None
    facets_html: str = ""  # the facets' part of the filter form, rendered

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters)


@dataclass
class ExtraFilter:
    """A domain's own filter outside the facet index (rooms: availability), from
    ``DirectoryIndexPage.extra_filter(request)``: its valid query parameters, the
    label of the active filter, the pks it allows (None: not active), the form and
    the template the filter form includes for it."""

    params: list[tuple[str, str]] = field(default_factory=list)
    label: str = ""
    pks: set | None = None
    form: object = None
    template: str = ""
    notices: list[str] = field(default_factory=list)


@dataclass
class FacetIndex:
    """What a listing needs to filter and count without the database."""

    token: str
    pks: set = field(default_factory=set)
    ages: dict = field(default_factory=dict)  # pk -> (min_age, max_age)
    versions: dict = field(default_factory=dict)  # pk -> live revision id
    data: dict = field(default_factory=dict)  # data_key -> {value: set(pk)}
    options: dict = field(default_factory=dict)  # facet name -> [(value, label)]
    orders: dict = field(default_factory=dict)  # sort key -> [pk, ...]
    texts: dict = field(default_factory=dict)  # search words -> set(pk)


# --- building the facet index --------------------------------------------------------


def base_queryset(index_page, model=None):
    model = model or index_page.get_entry_model()
    return without_untranslated(
        model.objects.live()
        .public()
        .descendant_of(index_page)
        .filter(locale_id=index_page.locale_id)
    )


def _order_by(index_page, sort_key: str) -> list:
    for order in index_page.sort_orders:
        if order.key == sort_key:
            return [*order.order_by, "pk"]
    raise KeyError(sort_key)


def collect(index_page, base, index: FacetIndex, *, with_order: bool) -> None:
    """Fill ``index`` with the rows of ``base`` (the full listing or one page)."""
    model = index_page.get_entry_model()
    row_fields = {}
    for facet in index_page.facets:
        for alias, expression in facet.row_fields().items():
            row_fields[alias] = (
                F(expression) if isinstance(expression, str) else expression
            )
    rows = base.values("pk", "live_revision_id", "min_age", "max_age", **row_fields)
    if with_order:
        default = index_page.sort_orders[0].key
        rows = rows.order_by(*_order_by(index_page, default))
        order = index.orders.setdefault(default, [])
    else:
        rows = rows.order_by()
        order = None
    for row in rows:
        pk = row["pk"]
        index.pks.add(pk)
        index.ages[pk] = (row["min_age"], row["max_age"])
        index.versions[pk] = row["live_revision_id"]
        if order is not None:
            order.append(pk)
        for facet in index_page.facets:
            if facet.row_fields():
                data = index.data.setdefault(facet.data_key, {})
                for value in facet.row_values(row):
                    data.setdefault(value, set()).add(pk)
    seen = set()
    for facet in index_page.facets:
        if facet.row_fields() or facet.data_key in seen:
            continue
        seen.add(facet.data_key)
        data = index.data.setdefault(facet.data_key, {})
        for pk, raw in facet.collect_related(base.order_by(), model):
            value = facet.related_value(raw)
            if value is not None:
                data.setdefault(value, set()).add(pk)


def build_index(index_page, token: str) -> FacetIndex:
    index = FacetIndex(token=token)
    locale = index_page.locale
    for facet in index_page.facets:
        index.options[facet.name] = facet.options(locale)
    collect(index_page, base_queryset(index_page), index, with_order=True)
    return index


_local = threading.local()


def clear_local() -> None:
    """Forget the indexes kept in this process (tests call it with cache.clear())."""
    _local.indexes = {}
    _memo.entries = {}
    _memo.facets = {}


def _local_indexes() -> dict:
    if not hasattr(_local, "indexes"):
        _local.indexes = {}
    return _local.indexes


def _index_key(index_page, token: str) -> str:
    return f"eh:directory:index:v{INDEX_VERSION}:{index_page.pk}:{token}"


def _current_token(index_page) -> str:
    names = [tokens.page_token_name(index_page.pk), tokens.TERMS]
    found = tokens.tokens(names)
    return ".".join(found[name] for name in names)


def get_index(index_page) -> FacetIndex:
    token = _current_token(index_page)
    local = _local_indexes()
    index = local.get(index_page.pk)
    if index is not None and index.token == token:
        return index
    index = cache.get(_index_key(index_page, token))
    if index is None:
        index = build_index(index_page, token)
        cache.set(_index_key(index_page, token), index, timeout=24 * 3600)
    local[index_page.pk] = index
    return index


def _store(index_page, index: FacetIndex) -> None:
    cache.set(_index_key(index_page, index.token), index, timeout=24 * 3600)
    _local_indexes()[index_page.pk] = index


def patch_index(index_page, pk: int) -> None:
    """After ``pk`` was published below ``index_page``: put its new facts into the
    cached index under a new token (a few queries for one page), instead of letting
    the next visitor rebuild the whole index. Without a cached index, or when the
    cache cannot be read, the token is simply renewed."""
    name = tokens.page_token_name(index_page.pk)
    old = cache.get(_index_key(index_page, _current_token(index_page)))
    tokens.renew(name)
    if old is None:
        return
    new = FacetIndex(token=_current_token(index_page), options=old.options)
    new.pks = old.pks - {pk}
    new.ages = {k: v for k, v in old.ages.items() if k != pk}
    new.versions = {k: v for k, v in old.versions.items() if k != pk}
    new.data = {
        key: {value: pages - {pk} for value, pages in values.items()}
        for key, values in old.data.items()
    }
    collect(index_page, base_queryset(index_page).filter(pk=pk), new, with_order=False)
    # The sort orders visitors used are computed again now (one query each), so
    # the next visitor does not wait for them.
    for sort_key in old.orders:
        new.orders[sort_key] = _order_query(index_page, sort_key)
    _store(index_page, new)


def _ordered(index_page, index: FacetIndex, sort_key: str) -> list[int]:
    order = index.orders.get(sort_key)
    if order is None:
        order = index.orders[sort_key] = _order_query(index_page, sort_key)
        _store(index_page, index)
    return order


def _order_query(index_page, sort_key: str) -> list[int]:
    return list(
        base_queryset(index_page)
        .order_by(*_order_by(index_page, sort_key))
        .values_list("pk", flat=True)
    )


# --- filtering -----------------------------------------------------------------------


def text_q(query: str, fields) -> Q:
    """Every word must occur in one of ``fields`` (case-insensitive containment)."""
    q = Q()
    for word in query.split():
        q &= reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return q


def text_matches(index_page, index: FacetIndex, query: str) -> set[int]:
    """The pks whose text holds every word (``ENGAGEMENT_HUB_LISTING_TEXT_SEARCH``);
    kept in the index (per token) for the queries asked since the last change."""
    words = " ".join(sorted(set(query.lower().split())))
    found = index.texts.get(words)
    if found is None:
        found = index.texts[words] = _text_query(index_page, query)
        if len(index.texts) > MAX_CACHED_QUERIES:
            index.texts.pop(next(iter(index.texts)))
        _store(index_page, index)
    return found


def _text_query(index_page, query: str) -> set[int]:
    return import_string(hub_settings.LISTING_TEXT_SEARCH)(index_page, query)


def contains_matches(index_page, query: str) -> set[int]:
    """The default full text without a search index: every word is contained
    (case-insensitively) in one of the index page's ``text_fields``. Sites with an
    index point ``ENGAGEMENT_HUB_LISTING_TEXT_SEARCH`` at a function with the same
    signature (this project's site: ``search.listing.listing_matches``)."""
    model = index_page.get_entry_model()
    return set(
        model.objects.filter(locale_id=index_page.locale_id)
        .filter(text_q(query, index_page.text_fields))
        .values_list("pk", flat=True)
        .distinct()
    )


def _age_matches(index: FacetIndex, age: int) -> set[int]:
    return {
        pk
        for pk, (low, high) in index.ages.items()
        if (low is None or low <= age) and (high is None or high >= age)
    }


def _as_list(value) -> list[str]:
    if not value:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _filtered(request, index_page):
    """The filter form, its facet counts and the ordered result pks."""
    facets = index_page.facets
    index = get_index(index_page)
    form = DirectoryFilterForm(
        request.GET,
        facets=[_FormFacet(f, index.options[f.name]) for f in facets],
        sort_choices=[(order.key, order.label) for order in index_page.sort_orders],
    )
    if not index_page.age_filter:
        del form.fields["age"]
    form.is_valid()
    data = form.cleaned_data
    selected = {facet.name: _as_list(data.get(facet.name)) for facet in facets}

    sort_key = data.get("sort") or index_page.sort_orders[0].key
    extra = index_page.extra_filter(request)
    views, ordered = _counted(index_page, index, data, selected, sort_key, extra)
    return index, form, data, extra, views, ordered


def count_results(index_page, query: str) -> int:
    """How many entries the listing of ``index_page`` shows for ``query`` (a query
    string such as ``"target_group=kinder&cost=free"``), counted as the listing
    counts, without rendering it (e.g. for links into a directory)."""
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    return len(_filtered(request, index_page)[-1])


def build_listing(request, index_page) -> Listing:
    """The listing of ``index_page`` for the request's filters."""
    facets = index_page.facets
    index, form, data, extra, views, ordered = _filtered(request, index_page)
    paginator = Paginator(ordered, hub_settings.PAGE_SIZE)
    page_obj = _get_page(paginator, request.GET.get("page"))

    params = _params(data, facets)
    active_filters = _removal_links(params, views, data)
    if extra is not None and extra.pks is not None:
        extra_query = urlencode(extra.params)
        active_filters = [
            (label, "&".join(part for part in (query, extra_query) if part))
            for label, query in active_filters
        ]
        active_filters.append((extra.label, urlencode(params)))
        params = [*params, *extra.params]
    querystring = urlencode(params)
    cards = render_cards(request, index_page, index, list(page_obj.object_list))
    back = "?" + urlencode({"back": querystring}) if querystring else ""
    results_html = [
        Card(pk, title, mark_safe(html.replace(f"?back={BACK_MARKER}", back)))  # noqa: S308
        for pk, title, html in cards
    ]
    return Listing(
        form=form,
        facets=views,
        facets_html=facets_html(views),
        page_obj=page_obj,
        results=results_html,
        total=len(ordered),
        querystring=querystring,
        active_filters=active_filters,
        notices=[*form.notices, *(extra.notices if extra else [])],
        extra=extra,
    )


_memo = threading.local()
MAX_MEMO = 500
FACETS_TEMPLATE = "engagement_hub/directory/includes/facets.html"


def facets_html(views: list[FacetView]) -> str:
    """The facets of the filter form (a hundred options with their counts), kept
    in the process per language and facts shown: a repeated listing does not
    render them again."""
    key = (
        translation.get_language(),
        tuple(
            (
                view.name,
                view.label,
                view.multiple,
                tuple((o.value, o.label, o.count, o.selected) for o in view.options),
            )
            for view in views
        ),
    )
    rendered = getattr(_memo, "facets", None)
    if rendered is None or len(rendered) > MAX_MEMO:
        rendered = _memo.facets = {}
    if key not in rendered:
        html = get_template(FACETS_TEMPLATE).render({"facet_views": views})
        rendered[key] = mark_safe(html)  # noqa: S308 - our template, escaped
    return rendered[key]


def _counted(
    index_page, index: FacetIndex, data: dict, selected: dict, sort_key, extra=None
):
    """The facet counts and the ordered result pks of one choice of filters; kept
    in the process for the index's token (a repeated listing counts nothing)."""
    key = (
        index_page.pk,
        index.token,
        translation.get_language(),
        tuple(sorted((name, tuple(values)) for name, values in selected.items())),
        data.get("age"),
        " ".join(sorted(set((data.get("q") or "").lower().split()))),
        sort_key,
        tuple(extra.params) if extra is not None and extra.pks is not None else (),
        # The extra filter's result changes without the index (rooms: bookings).
        frozenset(extra.pks) if extra is not None and extra.pks is not None else None,
    )
    memo = getattr(_memo, "entries", None)
    if memo is None or len(memo) > MAX_MEMO:
        memo = _memo.entries = {}
    if key not in memo:
        allowed = extra.pks if extra is not None else None
        memo[key] = _count(index_page, index, data, selected, sort_key, allowed)
    return memo[key]


def _count(
    index_page, index: FacetIndex, data: dict, selected: dict, sort_key, allowed=None
):
    facets = index_page.facets
    candidates = index.pks
    if allowed is not None:
        candidates = candidates & allowed
    if data.get("age") is not None:
        candidates = candidates & _age_matches(index, data["age"])
    if data.get("q"):
        candidates = candidates & text_matches(index_page, index, data["q"])

    def pages_of(facet, value):
        return facet.option_pages(index.data.get(facet.data_key, {}), value, selected)

    filters = {
        facet.name: set().union(*(pages_of(facet, v) for v in selected[facet.name]))
        for facet in facets
        if selected[facet.name]
    }
    results = candidates.intersection(*filters.values())

    views = []
    for facet in facets:
        others = [pages for name, pages in filters.items() if name != facet.name]
        pool = candidates.intersection(*others)
        views.append(
            FacetView(
                facet.name,
                str(facet.label),
                facet.multiple,
                [
                    Option(
                        value,
                        label,
                        len(pool & pages_of(facet, value)),
                        value in selected[facet.name],
                    )
                    for value, label in index.options[facet.name]
                ],
            )
        )

    ordered = [pk for pk in _ordered(index_page, index, sort_key) if pk in results]
    return views, ordered


@dataclass
class _FormFacet:
    facet: object
    options: list

    @property
    def name(self):
        return self.facet.name

    @property
    def label(self):
        return self.facet.label

    @property
    def multiple(self):
        return self.facet.multiple


# --- cards ---------------------------------------------------------------------------


def _card_keys(index_page, index: FacetIndex, pks: list[int]) -> dict[int, str]:
    depends = getattr(index_page, "card_depends_on", [])
    names = [tokens.TERMS, *(tokens.model_token_name(label) for label in depends)]
    found = tokens.tokens(names)
    salt = ".".join(found[name] for name in names)
    # The day is part of the key: cards may say "possibly outdated".
    day = timezone.localdate().isoformat()
    language = translation.get_language() or ""
    return {
        pk: (
            f"eh:directory:card:{index_page.card_template}:{pk}:"
            f"{index.versions.get(pk)}:{language}:{day}:{salt}"
        )
        for pk in pks
    }


def render_cards(request, index_page, index, pks: list[int]) -> list[tuple]:
    """The cards of ``pks`` in order: from the cache, the missing ones rendered from
    one query (plus the prefetches the index page declares)."""
    if not pks:
        return []
    keys = _card_keys(index_page, index, pks)
    cached = cache.get_many(list(keys.values()))
    missing = [pk for pk in pks if keys[pk] not in cached]
    if missing:
        model = index_page.get_entry_model()
        entries = {
            entry.pk: entry
            for entry in index_page.prepare_cards(model.objects.filter(pk__in=missing))
        }
        template = get_template(index_page.card_template)
        fresh = {}
        for pk in missing:
            entry = entries.get(pk)
            if entry is None:  # removed meanwhile; the index is renewed by signal
                continue
            entry.listing_url = entry.get_url(request)
            _decorate(index_page, index, entry)
            fresh[keys[pk]] = (
                entry.title,
                template.render(
                    {
                        "item": entry,
                        "back_querystring": BACK_MARKER,
                        "page": index_page,
                    }
                ),
            )
        cache.set_many(fresh, timeout=24 * 3600)
        cached.update(fresh)
    return [(pk, *cached[keys[pk]]) for pk in pks if keys[pk] in cached]


def _decorate(index_page, index: FacetIndex, entry) -> None:
    """``<field>_labels``: the entry's terms named in the listing's language, read
    from the facet index (no query per card)."""
    for facet in index_page.facets:
        if isinstance(facet, TermFacet):
            data = index.data.get(facet.data_key, {})
            setattr(
                entry,
                f"{facet.field}_labels",
                [
                    label
                    for value, label in index.options[facet.name]
                    if entry.pk in data.get(value, ())
                ],
            )


# --- links ---------------------------------------------------------------------------


def _get_page(paginator: Paginator, number):
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage:
        raise Http404("No such results page") from None


def _params(data: dict, facets) -> list[tuple[str, str]]:
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


def back_link(request, index_page: Page | None) -> str | None:
    """The index page's URL with the filters a visitor came from (``?back=``), or
    None. Only the listing's own parameters (its declared facets) survive, so it
    cannot point elsewhere."""
    if index_page is None:
        return None
    url = index_page.get_url(request)
    back = request.GET.get("back", "")[:2000]
    if not url or not back:
        return None
    listing_parameters = getattr(index_page.specific_class, "listing_parameters", None)
    if listing_parameters is None:
        return None
    params = listing_parameters(QueryDict(back))
    return f"{url}?{urlencode(params)}" if params else url
