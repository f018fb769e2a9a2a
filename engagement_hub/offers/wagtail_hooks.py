from wagtail import hooks

from .viewsets import OfferListingViewSet


@hooks.register("register_admin_viewset")
def register_offer_listing():
    return OfferListingViewSet("offers")
