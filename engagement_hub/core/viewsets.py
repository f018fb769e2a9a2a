"""Admin for the taxonomy: one menu group with categories, target groups and
districts. Their choosers name a term with its language ("Sport (Deutsch)"), as
German and English twins are otherwise indistinguishable once chosen."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetChosenView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.snippets.widgets import AdminSnippetChooser

from .admin_widgets import with_locale
from .models import Category, District, TargetGroup


def with_language(instance) -> str:
    return with_locale(str(instance), instance)


class TermChooserWidget(AdminSnippetChooser):
    def get_display_title(self, instance):
        return with_language(instance)


class TermChosenView(SnippetChosenView):
    def get_display_title(self, instance):
        return with_language(instance)


class TermChooserViewSet(SnippetChooserViewSet):
    base_widget_class = TermChooserWidget
    chosen_view_class = TermChosenView


class CategoryViewSet(SnippetViewSet):
    chooser_viewset_class = TermChooserViewSet
    model = Category
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    chooser_viewset_class = TermChooserViewSet
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "min_age", "max_age", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    chooser_viewset_class = TermChooserViewSet
    model = District
    icon = "site"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, TargetGroupViewSet, DistrictViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"
