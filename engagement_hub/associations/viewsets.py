"""Admin: a flat listing of all association pages with their freshness."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .directory_import import can_manage_directory
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


class AssociationIndexView(IndexView):
    """The listing; its CSV/XLSX export (``?export=csv``) is for city editors."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") and not can_manage_directory(request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def show_export_buttons(self):
        return can_manage_directory(self.request.user)

    def get_header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        buttons = list(super().get_header_more_buttons())
        if can_manage_directory(self.request.user):
            buttons.append(
                Button(
                    _("Import clubs"),
                    url=reverse("associations:import"),
                    icon_name="upload",
                    priority=60,
                )
            )
        return buttons

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if "categories" in row:
            row["categories"] = ", ".join(c.name for c in item.categories.all())
        return row

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.is_export:
            queryset = queryset.prefetch_related("categories")
        return queryset


class AssociationListingViewSet(PageListingViewSet):
    """Editors see every club page, how fresh it is, and filter the outdated ones."""

    model = AssociationPage
    icon = "group"
    menu_label = _("Associations")
    add_to_admin_menu = True
    menu_order = 210
    filterset_class = AssociationFilterSet
    index_view_class = AssociationIndexView
    export_filename = "vereine"
    list_export = [
        "title",
        "contact_email",
        "categories",
        "street",
        "postcode",
        "town",
        "website",
        "last_confirmed",
        "is_outdated",
        "live",
        "locale",
    ]
    export_headings = {
        "title": _("Name"),
        "contact_email": _("E-mail"),
        "categories": _("Categories"),
        "street": _("Street"),
        "postcode": _("Postcode"),
        "town": _("Town"),
        "website": _("Website"),
        "last_confirmed": _("Last confirmed"),
        "is_outdated": _("Possibly outdated"),
        "live": _("Published"),
        "locale": _("Language"),
    }
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

    def get_urlpatterns(self):
        from .admin_import import import_view

        return [
            *super().get_urlpatterns(),
            path("import/", import_view, name="import"),
        ]
