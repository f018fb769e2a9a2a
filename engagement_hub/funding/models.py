"""Funding guides (Förderlotse): what a club can apply for, and by when.

``FundingIndexPage`` lists the guides (``guides.FundingGuidePage``) with facets and
adds the finder, the deadline calendar, iCal feeds and the reminder sign-up as
routes. It stands on top of the app: its routes hand the request to ``views``,
which read the guides and the reminder subscriptions (``subscriptions``) below.
Every model of the app is importable from here, as Django loads them."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from engagement_hub.core.directory.facets import (
    CategoryFacet,
    ChoiceFacet,
    Condition,
    ConditionFacet,
    SortOrder,
    TargetGroupFacet,
)
from engagement_hub.core.directory.models import DirectoryIndexPage
from engagement_hub.core.routing import ChildRouteMixin

from .amounts import amount_range
from .choices import (
    APPLICANT_FIELD,
    APPLICANT_LABEL,
    APPLICANTS,
    REGIONS_FOR,
    DeadlineKind,
    FunderLevel,
    FundingKind,
    Region,
)
from .guides import FundingDeadline, FundingGuidePage
from .subscriptions import FundingAlert

__all__ = [
    "APPLICANTS",
    "APPLICANT_FIELD",
    "APPLICANT_LABEL",
    "REGIONS_FOR",
    "DeadlineKind",
    "FundingAlert",
    "FundingDeadline",
    "FundingGuidePage",
    "FundingIndexPage",
    "FundingKind",
    "FunderLevel",
    "Region",
    "amount_range",
]


def _applicant_conditions():
    return [
        Condition(value, label, Q(**{field: True}))
        for value, field, label in APPLICANTS
    ]


class FundingIndexPage(RoutablePageMixin, ChildRouteMixin, DirectoryIndexPage):
    """The directory of funding guides with the finder, the deadline calendar, the
    iCal feeds and the reminder sign-up."""

    entry_model = "engagement_hub_funding.FundingGuidePage"
    child_route_model = entry_model
    facets = [
        ConditionFacet("applicant", _("Who may apply"), _applicant_conditions()),
        CategoryFacet(label=_("Area")),
        TargetGroupFacet(),
        ChoiceFacet(
            "kind",
            _("Kind of funding"),
            field="funding_kind",
            choices=FundingKind.choices,
        ),
        ChoiceFacet(
            "level", _("Funder"), field="funder_level", choices=FunderLevel.choices
        ),
        ChoiceFacet("region", _("Region"), field="region", choices=Region.choices),
        ConditionFacet(
            "amount",
            _("Amount"),
            [
                Condition(
                    "small",
                    _("Up to 1,000 €"),
                    Q(amount_min__isnull=True) | Q(amount_min__lte=1000),
                ),
                Condition(
                    "medium",
                    _("1,000 € to 10,000 €"),
                    (Q(amount_max__isnull=True) | Q(amount_max__gte=1000))
                    & (Q(amount_min__isnull=True) | Q(amount_min__lte=10000)),
                ),
                Condition(
                    "large",
                    _("More than 10,000 €"),
                    Q(amount_max__isnull=True) | Q(amount_max__gt=10000),
                ),
            ],
            multiple=False,
        ),
        ConditionFacet(
            "deadline",
            _("Deadline"),
            [
                Condition(
                    "dated",
                    _("With an open deadline"),
                    Q(next_deadline__isnull=False, closed=False),
                ),
                Condition(
                    "rolling",
                    _("Apply any time"),
                    Q(deadline_kind="rolling", closed=False),
                ),
            ],
            multiple=False,
        ),
    ]
    sort_orders = [
        SortOrder(
            "deadline",
            _("Next deadline first"),
            [F("closed").asc(), F("next_deadline").asc(nulls_last=True), "title"],
        ),
        SortOrder("title", _("Title (A to Z)"), ["title"]),
        SortOrder(
            "checked",
            _("Last checked (newest first)"),
            [F("last_checked").desc(nulls_last=True)],
        ),
    ]
    text_fields = [
        "title",
        "short_description",
        "plain_summary",
        "funder_name",
        "what_is_funded",
        "description",
    ]
    card_template = "engagement_hub/funding/includes/card.html"
    subpage_types = ["engagement_hub_funding.FundingGuidePage"]
    template = "engagement_hub/funding/funding_index_page.html"

    class Meta:
        verbose_name = _("funding directory")
        verbose_name_plural = _("funding directories")

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("finder/", name="finder")
    def finder(self, request):
        from .views import finder

        return finder(self, request)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from .views import deadline_calendar

        return deadline_calendar(self, request)

    @path("calendar/ical/", name="ical")
    def ical(self, request):
        from .views import ical_all

        return ical_all(self, request)

    @path("alerts/", name="alerts")
    def alerts(self, request):
        from .views import alert_signup

        return alert_signup(self, request)

    @path("alerts/thanks/", name="alerts_thanks")
    def alerts_thanks(self, request):
        from .views import alert_thanks

        return alert_thanks(self, request)

    @path("alerts/confirm/", name="alerts_confirm")
    def alerts_confirm(self, request):
        # The signed token is a query parameter: it holds colons, which page
        # paths do not allow.
        from .views import alert_confirm

        return alert_confirm(self, request, request.GET.get("token", "")[:500])
