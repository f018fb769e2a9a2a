"""Public URLs of the clubs' self-service, in the visitor's language (mounted inside
i18n_patterns with ``path("", include("engagement_hub.associations.urls"))``): the
representative's invitation and the freshness confirmation."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.urls_i18n import legacy_path

from . import views

app_name = "engagement_hub_associations"

urlpatterns = [
    path(_("club-invitation/<str:token>/"), views.accept, name="accept"),
    path(
        _("club-entry/confirm/<str:token>/"), views.confirm_entry, name="confirm_entry"
    ),
    legacy_path("club-invitation/<str:token>/", views.accept, f"{app_name}:accept"),
    legacy_path(
        "club-entry/confirm/<str:token>/",
        views.confirm_entry,
        f"{app_name}:confirm_entry",
    ),
]
