"""Offers (Angebote) of associations and the city: activities, courses, groups and
volunteering opportunities, their directory and the curated welcome page."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.conf import hub_settings
from engagement_hub.core.directory.facets import (
    AccessibilityFacet,
    CategoryFacet,
    ChoiceFacet,
    Condition,
    ConditionFacet,
    DistrictFacet,
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
    live_in_locale,
)
from engagement_hub.core.money import euro_amount
from engagement_hub.core.page_forms import LocaleTermsPageForm
from engagement_hub.core.slugs import AsciiSlugMixin

from .choices import Commitment, CostKind, OfferKind, PriceUnit

# Offers costing at most this much (full or reduced price) count as low-cost.
LOW_COST_PRICE = Decimal("5")


FREE = Q(cost_kind=CostKind.FREE) | Q(price=0)


class OfferIndexPage(DirectoryIndexPage):
    """The directory of offers."""

    entry_model = "engagement_hub_offers.OfferPage"
    reviewed_by_default = True
    facets = [
        ChoiceFacet(
            "kind", _("Kind of offer"), field="kind", choices=OfferKind.choices
        ),
        CategoryFacet(),
        TargetGroupFacet(),
        WeekdayFacet(),
        TimeOfDayFacet(),
        ConditionFacet(
            "cost",
            _("Cost"),
            [
                Condition("free", _("Free of charge"), FREE),
                Condition(
                    "low",
                    lazy_format(
                        _("Free or up to %(price)s € (also reduced)"),
                        price=LOW_COST_PRICE,
                    ),
                    FREE
                    | Q(price__lte=LOW_COST_PRICE)
                    | Q(reduced_price__lte=LOW_COST_PRICE),
                ),
            ],
            multiple=False,
        ),
        DistrictFacet(),
        AccessibilityFacet(),
        LanguageFacet(),
    ]
    quick_filters = [
        QuickFilter(_("Free of charge"), {"cost": "free"}),
        QuickFilter(_("Weekday afternoons"), {"weekday": "mo-fr", "time": "afternoon"}),
        QuickFilter(_("Evenings"), {"time": "evening"}),
        QuickFilter(_("Volunteering"), {"kind": "volunteering"}),
    ]
    sort_orders = [
        SortOrder("title", _("Title (A to Z)"), ["title"]),
        SortOrder("newest", _("Newest first"), ["-first_published_at"]),
        SortOrder("age", _("Youngest age first"), [F("min_age").asc(nulls_first=True)]),
    ]
    text_fields = [
        "title",
        "short_description",
        "description",
        "place_name",
        "association__title",
    ]
    card_template = "engagement_hub/offers/includes/card.html"
    card_select_related = ["association"]
    # An offer's card names its association.
    card_depends_on = ["engagement_hub_associations.AssociationPage"]

    subpage_types = ["engagement_hub_offers.OfferPage"]
    template = "engagement_hub/offers/offer_index_page.html"

    class Meta:
        verbose_name = _("offer directory")
        verbose_name_plural = _("offer directories")

    def prepare_cards(self, queryset):
        # The association is linked in the source language; show its title in the
        # listing's language without a query per offer.
        localized_title = Page.objects.filter(
            translation_key=OuterRef("association__translation_key"),
            locale_id=self.locale_id,
            live=True,
        ).values("title")[:1]
        return (
            super()
            .prepare_cards(queryset)
            .annotate(
                association_title=Coalesce(
                    Subquery(localized_title), F("association__title")
                )
            )
        )


class OfferPage(DirectoryEntry):
    """One offer. The place is an address for now; the rooms app will add a nullable
    link to a room here (``room``) that, when set, supplies the address."""

    base_form_class = LocaleTermsPageForm

    slots_relation = "schedule"
    detail_template = "engagement_hub/offers/includes/offer_body.html"
    # The page names its association and its room (title and address).
    detail_depends_on = [
        "engagement_hub_associations.AssociationPage",
        "engagement_hub_rooms.RoomPage",
    ]

    association = models.ForeignKey(
        "engagement_hub_associations.AssociationPage",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
        help_text=_("Leave empty for offers of the city."),
    )
    kind = models.CharField(
        _("kind of offer"),
        max_length=20,
        choices=OfferKind.choices,
        default=OfferKind.ACTIVITY,
    )
    cost_kind = models.CharField(
        _("cost"), max_length=10, choices=CostKind.choices, default=CostKind.FREE
    )
    price = euro_amount(_("price (EUR)"))
    reduced_price = euro_amount(
        _("reduced price (EUR)"),
        help_text=_("For example for children, pupils or with a social pass."),
    )
    price_unit = models.CharField(
        _("the price is"),
        max_length=10,
        choices=PriceUnit.choices,
        default=PriceUnit.SESSION,
    )
    cost_notes = models.CharField(_("more about the cost"), max_length=300, blank=True)
    schedule_notes = models.CharField(
        _("more about the times"),
        max_length=300,
        blank=True,
        help_text=_("For example: not in the school holidays."),
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_how = models.CharField(
        _("how to register"), max_length=300, blank=True
    )
    registration_url = models.URLField(_("registration address (web)"), blank=True)
    registration_email = models.EmailField(_("registration email"), blank=True)
    commitment = models.CharField(
        _("how often volunteers help"),
        max_length=20,
        choices=Commitment.choices,
        blank=True,
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=200,
        blank=True,
        help_text=_("For example: two hours a week."),
    )
    police_certificate_required = models.BooleanField(
        _("police certificate (Führungszeugnis) needed"), default=False
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("A function address; the association's contact is used if empty."),
    )
    room = models.ForeignKey(
        "engagement_hub_rooms.RoomPage",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A room of the room directory; its address is shown if set."),
    )

    content_panels = [
        *Page.content_panels,
        *DirectoryEntry.description_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("association")]),
        ImageFields.image_panel(),
        MultiFieldPanel(
            [
                *TermFields.term_panels,
                AgeRangeFields.age_panel,
                DirectoryEntry.language_panel,
            ],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("schedule", label=_("Weekly time")),
                FieldPanel("schedule_notes"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("room"), *PlaceFields.place_panels], heading=_("Where")
        ),
        MultiFieldPanel(
            AccessibilityFields.accessibility_panels, heading=_("Accessibility")
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost_kind"),
                FieldRowPanel(
                    [
                        FieldPanel("price"),
                        FieldPanel("reduced_price"),
                        FieldPanel("price_unit"),
                    ]
                ),
                FieldPanel("cost_notes"),
            ],
            heading=_("Cost"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldPanel("registration_how"),
                FieldPanel("registration_url"),
                FieldPanel("registration_email"),
                FieldPanel("contact_email"),
            ],
            heading=_("Registration and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("commitment"),
                FieldPanel("time_commitment"),
                FieldPanel("police_certificate_required"),
            ],
            heading=_("Only for volunteering"),
        ),
    ]
    search_fields = [
        *DirectoryEntry.search_fields,
        index.SearchField("schedule_notes"),
        index.SearchField("cost_notes"),
        index.RelatedFields("association", [index.SearchField("title")]),
        index.FilterField("kind"),
    ]
    override_translatable_fields = [
        *map(SynchronizedField, DirectoryEntry.entry_synchronized_fields),
        SynchronizedField("association"),
        SynchronizedField("room"),
        SynchronizedField("schedule"),
        SynchronizedField("price"),
        SynchronizedField("reduced_price"),
    ]
    parent_page_types = ["engagement_hub_offers.OfferIndexPage"]
    template = "engagement_hub/offers/offer_page.html"

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def clean_entry(self) -> dict:
        errors = {}
        if self.cost_kind == CostKind.PAID and self.price is None:
            errors["price"] = _("Enter the price, or mark the offer as free.")
        if (
            self.price is not None
            and self.reduced_price is not None
            and self.reduced_price > self.price
        ):
            errors["reduced_price"] = _("The reduced price must not exceed the price.")
        if self.kind == OfferKind.VOLUNTEERING and not self.commitment:
            errors["commitment"] = _("Say how often volunteers are needed.")
        return errors

    @property
    def venue_room(self):
        """The linked room in this page's language, if it is live (else None)."""
        return live_in_locale(self.room, self.locale_id) if self.room_id else None

    @property
    def venue_lines(self) -> list[str]:
        """The place as lines of text: the linked room's title and address when a
        live room is set, otherwise the address fields."""
        room = self.venue_room
        if room is not None:
            return (
                [room.title, *room.address_lines[1:]]
                if room.place_name == (room.title)
                else [room.title, *room.address_lines]
            )
        return self.address_lines

    @property
    def is_free(self) -> bool:
        return self.cost_kind == CostKind.FREE or self.price == 0

    @property
    def is_volunteering(self) -> bool:
        return self.kind == OfferKind.VOLUNTEERING

    def detail_context(self, request) -> dict:
        from .structured_data import offer_json_ld

        association = self.association.localized if self.association_id else None
        context = {
            "association": association if association and association.live else None
        }
        context.update(self.entry_context(request))
        context["json_ld"] = offer_json_ld(self, request, context["association"])
        return context


