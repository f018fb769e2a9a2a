"""The shared facts of directory entries and the abstract pages of a directory.

A domain's entry page inherits ``DirectoryEntry`` (all shared facts) or picks the
field mixins it needs; its index page inherits ``DirectoryIndexPage`` and declares
its facets, sort orders and text fields. Nothing here knows a domain.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from engagement_hub.core import render_cache
from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.conf import hub_settings
from engagement_hub.core.routing import route_to_child
from engagement_hub.core.slugs import AsciiSlugMixin

from . import cache as tokens
from .listing import back_link, build_listing
from .structured_data import open_graph
from .terms import detail_term_labels

# The vocabulary is part of this module's interface: domains import it from here.
from .vocabulary import (  # noqa: F401
    ACCESSIBILITY_FEATURES,
    LANGUAGE_CHOICES,
    MAX_AGE,
    TIMES_OF_DAY,
    WEEKDAYS,
    parse_dates,
    time_of_day,
)


def live_in_locale(page, locale_id: int):
    """``page`` in the locale ``locale_id`` (itself if it is in it or has no
    translation there), if it is live; else None. For links between domains (an
    offer's or a meeting's room)."""
    if page is None:
        return None
    if page.locale_id == locale_id:
        localized = page
    else:
        localized = page.get_translation_or_none(locale_id) or page
    return localized if localized.live else None


# --- weekly time slots ---------------------------------------------------------------


class WeeklySlot(models.Model):
    """A regular weekly time: weekday, start and end, optionally only in a date range,
    with single dates on which it does not take place. A domain subclasses it with
    ``Orderable`` and a ``ParentalKey`` named ``page`` to its entry page, and names
    the relation in the entry's ``slots_relation``."""

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
        return time_of_day(self.start_time)

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


# --- field mixins of the shared facts ------------------------------------------------


class DescriptionFields(models.Model):
    """A short description for cards and search results, and the full text."""

    short_description = models.CharField(
        _("short description"),
        max_length=300,
        help_text=_("One or two sentences for the directory and search results."),
    )
    description = RichTextField(
        _("description"), blank=True, features=RICH_TEXT_FEATURES
    )

    description_panels = [FieldPanel("short_description"), FieldPanel("description")]
    description_search_fields = [
        index.SearchField("short_description"),
        index.SearchField("description"),
    ]

    class Meta:
        abstract = True


