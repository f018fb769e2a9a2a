"""Replacements of Wagtail admin URLs (see ``admin_overrides``).

Mount these at the admin's path **before** Wagtail's admin URLs::

    path("admin/", include("engagement_hub.core.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from .admin_overrides import PageTypesUsageReportView


def _admin_view(view_class, **initkwargs):
    view = require_admin_access(view_class.as_view(**initkwargs))
    view.hub_view_class = view_class  # for the system check (checks.py)
    return view


urlpatterns = [
    path("reports/page-types-usage/", _admin_view(PageTypesUsageReportView)),
    path(
        "reports/page-types-usage/results/",
        _admin_view(PageTypesUsageReportView, results_only=True),
    ),
]
