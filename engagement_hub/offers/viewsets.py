"""Admin: a flat listing of all offers with their kind and association."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import OfferPage


class OfferFilterSet(PageFilterSet):
    class Meta:
        model = OfferPage
        fields = ["locale", "kind", "cost_kind", "registration_required"]


class OfferListingViewSet(PageListingViewSet):
    model = OfferPage
    icon = "calendar-alt"
    menu_label = _("Offers")
    add_to_admin_menu = True
    menu_order = 220
    filterset_class = OfferFilterSet
    columns = [
        *[c for c in IndexView.base_columns if c.name != "type"],
        Column("kind", label=_("Kind"), accessor="get_kind_display", width="12%"),
        Column("association", label=_("Association"), width="16%"),
    ]
