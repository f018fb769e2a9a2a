from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .models import AssociationPage
from .viewsets import AssociationListingViewSet

admin_patterns = (
    [
        path("<int:page_id>/", admin_views.club_representatives, name="club"),
        path("<int:page_id>/revoke/<int:user_id>/", admin_views.revoke, name="revoke"),
    ],
    "engagement_hub_associations_admin",
)


@hooks.register("register_admin_viewset")
def register_association_listing():
    return AssociationListingViewSet("associations")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("club-representatives/", include(admin_patterns))]


@hooks.register("register_page_header_buttons")
def representatives_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, AssociationPage) and user.has_perm(
        admin_views.INVITE
    ):
        yield Button(
            _("Representatives"),
            reverse("engagement_hub_associations_admin:club", args=[page.pk]),
            icon_name="group",
            priority=6,
        )
