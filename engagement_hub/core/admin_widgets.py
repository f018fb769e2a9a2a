"""Admin widgets that name a page's language where German and English twins would
otherwise look the same (a club's page has the same title in both)."""

from __future__ import annotations

from django.conf import settings
from wagtail.admin.widgets import AdminPageChooser


def with_locale(title: str, instance) -> str:
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return title
    locale = getattr(instance, "locale", None)
    if locale is None:
        return title
    from .page_forms import language_name

    return f"{title} ({language_name(locale)})"


class LocalePageChooser(AdminPageChooser):
    """A page chooser whose chosen page reads "SV Schlosspark (Deutsch)"."""

    def get_display_title(self, instance):
        return with_locale(super().get_display_title(instance), instance)


def name_locales_in_permission_rows() -> None:
    """The page rows of a group's permissions (Wagtail's ``PagePermissionsForm``)
    show each page with its language: a club's group holds both its German and
    its English page, which Wagtail's own widget shows as two equal titles."""
    from wagtail.users.forms import PagePermissionsForm

    field = PagePermissionsForm.base_fields["page"]
    if not isinstance(field.widget, LocalePageChooser):
        field.widget = LocalePageChooser(show_edit_link=False, can_choose_root=True)