class OfferScheduleSlot(Orderable, WeeklySlot):
    page = ParentalKey(OfferPage, related_name="schedule", on_delete=models.CASCADE)

    panels = WeeklySlot.panels

    class Meta(WeeklySlot.Meta):
        verbose_name = _("weekly time")
        verbose_name_plural = _("weekly times")
        ordering = ["sort_order"]


class WelcomeEntryBlock(blocks.StructBlock):
    note = blocks.TextBlock(
        label=_("Note for newcomers"),
        required=False,
        help_text=_("Why this is worth a visit; shown under the entry."),
    )


class WelcomeOfferBlock(WelcomeEntryBlock):
    page = blocks.PageChooserBlock(
        label=_("Offer"), page_type="engagement_hub_offers.OfferPage"
    )

    class Meta:
        icon = "pick"
        label = _("Offer")


class WelcomeAssociationBlock(WelcomeEntryBlock):
    page = blocks.PageChooserBlock(
        label=_("Association"), page_type="engagement_hub_associations.AssociationPage"
    )

    class Meta:
        icon = "group"
        label = _("Association")


class WelcomeBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Section heading"), max_length=120, icon="title")
    offer = WelcomeOfferBlock()
    association = WelcomeAssociationBlock()


class WelcomePage(RoutablePageMixin, AsciiSlugMixin, Page):
    """Offers and associations an editor picked for newcomers (the welcome
    get-together), with a printable A4 handout at ``handout/``."""

    introduction = RichTextField(
        _("introduction"), blank=True, features=RICH_TEXT_FEATURES
    )
    entries = StreamField(WelcomeBlock(), verbose_name=_("entries"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("entries"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = hub_settings.HOME_PAGE_TYPES
    subpage_types: list[str] = []
    template = "engagement_hub/offers/welcome_page.html"

    class Meta:
        verbose_name = _("welcome page")
        verbose_name_plural = _("welcome pages")

    def get_context(self, request, *args, **kwargs):
        from engagement_hub.core.directory.structured_data import open_graph

        from .welcome import welcome_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = welcome_sections(self, request)
        context["open_graph"] = open_graph(
            self, request, description=self.search_description or self.title
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("handout/", name="handout")
    def handout(self, request):
        from .welcome import add_qr_codes

        context = self.get_context(request)
        add_qr_codes(context["sections"])
        return TemplateResponse(
            request, "engagement_hub/offers/welcome_handout.html", context
        )
