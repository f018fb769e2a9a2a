"""Admin: a flat listing of all association pages with their freshness."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import AssociationPage, outdated_before


def filter_freshness(queryset, name, value):
    stale = Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=outdated_before())
    if value == "outdated":
        return queryset.filter(stale)
    if value == "current":
        return queryset.exclude(stale)
    return queryset


class AssociationFilterSet(PageFilterSet):
    freshness = ChoiceFilter(
        label=_("Confirmation"),
        empty_label=_("Any"),
        choices=[
            ("outdated", _("Possibly outdated")),
            ("current", _("Recently confirmed")),
        ],
        method=filter_freshness,
    )

    class Meta:
        model = AssociationPage
        fields = ["locale", "looking_for_volunteers"]


class AssociationListingViewSet(PageListingViewSet):
    """Editors see every club page, how fresh it is, and filter the outdated ones."""

    model = AssociationPage
    icon = "group"
    menu_label = _("Associations")
    add_to_admin_menu = True
    menu_order = 210
    filterset_class = AssociationFilterSet
    columns = [
        *[c for c in IndexView.base_columns if c.name != "type"],
        DateColumn(
            "last_confirmed",
            label=_("Last confirmed"),
            sort_key="last_confirmed",
            width="12%",
        ),
        BooleanColumn("is_outdated", label=_("Possibly outdated"), width="10%"),
    ]
