"""The finder: the answers of the question flow -> matching guides, each with why
it matches and what would exclude it, sorted by the next open deadline.

Matching reads plain rows (a fixed number of queries whatever the number of
guides: the guides' columns, their area and target group slugs); only the shown
page of results is loaded as pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.db.models import Value
from django.utils import formats
from django.utils.translation import gettext as _

from .amounts import amount_range, format_amount
from .choices import APPLICANT_FIELD, APPLICANTS, REGIONS_FOR, Region
from .deadlines import today
from .forms import period_end
from .guides import FundingGuidePage

ROW_FIELDS = [
    "pk",
    "title",
    "closed",
    "deadline_kind",
    "next_deadline",
    "amount_min",
    "amount_max",
    "own_contribution",
    "region",
    *(field_name for _value, field_name, _label in APPLICANTS),
]


@dataclass
class Match:
    row: SimpleNamespace
    deadline: date | None
    reasons: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    guide: FundingGuidePage | None = None

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    @property
    def exclusion(self) -> str:
        return "; ".join(self.limits)


def _date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def target_group_slugs() -> set[str]:
    from engagement_hub.core.models import TargetGroup

    return set(TargetGroup.objects.values_list("slug", flat=True))


def guides_of(index):
    return (
        FundingGuidePage.objects.live()
        .public()
        .child_of(index)
        .prefetch_related("categories", "target_groups", "deadlines")
        .order_by("title")
    )


_ROWS: dict = {}


def state_of(index, base) -> tuple:
    """What tells whether the plain rows of ``index``'s guides changed: their
    number, last publication and last next deadline (one aggregate query), the
    index's ``removed`` token (unpublish, move, delete: ``caching``) and the
    taxonomy's. A publish leaves the tokens: ``kept_rows`` patches it in."""
    from django.db.models import Count, Max

    from engagement_hub.core.directory import cache

    from .caching import removed_token

    state = base.aggregate(
        count=Count("pk"),
        published=Max("last_published_at"),
        checked=Max("next_deadline"),
    )
    token = cache.tokens([removed_token(index.pk), cache.TERMS])
    return (index.pk, state["count"], state["checked"], tuple(token.values())), state[
        "published"
    ]


def kept_rows(store: dict, index, base, load) -> list:
    """``load(queryset)`` (``{pk: row}``) for the guides of ``base``, kept in the
    process while their state (``state_of``) is unchanged. When only guides were
    published since (same number, a later last publication), only those are
    loaded again: a publish costs a few rows, not all of them."""
    key, published = state_of(index, base)
    cached = store.get(index.pk)
    if cached is not None and cached[0] == key and cached[1] == published:
        return cached[2]
    if (
        cached is not None
        and cached[0] == key
        and cached[1] is not None
        and published is not None
        and published > cached[1]
    ):
        rows = {row.pk: row for row in cached[2]}
        rows.update(load(base.filter(last_published_at__gte=cached[1])))
    else:
        rows = load(base)
    result = sorted(rows.values(), key=lambda row: row.title)
    store[index.pk] = (key, published, result)
    return result


def rows_of(index) -> list[SimpleNamespace]:
    """The facts matching needs, for every live public guide of ``index``
    (``kept_rows``: one aggregate query while nothing changed)."""
    base = FundingGuidePage.objects.live().public().child_of(index)
    return kept_rows(_ROWS, index, base, _load_rows)


def _load_rows(base) -> dict[int, SimpleNamespace]:
    rows = {
        row["pk"]: SimpleNamespace(**row, categories=set(), groups=set())
        for row in base.values(*ROW_FIELDS)
    }
    # Areas and target groups in one query.
    pks = list(rows)
    areas = (
        FundingGuidePage.categories.through.objects.filter(fundingguidepage_id__in=pks)
        .annotate(kind=Value("categories"))
        .values_list("fundingguidepage_id", "category__slug", "kind")
    )
    groups = (
        FundingGuidePage.target_groups.through.objects.filter(
            fundingguidepage_id__in=pks
        )
        .annotate(kind=Value("groups"))
        .values_list("fundingguidepage_id", "targetgroup__slug", "kind")
    )
    for pk, slug, kind in areas.union(groups, all=True):
        getattr(rows[pk], kind).add(slug)
    return rows


def _stale_next_deadline(pk: int) -> date | None:
    """A next deadline that passed before the daily job ran: compute it now."""
    guide = FundingGuidePage.objects.prefetch_related("deadlines").get(pk=pk)
    return guide.refresh_next_deadline()


