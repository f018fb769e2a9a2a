from django.utils.translation import gettext as _
from wagtail import hooks

from .models import OfferPage
from .viewsets import OfferListingViewSet

# An association page lists at most this many of its offers.
MAX_OFFERS_ON_ASSOCIATION = 50


@hooks.register("register_admin_viewset")
def register_offer_listing():
    return OfferListingViewSet("offers")


@hooks.register("engagement_hub_association_sections")
def association_offers(page, request) -> dict:
    """The association's live offers in the page's language: one query, cached
    until an offer is published, unpublished, moved or deleted (its model token)
    or another page changes (the ``pages`` token). Offers link to the association in
    the source language, hence the translation key."""
    from engagement_hub.core import chrome_cache
    from engagement_hub.core.directory import cache as tokens

    def offers():
        return list(
            OfferPage.objects.live()
            .public()
            .filter(
                association__translation_key=page.translation_key,
                locale_id=page.locale_id,
            )
            .order_by("title")
            .only("title", "url_path", "short_description", "locale_id")[
                :MAX_OFFERS_ON_ASSOCIATION
            ]
        )

    pages = chrome_cache.cached(
        "association-offers",
        (page.translation_key, page.locale_id),
        offers,
        also=(tokens.model_token_name(OfferPage._meta.label_lower),),
    )
    return {"heading": _("Offers of this association"), "pages": pages}
