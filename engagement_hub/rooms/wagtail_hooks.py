from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from engagement_hub.core.menu import PermissionMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_room_admin_urls():
    return [
        path(
            "room-requests/",
            admin_views.request_list_view,
            name="engagement_hub_rooms_requests",
        ),
        path(
            "room-requests/<int:pk>/",
            admin_views.request_detail_view,
            name="engagement_hub_rooms_request",
        ),
    ]


@hooks.register("register_admin_menu_item")
def room_requests_menu_item():
    return PermissionMenuItem(
        _("Room requests"),
        reverse("engagement_hub_rooms_requests"),
        icon_name="date",
        order=350,
        permission=admin_views.PERMISSION,
    )


@hooks.register("construct_homepage_panels")
def waiting_requests_panel(request, panels):
    """Room managers (and city editors): requests of their rooms awaiting a
    decision."""
    from django.db.models import Count, Min, Q
    from django.utils import formats, timezone

    from engagement_hub.core.dashboard import PANEL_ROWS, DashboardItem, DashboardPanel

    from . import roles
    from .models import BookingRequest, BookingStatus

    if not request.user.has_perm(admin_views.PERMISSION):
        return
    waiting = (
        BookingRequest.objects.filter(room__in=roles.rooms_managed_by(request.user))
        .exclude(confirmed_at=None)
        .annotate(
            pending=Count("bookings", filter=Q(bookings__status=BookingStatus.PENDING)),
            first=Min("bookings__starts_at"),
        )
        .filter(pending__gt=0)
    )
    rows = list(
        waiting.select_related("room").order_by("first", "pk")[: PANEL_ROWS + 1]
    )
    items = [
        DashboardItem(
            f"{row.room.title}: {row.purpose}",
            reverse("engagement_hub_rooms_request", args=[row.pk]),
            formats.date_format(timezone.localtime(row.first), "SHORT_DATETIME_FORMAT")
            if row.first
            else "",
        )
        for row in rows[:PANEL_ROWS]
    ]
    panels.append(
        DashboardPanel(
            name="room_requests",
            heading=_("Booking requests waiting"),
            items=items,
            total=waiting.count() if len(rows) > PANEL_ROWS else len(rows),
            order=120,
            more_url=reverse("engagement_hub_rooms_requests"),
            empty=_("No requests are waiting."),
        )
    )
