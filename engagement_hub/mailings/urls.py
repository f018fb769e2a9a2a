"""Public URLs of the newsletter, in the visitor's language
(``/de/newsletter-abo/abmelden/<token>/``, ``/en/subscription/unsubscribe/<token>/``).
Mounted inside ``i18n_patterns`` with
``path("", include("engagement_hub.mailings.urls"))``.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.urls_i18n import legacy_path

from . import views

app_name = "engagement_hub_mailings"

ROUTES = [
    # (translated route, old English route, view, name)
    (_("subscription/"), "subscription/", views.subscribe, "subscribe"),
    (
        _("subscription/thanks/"),
        "subscription/thanks/",
        views.subscribe_done,
        "subscribe_done",
    ),
    (
        _("subscription/confirm/<str:token>/"),
        "subscription/confirm/<str:token>/",
        views.confirm,
        "confirm",
    ),
    (
        _("subscription/preferences/<str:token>/"),
        "subscription/preferences/<str:token>/",
        views.preferences,
        "preferences",
    ),
    (
        _("subscription/unsubscribe/<str:token>/"),
        "subscription/unsubscribe/<str:token>/",
        views.unsubscribe,
        "unsubscribe",
    ),
]

urlpatterns = [path(route, view, name=name) for route, _old, view, name in ROUTES] + [
    legacy_path(old, view, f"{app_name}:{name}") for _route, old, view, name in ROUTES
]