def match(
    rows, answers: dict, topic_names: dict, on: date | None = None, groups=None
) -> list[Match]:
    """The rows matching every answer, by next deadline; their sentences are made
    by :func:`explain` for the shown page only. ``groups``: the target groups'
    slugs, if the caller has them (read otherwise)."""
    on = on or today()
    group = answers.get("group") or ""
    topic = answers.get("topic") or ""
    amount = answers.get("amount")
    when = answers.get("when") or ""
    where = answers.get("where") or ""
    until = period_end(when, on) if when else None
    if not topic:
        group_slugs = set()
    else:
        group_slugs = target_group_slugs() if groups is None else groups
    by_group = topic in group_slugs
    regions = REGIONS_FOR.get(where)
    applicant = APPLICANT_FIELD.get(group)
    context = SimpleNamespace(
        answers=answers, until=until, topic_names=topic_names, by_group=by_group
    )
    results = []
    for guide in rows:
        if guide.closed:
            continue
        nxt = guide.next_deadline
        if nxt is not None and nxt < on:
            nxt = _stale_next_deadline(guide.pk)
        if guide.deadline_kind != "rolling" and nxt is None:
            continue
        if applicant and not getattr(guide, applicant):
            continue
        if topic:
            terms = guide.groups if by_group else guide.categories
            if terms and topic not in terms:
                continue
        lo, hi = guide.amount_min, guide.amount_max
        if amount is not None and (
            (hi is not None and amount > hi) or (lo is not None and amount < lo)
        ):
            continue
        if until is not None and nxt is not None and nxt > until:
            continue
        if regions is not None and guide.region not in regions:
            continue
        found = Match(guide, nxt)
        found.context = context
        results.append(found)
    results.sort(
        key=lambda m: (m.deadline is None, m.deadline or date.max, m.row.title)
    )
    return results


def explain(found: Match, answers: dict) -> None:
    """Why one shown match matches, and what would exclude it."""
    guide, nxt, context = found.row, found.deadline, found.context
    answers = context.answers
    group, topic = answers.get("group") or "", answers.get("topic") or ""
    amount, where = answers.get("amount"), answers.get("where") or ""
    region = dict(Region.choices)[guide.region]
    lo, hi = guide.amount_min, guide.amount_max
    names = context.topic_names
    if group:
        who = FundingGuidePage._meta.get_field(APPLICANT_FIELD[group]).verbose_name
        found.reasons.append(_("open to %(who)s") % {"who": who})
    if topic and context.by_group:
        found.reasons.append(
            _("for projects with “%(group)s”") % {"group": names.get(topic, topic)}
            if guide.groups
            else _("open to every group of people")
        )
    elif topic:
        found.reasons.append(
            _("funds projects in “%(topic)s”") % {"topic": names.get(topic, topic)}
            if guide.categories
            else _("open to every topic")
        )
    if amount is not None and (lo is not None or hi is not None):
        found.reasons.append(
            _("%(amount)s fits (%(range)s)")
            % {"amount": format_amount(amount), "range": amount_range(lo, hi)}
        )
    if context.until is not None:
        if nxt is not None:
            found.reasons.append(_("apply by %(date)s, in time") % {"date": _date(nxt)})
        else:
            found.reasons.append(_("applications any time"))
    elif nxt is not None:
        found.reasons.append(_("next deadline %(date)s") % {"date": _date(nxt)})
    if where:
        found.reasons.append(_("available in %(region)s") % {"region": region})
    if hi is not None:
        found.limits.append(
            _("you need more than %(max)s") % {"max": format_amount(hi)}
        )
    if lo is not None and lo > 0:
        found.limits.append(
            _("you need less than %(min)s") % {"min": format_amount(lo)}
        )
    if guide.own_contribution:
        found.limits.append(
            _("you cannot pay %(percent)s %% of the costs yourself")
            % {"percent": guide.own_contribution}
        )
    if nxt is not None:
        found.limits.append(
            _("you miss the deadline on %(date)s") % {"date": _date(nxt)}
        )
    if not where and guide.region != "nationwide":
        found.limits.append(
            _("your project is outside %(region)s") % {"region": region}
        )
    if not group:
        allowed = [
            str(label)
            for _v, field_name, label in APPLICANTS
            if getattr(guide, field_name)
        ]
        if allowed:
            found.limits.append(
                _("you are not one of: %(who)s") % {"who": ", ".join(allowed)}
            )


def shown(matches: list[Match], answers: dict) -> list[Match]:
    """Load the pages of ``matches`` (one query) and explain each."""
    pages = FundingGuidePage.objects.in_bulk([m.row.pk for m in matches])
    for found in matches:
        found.guide = pages.get(found.row.pk)
        explain(found, answers)
    return [m for m in matches if m.guide is not None]
