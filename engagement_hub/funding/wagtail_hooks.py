from wagtail import hooks

from .viewsets import FundingGuideListingViewSet


@hooks.register("register_admin_viewset")
def register_funding_listing():
    return FundingGuideListingViewSet("funding_guides")
