"""The finder: the answers of the question flow -> matching guides, each with why
it matches and what would exclude it, sorted by the next open deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from .amounts import format_amount
from .deadlines import today
from .forms import period_end
from .models import APPLICANT_FIELD, APPLICANT_LABEL, REGIONS_FOR, FundingGuidePage


@dataclass
class Match:
    guide: FundingGuidePage
    deadline: date | None
    reasons: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)

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


def match(
    guides, answers: dict, topic_names: dict, on: date | None = None
) -> list[Match]:
    on = on or today()
    group = answers.get("group") or ""
    topic = answers.get("topic") or ""
    amount = answers.get("amount")
    when = answers.get("when") or ""
    where = answers.get("where") or ""
    until = period_end(when, on) if when else None
    group_slugs = target_group_slugs()
    results = []
    for guide in guides:
        if guide.closed:
            continue
        nxt = guide.next_deadline
        if nxt is not None and nxt < on:  # the daily job has not run yet
            nxt = guide.refresh_next_deadline()
        if guide.deadline_kind != "rolling" and nxt is None:
            continue
        found = Match(guide, nxt)
        # who
        if group:
            if not getattr(guide, APPLICANT_FIELD[group]):
                continue
            found.reasons.append(
                _("open to %(who)s") % {"who": str(APPLICANT_LABEL[group]).lower()}
            )
        # what
        slugs = {category.slug for category in guide.categories.all()}
        groups = {group.slug for group in guide.target_groups.all()}
        if topic and topic in group_slugs:
            if groups and topic not in groups:
                continue
            found.reasons.append(
                _("for projects with “%(group)s”")
                % {"group": topic_names.get(topic, topic)}
                if groups
                else _("open to every group of people")
            )
        elif topic:
            if slugs and topic not in slugs:
                continue
            found.reasons.append(
                _("funds projects in “%(topic)s”")
                % {"topic": topic_names.get(topic, topic)}
                if slugs
                else _("open to every topic")
            )
        # how much
        lo, hi = guide.amount_min, guide.amount_max
        if amount is not None:
            if hi is not None and amount > hi:
                continue
            if lo is not None and amount < lo:
                continue
            if lo is not None or hi is not None:
                found.reasons.append(
                    _("%(amount)s fits (%(range)s)")
                    % {"amount": format_amount(amount), "range": guide.amount_range()}
                )
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
        # when
        if until is not None:
            if nxt is not None and nxt > until:
                continue
            if nxt is not None:
                found.reasons.append(
                    _("apply by %(date)s, in time") % {"date": _date(nxt)}
                )
            else:
                found.reasons.append(_("applications any time"))
        elif nxt is not None:
            found.reasons.append(_("next deadline %(date)s") % {"date": _date(nxt)})
        if nxt is not None:
            found.limits.append(
                _("you miss the deadline on %(date)s") % {"date": _date(nxt)}
            )
        # where
        if where:
            if guide.region not in REGIONS_FOR[where]:
                continue
            found.reasons.append(
                _("available in %(region)s") % {"region": guide.get_region_display()}
            )
        elif guide.region != "nationwide":
            found.limits.append(
                _("your project is outside %(region)s")
                % {"region": guide.get_region_display()}
            )
        if not group:
            allowed = [str(label) for label in guide.applicant_labels]
            if allowed:
                found.limits.append(
                    _("you are not one of: %(who)s") % {"who": ", ".join(allowed)}
                )
        results.append(found)
    results.sort(
        key=lambda m: (m.deadline is None, m.deadline or date.max, m.guide.title)
    )
    return results
