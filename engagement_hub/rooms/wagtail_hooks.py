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
