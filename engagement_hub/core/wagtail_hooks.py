from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_views
from .menu import PermissionMenuItem
from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_personal_data_url():
    return [
        path(
            "personal-data/",
            admin_views.personal_data_view,
            name="engagement_hub_core_personal_data",
        )
    ]


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PermissionMenuItem(
        _("Personal data"),
        reverse("engagement_hub_core_personal_data"),
        icon_name="user",
        order=900,
        permission=admin_views.PERMISSION,
    )
