"""Associations (Vereine) of the town: the directory index and one page per club.

The shared facts, the listing engine and its templates live in
``engagement_hub.core.directory``; this module declares what is particular to
associations.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.directory.facets import (
    AccessibilityFacet,
    CategoryFacet,
    Condition,
    ConditionFacet,
    DistrictFacet,
    FlagFacet,
    LanguageFacet,
    QuickFilter,
    SortOrder,
    TargetGroupFacet,
    TimeOfDayFacet,
    WeekdayFacet,
    lazy_format,
)
from engagement_hub.core.directory.models import (
    AccessibilityFields,
    AgeRangeFields,
    DirectoryEntry,
    DirectoryIndexPage,
    ImageFields,
    PlaceFields,
    TermFields,
    WeeklySlot,
)
from engagement_hub.core.money import euro_amount
from engagement_hub.core.page_forms import LocaleTermsPageForm

# Associations whose yearly fee is at most this count as low-cost.
LOW_MEMBERSHIP_FEE = Decimal("36")


class AssociationIndexPage(DirectoryIndexPage):
    """The directory of associations."""

    entry_model = "engagement_hub_associations.AssociationPage"
    reviewed_by_default = True
    facets = [
        CategoryFacet(),
        TargetGroupFacet(),
        WeekdayFacet(),
        TimeOfDayFacet(),
        ConditionFacet(
            "cost",
            _("Membership fee"),
            [
                Condition("free", _("Free membership"), Q(membership_fee=0)),
                Condition(
                    "low",
                    lazy_format(_("Up to %(fee)s € a year"), fee=LOW_MEMBERSHIP_FEE),
                    Q(membership_fee__lte=LOW_MEMBERSHIP_FEE),
                ),
            ],
            multiple=False,
        ),
        DistrictFacet(),
        AccessibilityFacet(),
        LanguageFacet(),
        FlagFacet(
            "volunteers",
            _("Volunteering"),
            field="looking_for_volunteers",
            option_label=_("Looking for volunteers"),
        ),
    ]
    quick_filters = [
        QuickFilter(_("Looking for volunteers"), {"volunteers": "yes"}),
        QuickFilter(_("Free membership"), {"cost": "free"}),
        QuickFilter(_("Step-free access"), {"accessibility": "step-free"}),
    ]
    sort_orders = [
        SortOrder("name", _("Name (A to Z)"), ["title"]),
        SortOrder("newest", _("Newest first"), ["-first_published_at"]),
        SortOrder("confirmed", _("Recently confirmed first"), ["-last_confirmed"]),
    ]
    text_fields = [
        "title",
        "short_description",
        "description",
        "place_name",
        "tagged_items__tag__name",
    ]
    card_template = "engagement_hub/associations/includes/card.html"

    subpage_types = ["engagement_hub_associations.AssociationPage"]
    template = "engagement_hub/associations/association_index_page.html"

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")


class AssociationTag(TaggedItemBase):
    content_object = ParentalKey(
        "engagement_hub_associations.AssociationPage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


# Stands in for the related sections in the cached content of an association page.
RELATED_MARKER = "EHRELATEDSECTIONS"


class AssociationPage(DirectoryEntry):
    """One association (Verein) or initiative."""

    base_form_class = LocaleTermsPageForm

    slots_relation = "meeting_times"
    detail_template = "engagement_hub/associations/includes/association_body.html"

    tags = ClusterTaggableManager(
        through=AssociationTag, blank=True, verbose_name=_("tags")
    )
    meeting_notes = models.CharField(
        _("more about the meetings"),
        max_length=300,
        blank=True,
        help_text=_("For example: not in the school holidays."),
    )
    membership_fee = euro_amount(
        _("membership fee per year (EUR)"),
        help_text=_("0 for free membership; empty if unknown."),
    )
    membership_fee_notes = models.CharField(
        _("more about the fee"),
        max_length=300,
        blank=True,
        help_text=_("For example: reduced fee for children and pupils."),
    )
    contact_role = models.CharField(
        _("contact role"),
        max_length=100,
        blank=True,
        help_text=_('A function, for example "Vorstand" or "Jugendwart".'),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_(
            "A function address (for example vorstand@...), not a private one."
        ),
    )
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("Only with the person's recorded consent."),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=50,
        blank=True,
        help_text=_("Only with the person's recorded consent."),
    )
    contact_consent = models.BooleanField(
        _("consent to publish the name and phone is recorded"),
        default=False,
        help_text=_(
            "Tick only if the person agreed in writing that their name and phone "
            "number are published."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    social_links = models.TextField(
        _("social media links"),
        blank=True,
        help_text=_("One address per line."),
    )
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    looking_for_volunteers = models.BooleanField(
        _("looking for volunteers"), default=False
    )
    volunteer_needs = models.CharField(
        _("which help is wanted"), max_length=300, blank=True
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "When the association last confirmed that these details are correct."
        ),
    )

    content_panels = [
        *Page.content_panels,
        *DirectoryEntry.description_panels,
        ImageFields.image_panel(heading=_("Logo")),
        MultiFieldPanel(
            [
                *TermFields.term_panels,
                FieldPanel("tags"),
                AgeRangeFields.age_panel,
            ],
            heading=_("Who and what"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("meeting_times", label=_("Meeting time")),
                FieldPanel("meeting_notes"),
            ],
            heading=_("Regular meetings"),
        ),
        MultiFieldPanel(PlaceFields.place_panels, heading=_("Meeting place")),
        MultiFieldPanel(
            AccessibilityFields.accessibility_panels, heading=_("Accessibility")
        ),
        MultiFieldPanel(
            [
                FieldPanel("membership_fee"),
                FieldPanel("membership_fee_notes"),
                DirectoryEntry.language_panel,
                FieldPanel("founding_year"),
            ],
            heading=_("Membership"),
        ),
        MultiFieldPanel(
            [FieldPanel("looking_for_volunteers"), FieldPanel("volunteer_needs")],
            heading=_("Volunteering"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_consent"),
                FieldPanel("website"),
                FieldPanel("social_links"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("last_confirmed"),
    ]
    search_fields = [
        *DirectoryEntry.search_fields,
        index.SearchField("meeting_notes"),
        index.SearchField("volunteer_needs"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("last_confirmed"),
    ]
    # Structure stays the same in every language; prose is translated.
    override_translatable_fields = [
        *map(SynchronizedField, DirectoryEntry.entry_synchronized_fields),
        SynchronizedField("meeting_times"),
        SynchronizedField("membership_fee"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_phone"),
        SynchronizedField("social_links"),
        SynchronizedField("founding_year"),
        SynchronizedField("last_confirmed"),
    ]
    parent_page_types = ["engagement_hub_associations.AssociationIndexPage"]
    template = "engagement_hub/associations/association_page.html"

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def clean_entry(self) -> dict:
        errors = {}
        if (self.contact_name or self.contact_phone) and not self.contact_consent:
            message = _(
                "A person's name or phone number may only be published with their "
                "recorded consent. Use a function address instead, or record the "
                "consent."
            )
            if self.contact_name:
                errors["contact_name"] = message
            if self.contact_phone:
                errors["contact_phone"] = message
        for line in self.social_link_list:
            if not line.startswith(("https://", "http://")):
                errors["social_links"] = _(
                    "Each line must be a web address starting with https://."
                )
                break
        return errors

    @property
    def social_link_list(self) -> list[str]:
        return [line.strip() for line in self.social_links.splitlines() if line.strip()]

    @property
    def shows_personal_contact(self) -> bool:
        return self.contact_consent and bool(self.contact_name or self.contact_phone)

    @property
    def is_outdated(self) -> bool:
        return is_outdated(self.last_confirmed)

    def detail_cache_parts(self) -> tuple:
        # Confirming the entry ("still correct") sets the date without a revision.
        return (*super().detail_cache_parts(), self.last_confirmed)

    def detail_context(self, request) -> dict:
        from .structured_data import association_json_ld

        context = self.entry_context(request)
        context["json_ld"] = association_json_ld(self, request)
        context["related_html"] = RELATED_MARKER
        return context

    def get_context(self, request, *args, **kwargs):
        """The cached content with the other apps' sections (offers, meetings) put
        in per request: they change without this page."""
        from django.template.loader import get_template

        context = super().get_context(request, *args, **kwargs)
        sections = get_template(
            "engagement_hub/associations/includes/related_sections.html"
        ).render({"related_sections": related_sections(self, request)})
        context["detail_html"] = mark_safe(  # noqa: S308 - our templates
            context["detail_html"].replace(RELATED_MARKER, sections)
        )
        return context


def related_sections(page: AssociationPage, request) -> list[dict]:
    """Sections other apps add to an association's page (e.g. its offers), without
    this app knowing them: each ``engagement_hub_association_sections`` hook takes
    the page and the request and returns ``{"heading": ..., "pages": [...]}`` or
    None."""
    sections = []
    for hook in hooks.get_hooks("engagement_hub_association_sections"):
        section = hook(page, request)
        if section and section.get("pages"):
            sections.append(section)
    return sections


def outdated_before() -> date:
    """Pages last confirmed before this date are flagged as possibly outdated."""
    return timezone.localdate() - hub_settings.OUTDATED_AFTER


def is_outdated(last_confirmed: date | None) -> bool:
    return last_confirmed is None or last_confirmed < outdated_before()


class AssociationMeetingTime(Orderable, WeeklySlot):
    page = ParentalKey(
        AssociationPage, related_name="meeting_times", on_delete=models.CASCADE
    )

    panels = WeeklySlot.panels

    class Meta(WeeklySlot.Meta):
        verbose_name = _("meeting time")
        verbose_name_plural = _("meeting times")
        ordering = ["sort_order"]


class ClubGroup(models.Model):
    """The Django group whose members represent one club (all its translations).

    Managed by ``engagement_hub.associations.representatives``; the group holds
    page permissions on the club's pages and on its offers."""

    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="club",
    )
    translation_key = models.UUIDField(_("club"), unique=True)

    class Meta:
        verbose_name = _("club representatives' group")
        verbose_name_plural = _("club representatives' groups")

    def __str__(self) -> str:
        return self.group.name


class RepresentativeInvitation(models.Model):
    """An invitation to represent a club, sent to an address by a city editor.

    Only a hash of the link's token is stored; the link works once, until
    ``expires_at`` (see ``engagement_hub.associations.invitations``)."""

    email = models.EmailField(_("email address"))
    club_key = models.UUIDField(_("club"), db_index=True)
    club_title = models.CharField(_("club name"), max_length=255)
    language = models.CharField(_("language"), max_length=10, default="de")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="club_invitations",
    )

    class Meta:
        verbose_name = _("representative invitation")
        verbose_name_plural = _("representative invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.club_title})"


from .models_freshness import FreshnessCheck  # noqa: E402, F401  (its own module)
