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
    """The association's live offers in the page's language (one query). Offers
    link to the association in the source language, hence the translation key."""
    offers = (
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
    return {"heading": _("Offers of this association"), "pages": list(offers)}
