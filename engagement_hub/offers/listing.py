"""The offer directory: facets, sort orders and the query for one listing page."""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from engagement_hub.associations.listing import (
    Facet,
    Listing,
    build_listing,
    common_facets,
    decorate_with_term_labels,
    slot_facets,
)

from .models import LOW_COST_PRICE, CostKind, OfferKind, OfferPage


def _cost_condition(value: str, selected: dict) -> Q:
    free = Q(cost_kind=CostKind.FREE) | Q(price=0)
    if value == "free":
        return free
    return free | Q(price__lte=LOW_COST_PRICE) | Q(reduced_price__lte=LOW_COST_PRICE)


def offer_facets(locale: Locale) -> list[Facet]:
    common = common_facets(locale)
    return [
        Facet(
            "kind",
            _("Kind of offer"),
            [(value, str(label)) for value, label in OfferKind.choices],
            lambda value, selected: Q(kind=value),
        ),
        common["category"],
        common["target_group"],
        *slot_facets("schedule"),
        Facet(
            "cost",
            _("Cost"),
            [
                ("free", str(_("Free of charge"))),
                (
                    "low",
                    str(
                        _("Free or up to %(price)s € (also reduced)")
                        % {"price": LOW_COST_PRICE}
                    ),
                ),
            ],
            _cost_condition,
            multiple=False,
        ),
        common["district"],
        common["accessibility"],
        common["language"],
    ]


OFFER_SORT_ORDERS = {
    "title": (_("Title (A to Z)"), ["title"]),
    "newest": (_("Newest first"), ["-first_published_at"]),
    "age": (_("Youngest age first"), [F("min_age").asc(nulls_first=True)]),
}


def offer_directory(index_page: Page, request) -> Listing:
    locale = index_page.locale

    def prepare(queryset: QuerySet) -> QuerySet:
        # The association is linked in the source language; show its title in the
        # listing's language without a query per offer.
        localized_title = Page.objects.filter(
            translation_key=OuterRef("association__translation_key"),
            locale_id=locale.pk,
            live=True,
        ).values("title")[:1]
        return (
            queryset.select_related("district", "association")
            .prefetch_related("categories", "target_groups", "schedule")
            .annotate(
                association_title=Coalesce(
                    Subquery(localized_title), F("association__title")
                )
            )
        )

    return build_listing(
        request,
        index_page=index_page,
        model=OfferPage,
        facets=offer_facets(locale),
        text_fields=[
            "title",
            "short_description",
            "description",
            "place_name",
            "association__title",
        ],
        sort_orders=OFFER_SORT_ORDERS,
        prepare=prepare,
        decorate=decorate_with_term_labels,
    )
