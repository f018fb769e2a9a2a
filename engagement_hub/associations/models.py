"""Associations (Vereine) of the town: the directory index and one page per club.

Also the building blocks that offers reuse (weekly time slots, place, accessibility,
spoken languages): offers depend on associations, never the other way round.
"""

from __future__ import annotations

from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.conf import hub_settings
from engagement_hub.core.models import MAX_AGE
from engagement_hub.core.search_fields import DIRECTORY_ENTRY_SEARCH_FIELDS

# --- shared vocabulary of the directory ------------------------------------------

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

ACCESSIBILITY_FEATURES = [
    ("step-free", "step_free_access", _("Step-free access")),
    ("toilet", "accessible_toilet", _("Accessible toilet")),
    ("hearing-loop", "hearing_loop", _("Hearing loop")),
]


class Language(models.Model):
    """A language people can use at a club or offer; the rows are fixed (migration)."""

    code = models.CharField(
        _("code"), max_length=10, unique=True, choices=LANGUAGE_CHOICES
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class WeeklySlot(models.Model):
    """A regular weekly time: weekday, start and end, optionally only in a date range,
    with single dates on which it does not take place."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"), null=True, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    exception_dates = models.CharField(
        _("not on these dates"),
        max_length=500,
        blank=True,
        help_text=_("Dates in the form YYYY-MM-DD, separated by commas."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("start_time"), FieldPanel("end_time")]
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("exception_dates"),
    ]

    class Meta:
        abstract = True
        ordering = ["weekday", "start_time"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}"

    @property
    def exceptions(self) -> list[date]:
        return parse_dates(self.exception_dates)

    @property
    def time_of_day(self) -> str:
        if self.start_time < NOON:
            return "morning"
        return "afternoon" if self.start_time < EVENING else "evening"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The last date must not be before the first.")
        try:
            parse_dates(self.exception_dates)
        except ValueError:
            errors["exception_dates"] = _(
                "Enter dates as YYYY-MM-DD, separated by commas."
            )
        if errors:
            raise ValidationError(errors)


def parse_dates(text: str) -> list[date]:
    """``"2026-12-24, 2026-12-31"`` -> dates; raises ValueError on anything else."""
    return [
        date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()
    ]


class PlaceFields(models.Model):
    """Where something happens: a named place with its address and district."""

    place_name = models.CharField(_("place"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, default="Ludwigslust")
    district = models.ForeignKey(
        "engagement_hub_core.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    place_panels = [
        FieldPanel("place_name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
        FieldPanel("district"),
    ]

    class Meta:
        abstract = True

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(part for part in (self.postcode, self.town) if part)
        return [line for line in (self.place_name, self.street, locality) if line]


class AccessibilityFields(models.Model):
    """Facts about the accessibility of a place (each is a filter)."""

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)

    accessibility_panels = [
        FieldRowPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilet"),
                FieldPanel("hearing_loop"),
            ]
        ),
        FieldPanel("accessibility_notes"),
    ]

    class Meta:
        abstract = True

    @property
    def accessibility_features(self) -> list[str]:
        return [
            str(label)
            for _value, attr, label in ACCESSIBILITY_FEATURES
            if getattr(self, attr)
        ]


class AgeRangeFields(models.Model):
    """An age range with open ends (empty = no limit)."""

    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )

    class Meta:
        abstract = True

    def clean_age_range(self) -> dict:
        if (
            self.min_age is not None
            and self.max_age is not None
            and self.min_age > self.max_age
        ):
            return {"max_age": _("The maximum age must not be below the minimum age.")}
        return {}


class ClearsEmptiedRelations:
    """Keeps synchronised many-to-many fields right when the source empties them.

    wagtail-localize (1.14) copies a synchronised ``ParentalManyToManyField`` to
    translations only when the source has values, so a German page whose target
    groups were all removed would keep them in English (and be found by filters
    there). Before a translation's revision is saved, this clears the fields that
    are empty in the source content wagtail-localize syncs from.
    """

    synchronized_relations: tuple[str, ...] = ()

    def save_revision(self, *args, **kwargs):
        self.clear_relations_emptied_in_source()
        return super().save_revision(*args, **kwargs)

    def clear_relations_emptied_in_source(self) -> None:
        from wagtail_localize.models import SourceDeletedError, TranslationSource

        if not self.pk or not self.synchronized_relations:
            return
        source = (
            TranslationSource.objects.filter(object_id=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .first()
        )
        if source is None:
            return
        try:
            original = source.as_instance()
        except SourceDeletedError:
            return
        for name in self.synchronized_relations:
            if not getattr(original, name).all() and getattr(self, name).all():
                setattr(self, name, [])


# --- pages -------------------------------------------------------------------------


class DirectoryIndexPage(Page):
    """An introduction above a filtered, paginated listing (``listing.py``): the
    base of the association and the offer directory. Subclasses say which listing
    in ``directory()``."""

    introduction = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = hub_settings.HOME_PAGE_TYPES

    class Meta:
        abstract = True

    def directory(self, request):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        from .structured_data import open_graph

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.directory(request)
        context["open_graph"] = open_graph(
            self, request, description=self.search_description or self.title
        )
        return context


class AssociationIndexPage(DirectoryIndexPage):
    """The directory of associations."""

    subpage_types = ["engagement_hub_associations.AssociationPage"]
    template = "engagement_hub/associations/association_index_page.html"

    class Meta:
        verbose_name = _("association directory")
        verbose_name_plural = _("association directories")

    def directory(self, request):
        from .listing import association_directory

        return association_directory(self, request)


class AssociationTag(TaggedItemBase):
    content_object = ParentalKey(
        "engagement_hub_associations.AssociationPage",
        related_name="tagged_items",
        on_delete=models.CASCADE,
    )


class AssociationPage(  # noqa: DJ008 - Page supplies __str__
    ClearsEmptiedRelations, PlaceFields, AccessibilityFields, AgeRangeFields, Page
):
    """One association (Verein) or initiative."""

    synchronized_relations = ("categories", "target_groups", "languages")

    short_description = models.CharField(
        _("short description"),
        max_length=300,
        help_text=_("One or two sentences for the directory and search results."),
    )
    description = RichTextField(
        _("description"), blank=True, features=RICH_TEXT_FEATURES
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("logo alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the logo for people who cannot see it."),
    )
    categories = ParentalManyToManyField(
        "engagement_hub_core.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
    )
    target_groups = ParentalManyToManyField(
        "engagement_hub_core.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        through=AssociationTag, blank=True, verbose_name=_("tags")
    )
    meeting_notes = models.CharField(
        _("more about the meetings"),
        max_length=300,
        blank=True,
        help_text=_("For example: not in the school holidays."),
    )
    membership_fee = models.DecimalField(
        _("membership fee per year (EUR)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("0 for free membership; empty if unknown."),
    )
    membership_fee_notes = models.CharField(
        _("more about the fee"),
        max_length=300,
        blank=True,
        help_text=_("For example: reduced fee for children and pupils."),
    )
    languages = ParentalManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True, related_name="+"
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
        FieldPanel("short_description"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")
        ),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
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
                FieldPanel("languages", widget=CheckboxSelectMultiple),
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
        *Page.search_fields,
        *DIRECTORY_ENTRY_SEARCH_FIELDS,
        index.SearchField("meeting_notes"),
        index.SearchField("volunteer_needs"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("last_confirmed"),
    ]
    # Structure stays the same in every language; prose is translated.
    override_translatable_fields = [
        SynchronizedField("logo"),
        SynchronizedField("categories"),
        SynchronizedField("target_groups"),
        SynchronizedField("min_age"),
        SynchronizedField("max_age"),
        SynchronizedField("meeting_times"),
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("town"),
        SynchronizedField("district"),
        SynchronizedField("membership_fee"),
        SynchronizedField("languages"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_phone"),
        SynchronizedField("social_links"),
        SynchronizedField("founding_year"),
        SynchronizedField("last_confirmed"),
    ]
    parent_page_types = ["engagement_hub_associations.AssociationIndexPage"]
    subpage_types: list[str] = []
    template = "engagement_hub/associations/association_page.html"

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def clean(self) -> None:
        super().clean()
        errors = self.clean_age_range()
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
        if self.logo_id and not self.logo_alt_text.strip():
            errors["logo_alt_text"] = _(
                "Describe the logo for people who cannot see it."
            )
        for line in self.social_link_list:
            if not line.startswith(("https://", "http://")):
                errors["social_links"] = _(
                    "Each line must be a web address starting with https://."
                )
                break
        if errors:
            raise ValidationError(errors)

    @property
    def social_link_list(self) -> list[str]:
        return [line.strip() for line in self.social_links.splitlines() if line.strip()]

    @property
    def shows_personal_contact(self) -> bool:
        return self.contact_consent and bool(self.contact_name or self.contact_phone)

    @property
    def is_outdated(self) -> bool:
        return is_outdated(self.last_confirmed)

    def get_context(self, request, *args, **kwargs):
        from .listing import back_link, detail_term_labels
        from .structured_data import association_json_ld, open_graph

        context = super().get_context(request, *args, **kwargs)
        context["terms"] = detail_term_labels(self)
        context["back_url"] = back_link(request, self.get_parent())
        context["json_ld"] = association_json_ld(self, request)
        context["open_graph"] = open_graph(
            self, request, description=self.short_description, image=self.logo
        )
        context["related_sections"] = related_sections(self, request)
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
