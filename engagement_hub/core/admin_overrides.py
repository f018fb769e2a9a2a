"""Wagtail admin views that show every admin user more than their permissions allow,
replaced by versions that keep to them.

- The admin API's image and document endpoints (``/admin/api/main/images/`` and
  ``.../documents/``) list every image and document, whatever the user's collection
  permissions; here they list only what the user may choose, and refuse users who
  may choose none (a club representative has no media permissions).
- The page types usage report names the last edited page of every type, another
  club's draft included; here it names the last edited page the user may edit.

The API endpoints are replaced through Wagtail's ``construct_admin_api`` hook
(``wagtail_hooks.py``). The report is a URL of Wagtail's own admin, so the project
mounts ``engagement_hub.core.admin_urls`` before Wagtail's admin URLs; the system
check ``engagement_hub.W010`` says so when it is not.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportView as WagtailPageTypesUsageReportView,
)
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

CHOOSE = ["choose"]


class _ChoosableMixin:
    """An admin API endpoint of a collection model: only what the user may choose."""

    model_getter = None

    def _policy(self):
        return policy_registry.get_by_type(self.model_getter())

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self._policy().user_has_any_permission(request.user, CHOOSE):
            raise PermissionDenied

    def get_queryset(self):
        choosable = self._policy().instances_user_has_any_permission_for(
            self.request.user, CHOOSE
        )
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ImagesAPIViewSet(_ChoosableMixin, ImagesAdminAPIViewSet):
    model_getter = staticmethod(get_image_model)


class DocumentsAPIViewSet(_ChoosableMixin, DocumentsAdminAPIViewSet):
    model_getter = staticmethod(get_document_model)


class PageTypesUsageReportView(WagtailPageTypesUsageReportView):
    """The counts per page type as Wagtail's; the "last edited" page only among the
    pages the user may edit (superusers: all)."""

    def decorate_paginated_queryset(self, page_types):
        user = self.request.user
        if user.is_superuser:
            return super().decorate_paginated_queryset(page_types)
        editable = policy_registry.get_by_type(
            Page
        ).instances_user_has_any_permission_for(user, ["change", "publish"])
        cleaned = getattr(self.filters, "form", None)
        cleaned = cleaned.cleaned_data if cleaned is not None else {}
        if cleaned.get("page_locale"):
            editable = editable.filter(locale__language_code=cleaned["page_locale"])
        if cleaned.get("site"):
            editable = editable.filter(path__startswith=cleaned["site"])
        latest: dict[int, Page] = {}
        for page in (
            editable.filter(content_type__in=[item.pk for item in page_types])
            .order_by(
                "content_type",
                F("latest_revision_created_at").desc(nulls_last=True),
                "title",
                "-pk",
            )
            .specific()
        ):
            latest.setdefault(page.content_type_id, page)
        for item in page_types:
            item.last_edited_page = latest.get(item.pk)
        return page_types
