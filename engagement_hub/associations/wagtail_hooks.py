from wagtail import hooks

from .viewsets import AssociationListingViewSet


@hooks.register("register_admin_viewset")
def register_association_listing():
    return AssociationListingViewSet("associations")


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