class ImageFields(models.Model):
    """One image (a photo, or a club's logo) with its alternative text."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        abstract = True

    @classmethod
    def image_panel(cls, heading=None) -> MultiFieldPanel:
        return MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text")],
            heading=heading or _("Image"),
        )

    def clean_image(self) -> dict:
        if self.image_id and not self.image_alt_text.strip():
            return {
                "image_alt_text": _("Describe the image for people who cannot see it.")
            }
        return {}


class TermFields(models.Model):
    """Categories and target groups (core taxonomy snippets)."""

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

    class Meta:
        abstract = True

    term_panels = [
        FieldPanel("categories", widget=CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=CheckboxSelectMultiple),
    ]


class AgeRangeFields(models.Model):
    """An age range with open ends (empty = no limit)."""

    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )

    age_panel = FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")])

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


class LanguageFields(models.Model):
    """The languages people can use (fixed ``Language`` rows)."""

    languages = ParentalManyToManyField(
        "engagement_hub_core.Language",
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="+",
    )

    language_panel = FieldPanel("languages", widget=CheckboxSelectMultiple)

    class Meta:
        abstract = True


class PlaceFields(models.Model):
    """Where something happens: a named place with its address, district and
    optional coordinates (WGS 84)."""

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
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    place_panels = [
        FieldPanel("place_name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
        FieldPanel("district"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        abstract = True

    @property
    def address_lines(self) -> list[str]:
        locality = " ".join(part for part in (self.postcode, self.town) if part)
        return [line for line in (self.place_name, self.street, locality) if line]

    def clean_coordinates(self) -> dict:
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            return {field: _("Enter both coordinates, or neither.")}
        return {}


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


# --- pages ---------------------------------------------------------------------------


class DirectoryEntry(
    ClearsEmptiedRelations,
    DescriptionFields,
    ImageFields,
    TermFields,
    AgeRangeFields,
    LanguageFields,
    PlaceFields,
    AccessibilityFields,
    AsciiSlugMixin,
    Page,
):
    """An abstract page listed in a directory, with every shared fact.

    A domain sets ``slots_relation`` to the related name of its ``WeeklySlot``
    subclass (or leaves it empty), adds its own fields and extends ``clean()``;
    ``entry_context()`` supplies what every detail template shows (terms in the
    active language, the link back to the filtered listing, Open Graph)."""

    slots_relation: str = ""
    # Never the home page, the menu or a legal page (core.chrome_cache).
    shown_in_frame = False
    # The template of the page's content block. Its content and meta tags are
    # rendered from ``detail_context()`` and cached (core.render_cache) under the
    # page's live revision, the language, the host and the ``?back=`` link, until
    # a term changes, a page of a ``detail_depends_on`` model (labels, e.g. an
    # offer's association) is published or removed, or the day ends.
    detail_template: str = ""
    detail_depends_on: list[str] = []
    synchronized_relations = ("categories", "target_groups", "languages")
    # wagtail-localize: structure stays the same in every language, prose is
    # translated. A domain adds its own to ``override_translatable_fields``.
    entry_synchronized_fields = [
        "image",
        "categories",
        "target_groups",
        "min_age",
        "max_age",
        "street",
        "postcode",
        "town",
        "district",
        "latitude",
        "longitude",
        "languages",
    ]
    # Site search (and the listings' full text) finds an entry by its text and by
    # the names of its terms.
    search_fields = [
        *Page.search_fields,
        *DescriptionFields.description_search_fields,
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.RelatedFields("district", [index.SearchField("name")]),
    ]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors = {
            **self.clean_age_range(),
            **self.clean_image(),
            **self.clean_coordinates(),
            **self.clean_entry(),
        }
        if errors:
            raise ValidationError(errors)

    def clean_entry(self) -> dict:
        """The domain's own checks: field name -> message."""
        return {}

    @property
    def slots(self):
        return getattr(self, self.slots_relation).all() if self.slots_relation else []

    def detail_context(self, request) -> dict:
        """What ``detail_template`` shows beyond the page (computed on a miss)."""
        return self.entry_context(request)

    def detail_cache_parts(self) -> tuple:
        """What the cached content is keyed by besides the request; a domain adds
        fields that change without a new revision."""
        return (self.pk, self.live_revision_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.detail_template:
            meta, body = self.cached_detail(request, context)
            context["detail_meta"] = mark_safe(meta)  # noqa: S308 - our templates
            context["detail_html"] = mark_safe(body)  # noqa: S308
        return context

    def cached_detail(self, request, context) -> tuple[str, str]:
        """(meta tags, content) of this page, from the cache when it holds them."""
        if getattr(request, "is_preview", False):
            return self._render_detail(request, context)
        parts = (
            *self.detail_cache_parts(),
            request.get_host(),
            request.GET.get("back", "")[:2000],
        )
        return render_cache.cached(
            f"entry:{self._meta.label_lower}",
            parts,
            lambda: (self._render_detail(request, context), None),
            depends=(
                tokens.TERMS,
                *(tokens.model_token_name(label) for label in self.detail_depends_on),
            ),
        )

    def _render_detail(self, request, context) -> tuple[str, str]:
        from django.template.loader import get_template

        body = dict(context)
        body.update(self.detail_context(request))
        # The frame's context processors (site settings) for the meta tags.
        meta = get_template("engagement_hub/directory/includes/meta.html").render(
            body, request
        )
        # The content is the same for every visitor: no request in it.
        body["request"] = None
        return meta, get_template(self.detail_template).render(body)

    def entry_context(self, request, *, image=None) -> dict:
        from django.db.models import prefetch_related_objects

        # The template and the structured data read these more than once.
        prefetch_related_objects(
            [self],
            "languages",
            "categories",
            "target_groups",
            *([self.slots_relation] if self.slots_relation else []),
        )
        return {
            "terms": detail_term_labels(self),
            "back_url": back_link(request, self.get_parent()),
            "open_graph": open_graph(
                self,
                request,
                description=self.short_description,
                image=self.image if image is None else image,
            ),
        }


class DirectoryIndexPage(AsciiSlugMixin, Page):
    """An introduction above a filtered, paginated listing of ``entry_model`` pages
    below this page. A domain's subclass declares:

    - ``entry_model``: ``"app_label.ModelName"`` of its ``DirectoryEntry`` subclass;
    - ``facets``: a list of ``facets.Facet`` (their ``name`` is the query parameter);
    - ``sort_orders``: a list of ``facets.SortOrder`` (the first is the default);
    - ``text_fields``: the fields the listing's full-text search matches, in order
      of weight (like ``search_fields``; lookups through relations are allowed);
    - ``card_template``: the template of one result card (``item`` is the entry);
    - ``card_select_related`` / ``card_prefetch_related``: what cards show beyond
      the entry's own row, its slots and its ``TermFacet`` labels (which come from
      the facet index);
    - ``quick_filters``: one-tap filters shown first (``facets.QuickFilter``);
    - ``card_depends_on``: labels of other page models a card shows (publishing
      one of them renews these cards);
    - ``reviewed_by_default``: whether changes to its entries go through the city
      editors' review workflow (``associations.moderation``) once roles are set up;
    - optionally ``prepare_cards(queryset)`` to annotate the cards' queryset.
    """

    introduction = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES
    )

    entry_model: str = ""
    facets: list = []
    sort_orders: list = []
    text_fields: list[str] = ["title", "short_description", "description"]
    # The "age of the person" filter; off for directories whose entries have no
    # ages (rooms).
    age_filter: bool = True
    card_template: str = ""
    # One-tap filters at the top of the listing (``facets.QuickFilter``).
    quick_filters: list = []
    card_select_related: list[str] = []
    card_prefetch_related: list = []
    # Club representatives' changes wait for the city editors' approval.
    reviewed_by_default: bool = False

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = hub_settings.HOME_PAGE_TYPES
    template = "engagement_hub/directory/index.html"

    class Meta:
        abstract = True

    @classmethod
    def get_entry_model(cls) -> type[DirectoryEntry]:
        from django.apps import apps

        return apps.get_model(cls.entry_model)

    @classmethod
    def allowed_parameters(cls) -> set[str]:
        """The query parameters of this listing (for links back to it)."""
        fixed = {"q", "sort", "page", *(("age",) if cls.age_filter else ())}
        return {*fixed, *(facet.name for facet in cls.facets)}

    @classmethod
    def listing_parameters(cls, query, *, with_page: bool = True) -> list[tuple]:
        """The (name, value) pairs of ``query`` (a QueryDict) that belong to this
        listing, in their order; without the page number unless ``with_page``."""
        allowed = cls.allowed_parameters() - (set() if with_page else {"page"})
        return [
            (key, value)
            for key, values in query.lists()
            if key in allowed
            for value in values
        ]

    def route(self, request, path_components):
        """An entry's URL: the specific entry in one query (Wagtail's ``route``
        finds the child, then loads its specific row: two)."""
        if len(path_components) == 1:
            model = self.get_entry_model()
            entry = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if entry is not None:
                return route_to_child(self, entry, request, [])
        return super().route(request, path_components)

    def extra_filter(self, request):
        """A domain's own filter outside the facet index (``listing.ExtraFilter``),
        or None. It is applied before the facets count."""
        return None

    def prepare_cards(self, queryset):
        """The shown page of entries with what their cards need."""
        related = self.card_prefetch_related
        slots = self.get_entry_model().slots_relation
        if slots:
            related = [*related, slots]
        return queryset.select_related(*self.card_select_related).prefetch_related(
            *related
        )

    def directory(self, request):
        return build_listing(request, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self.directory(request)
        context["open_graph"] = open_graph(
            self, request, description=self.search_description or self.title
        )
        return context


def index_page_of(page):
    """The directory index page ``page`` is listed on, or None."""
    parent = page.get_parent()
    if parent is None:
        return None
    parent = parent.specific
    return parent if isinstance(parent, DirectoryIndexPage) else None
