"""Admin: all funding guides, sortable by next deadline and by "last checked", with
a filter for guides due for a check."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .conf import stale_after
from .deadlines import today
from .models import FundingGuidePage


class DueForCheckFilter(django_filters.BooleanFilter):
    def filter(self, qs, value):
        if value is None:
            return qs
        due = Q(last_checked__isnull=True) | Q(last_checked__lt=today() - stale_after())
        return qs.filter(due) if value else qs.exclude(due)


class FundingGuideFilterSet(PageFilterSet):
    due_for_check = DueForCheckFilter(label=_("Due for a check"))

    class Meta:
        model = FundingGuidePage
        fields = ["locale", "funder_level", "funding_kind", "closed", "guide_owner"]


class FundingGuideIndexView(IndexView):
    default_ordering = "next_deadline"


class FundingGuideListingViewSet(PageListingViewSet):
    model = FundingGuidePage
    icon = "doc-full"
    menu_label = _("Funding guides")
    add_to_admin_menu = True
    menu_order = 230
    index_view_class = FundingGuideIndexView
    filterset_class = FundingGuideFilterSet
    columns = [
        *[c for c in IndexView.base_columns if c.name not in ("type", "updated")],
        DateColumn(
            "next_deadline",
            label=_("Next deadline"),
            sort_key="next_deadline",
            width="13%",
        ),
        DateColumn(
            "last_checked",
            label=_("Last checked"),
            sort_key="last_checked",
            width="13%",
        ),
        Column("guide_owner", label=_("Guide owner"), width="14%"),
    ]
