"""The site search's URL, in the visitor's language (``/de/suche/``, ``/en/search/``).
Mounted inside ``i18n_patterns`` with ``path("", include("search.urls"))``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.urls_i18n import legacy_path

from . import views

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    legacy_path("search/", views.search, "search"),
]
