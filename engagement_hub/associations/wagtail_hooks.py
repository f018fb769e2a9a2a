from wagtail import hooks

from .viewsets import AssociationListingViewSet


@hooks.register("register_admin_viewset")
def register_association_listing():
    return AssociationListingViewSet("associations")
