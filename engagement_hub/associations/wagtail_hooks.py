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
        path("our-club/", admin_views.our_club, name="our_club"),
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


@hooks.register("construct_homepage_panels")
def outdated_entries_panel(request, panels):
    """City editors: club entries nobody confirmed for the outdated period."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.models import Locale

    from engagement_hub.core.dashboard import PANEL_ROWS, DashboardItem, DashboardPanel

    from .directory_import import can_manage_directory
    from .models import AssociationPage, outdated_before

    if not can_manage_directory(request.user):
        return
    stale = (
        AssociationPage.objects.live()
        .filter(locale=Locale.get_default())
        .filter(
            Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=outdated_before())
        )
    )
    rows = list(
        stale.order_by("last_confirmed", "title").values_list(
            "pk", "title", "last_confirmed"
        )[:PANEL_ROWS]
    )
    items = [
        DashboardItem(
            title,
            reverse("wagtailadmin_pages:edit", args=[pk]),
            _("last confirmed %(date)s") % {"date": confirmed.strftime("%d.%m.%Y")}
            if confirmed
            else _("never confirmed"),
        )
        for pk, title, confirmed in rows
    ]
    panels.append(
        DashboardPanel(
            name="outdated_clubs",
            heading=_("Possibly outdated club entries"),
            items=items,
            total=stale.count() if len(rows) == PANEL_ROWS else len(rows),
            order=130,
            more_url=reverse("associations:index") + "?freshness=outdated",
            empty=_("Every club entry is confirmed."),
        )
    )


@hooks.register("register_admin_menu_item")
def our_club_menu_item():
    from wagtail.admin.menu import MenuItem

    from . import representatives

    class OurClubMenuItem(MenuItem):
        def is_shown(self, request):
            # The menu is drawn on every admin page: ask the database once per user
            # and request, with one query that loads no pages.
            if not hasattr(request, "_eh_represents_a_club"):
                request._eh_represents_a_club = representatives.represents_a_club(
                    request.user
                )
            return request._eh_represents_a_club

    return OurClubMenuItem(
        _("Our club"),
        reverse("engagement_hub_associations_admin:our_club"),
        icon_name="group",
        order=150,
    )
