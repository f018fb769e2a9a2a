"""A funding guide (``FundingGuidePage``): one programme explained for clubs, with
its funder, who may apply, what is funded, amounts, deadlines (``FundingDeadline``:
fixed dates, a yearly closing date, or any time) and when it was last checked.

The finder, the reminders and the index's routes read guides from here; the index
page (``models``) sits above them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.directory.models import (
    AgeRangeFields,
    ClearsEmptiedRelations,
    DescriptionFields,
    TermFields,
)
from engagement_hub.core.money import euro_amount
from engagement_hub.core.slugs import AsciiSlugMixin

from .amounts import MAX_AMOUNT, amount_range
from .choices import APPLICANTS, DeadlineKind, FunderLevel, FundingKind, Region
from .conf import stale_after
from .forms import FundingGuideForm


class FundingGuidePage(
    RoutablePageMixin,
    ClearsEmptiedRelations,
    DescriptionFields,
    TermFields,
    AgeRangeFields,
    AsciiSlugMixin,
    Page,
):
    """One funding programme, explained for clubs."""

    slots_relation = ""
    district_id = None  # no place: the shared detail helpers ask for it
    # Publishing a guide renews the tokens of what shows it (``caching``), not
    # the frame of every page.
    shown_in_frame = False
    synchronized_relations = ("categories", "target_groups")

    plain_summary = models.TextField(
        _("in plain words"),
        max_length=600,
        help_text=_(
            "Two or three short sentences in plain language: who gets money for what."
        ),
    )
    funder_name = models.CharField(_("funder"), max_length=200)
    funder_level = models.CharField(
        _("level of the funder"), max_length=20, choices=FunderLevel.choices
    )
    what_is_funded = models.TextField(_("what is funded"))
    for_associations = models.BooleanField(
        _("registered associations (e. V.)"), default=True
    )
    for_nonprofits = models.BooleanField(
        _("other non-profit organisations"), default=False
    )
    for_initiatives = models.BooleanField(
        _("initiatives without legal form"), default=False
    )
    for_individuals = models.BooleanField(_("individual volunteers"), default=False)
    for_public_bodies = models.BooleanField(
        _("schools, day-care centres, municipalities"), default=False
    )
    applicant_notes = models.CharField(
        _("more about who may apply"), max_length=300, blank=True
    )
    funding_kind = models.CharField(
        _("kind of funding"),
        max_length=20,
        choices=FundingKind.choices,
        default=FundingKind.GRANT,
    )
    region = models.CharField(
        _("region"), max_length=20, choices=Region.choices, default=Region.NATIONWIDE
    )
    amount_min = euro_amount(
        _("minimum amount (EUR)"),
        max_digits=11,
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    amount_max = euro_amount(
        _("maximum amount (EUR)"),
        max_digits=11,
        validators=[MaxValueValidator(MAX_AMOUNT)],
    )
    own_contribution = models.PositiveSmallIntegerField(
        _("own contribution (percent)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The share of the costs the applicant pays; empty if none is needed."
        ),
    )
    deadline_kind = models.CharField(
        _("deadlines"),
        max_length=10,
        choices=DeadlineKind.choices,
        default=DeadlineKind.FIXED,
    )
    closed = models.BooleanField(
        _("programme closed"),
        default=False,
        help_text=_(
            "No applications at the moment (paused or ended); no reminders are sent."
        ),
    )
    deadline_notes = models.CharField(
        _("more about the deadlines"), max_length=300, blank=True
    )
    duration = models.CharField(
        _("duration"),
        max_length=200,
        blank=True,
        help_text=_("For example: up to 12 months."),
    )
    application_steps = models.TextField(
        _("application steps"), blank=True, help_text=_("One step per line.")
    )
    documents = models.TextField(
        _("documents needed"), blank=True, help_text=_("One per line.")
    )
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    link = models.URLField(_("programme website"), blank=True)
    last_checked = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        help_text=_(
            "When an editor last compared this guide with the funder's information."
        ),
    )
    guide_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guide owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The editor who keeps this guide up to date and is reminded to check it."
        ),
    )
    demo_values = models.BooleanField(
        _("demo values"),
        default=False,
        help_text=_("Amounts and dates are examples (demo content)."),
    )
    # The first open deadline on or after today (kept by save and the daily job).
    next_deadline = models.DateField(
        _("next deadline"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("plain_summary"),
        *DescriptionFields.description_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder_name"), FieldPanel("funder_level")]),
                FieldPanel("link"),
            ],
            heading=_("Funder"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("what_is_funded"),
                *TermFields.term_panels,
                FieldRowPanel([FieldPanel("funding_kind"), FieldPanel("region")]),
            ],
            heading=_("What"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("for_associations"),
                FieldPanel("for_nonprofits"),
                FieldPanel("for_initiatives"),
                FieldPanel("for_individuals"),
                FieldPanel("for_public_bodies"),
                FieldPanel("applicant_notes"),
            ],
            heading=_("Who may apply"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("amount_min"),
                        FieldPanel("amount_max"),
                        FieldPanel("own_contribution"),
                    ]
                ),
                FieldPanel("duration"),
            ],
            heading=_("Money"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("deadline_kind"), FieldPanel("closed")]),
                InlinePanel("deadlines", label=_("Deadline")),
                FieldPanel("deadline_notes"),
            ],
            heading=_("Deadlines"),
        ),
        MultiFieldPanel(
            [FieldPanel("application_steps"), FieldPanel("documents")],
            heading=_("How to apply"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_checked"), FieldPanel("guide_owner")]),
                FieldPanel("demo_values"),
            ],
            heading=_("Upkeep"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *DescriptionFields.description_search_fields,
        index.SearchField("plain_summary"),
        index.SearchField("funder_name"),
        index.SearchField("what_is_funded"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "categories",
            "target_groups",
            "min_age",
            "max_age",
            "funder_level",
            "for_associations",
            "for_nonprofits",
            "for_initiatives",
            "for_individuals",
            "for_public_bodies",
            "funding_kind",
            "region",
            "amount_min",
            "amount_max",
            "own_contribution",
            "deadline_kind",
            "closed",
            "deadlines",
            "contact_email",
            "contact_phone",
            "link",
            "last_checked",
            "guide_owner",
            "demo_values",
        )
    ]
    parent_page_types = ["engagement_hub_funding.FundingIndexPage"]
    subpage_types: list[str] = []
    base_form_class = FundingGuideForm
    template = "engagement_hub/funding/funding_guide_page.html"

    class Meta:
        verbose_name = _("funding guide")
        verbose_name_plural = _("funding guides")
        indexes = [
            models.Index(fields=["next_deadline"]),
            models.Index(fields=["last_checked"]),
        ]

    # -- derived facts --
    def refresh_next_deadline(self, rows=None):
        from .deadlines import next_deadline

        self.next_deadline = next_deadline(self, rows=rows)
        return self.next_deadline

    def save(self, *args, **kwargs):
        self.refresh_next_deadline()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "next_deadline" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "next_deadline"]
        return super().save(*args, **kwargs)

    @property
    def applicant_labels(self) -> list:
        return [label for _value, field, label in APPLICANTS if getattr(self, field)]

    @property
    def is_stale(self) -> bool:
        from .deadlines import today

        return self.last_checked is None or self.last_checked < today() - stale_after()

    @property
    def check_due_on(self):
        return self.last_checked + stale_after() if self.last_checked else None

    @property
    def step_list(self) -> list[str]:
        return [
            line.strip() for line in self.application_steps.splitlines() if line.strip()
        ]

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return not self.closed and (
            self.deadline_kind == DeadlineKind.ROLLING or self.next_deadline is not None
        )

    def amount_range(self) -> str:
        return amount_range(self.amount_min, self.amount_max)

    def upcoming(self, count: int = 3):
        from datetime import date

        from .deadlines import occurrences, today

        start = today()
        return occurrences(self, start, date(start.year + 2, 12, 31))[:count]

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from .ics import ical_guide

        return ical_guide(self, request)

    def get_context(self, request, *args, **kwargs):
        from django.utils.safestring import mark_safe

        from engagement_hub.core import render_cache
        from engagement_hub.core.directory import cache as generations

        from .deadlines import today

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            meta, body = self._render_body(request, context)[0]
        else:
            # Meta tags and content, cached until the guide is published, a term
            # changes, the frame changes or the day ends (its deadlines and the
            # "last checked" flag count from today): core.render_cache.
            meta, body = render_cache.cached(
                "funding-guide",
                (
                    self.pk,
                    self.live_revision_id,
                    today().isoformat(),
                    request.get_host(),
                    request.GET.get("back", "")[:2000],
                ),
                lambda: self._render_body(request, context),
                depends=(generations.TERMS,),
            )
        context["guide_meta"] = mark_safe(meta)  # noqa: S308
        context["guide_html"] = mark_safe(body)  # noqa: S308
        return context

    def _render_body(self, request, context):
        from django.template.loader import get_template

        from engagement_hub.core.directory.listing import back_link
        from engagement_hub.core.directory.structured_data import open_graph
        from engagement_hub.core.directory.terms import detail_term_labels

        from .structured_data import guide_json_ld

        context = dict(context)
        context["terms"] = detail_term_labels(self)
        parent = self.get_parent()
        context["back_url"] = back_link(request, parent)
        context["open_graph"] = open_graph(
            self, request, description=self.short_description
        )
        context["json_ld"] = guide_json_ld(self, request)
        # The index's routes are fixed paths below it (no second page query).
        context["alerts_url"] = f"{parent.get_url(request)}alerts/?guide={self.pk}"
        meta = get_template("engagement_hub/directory/includes/meta.html").render(
            context, request
        )
        context["request"] = None
        body = get_template(
            "engagement_hub/funding/includes/funding_guide_page_body.html"
        ).render(context)
        return (meta, body), None


class FundingDeadline(Orderable):
    """One deadline of a guide: a date (fixed) or a day of the year (yearly)."""

    page = ParentalKey(
        FundingGuidePage, related_name="deadlines", on_delete=models.CASCADE
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("For fixed dates.")
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("For a yearly closing date: the month (1–12)."),
    )
    day = models.PositiveSmallIntegerField(
        _("day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("For a yearly closing date: the day of the month."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("For example: for projects in the second half of the year."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("month"), FieldPanel("day")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        if self.date:
            return self.date.isoformat()
        return f"{self.day or '?'}.{self.month or '?'}."
