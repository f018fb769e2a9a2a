from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_overrides, admin_views
from .menu import PermissionMenuItem
from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_personal_data_url():
    return [
        path(
            "personal-data/",
            admin_views.personal_data_view,
            name="engagement_hub_core_personal_data",
        )
    ]


@hooks.register("construct_admin_api", order=100)
def admin_api_keeps_to_collection_permissions(router):
    """After wagtail.images' and wagtail.documents' hooks: replace their endpoints."""
    router.register_endpoint("images", admin_overrides.ImagesAPIViewSet)
    router.register_endpoint("documents", admin_overrides.DocumentsAPIViewSet)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PermissionMenuItem(
        _("Personal data"),
        reverse("engagement_hub_core_personal_data"),
        icon_name="user",
        order=900,
        permission=admin_views.PERMISSION,
    )


@hooks.register("before_move_page")
def refuse_moves_without_permission(request, page_to_move, destination):
    """Wagtail's move confirmation checks permissions only when the move is posted;
    its page shows the page and its translations to anyone with admin access. Ask
    first (found by the permission matrix, tests/security/test_matrix.py)."""
    permissions = page_to_move.permissions_for_user(request.user)
    if not (permissions.can_move() and permissions.can_move_to(destination)):
        from wagtail.admin.auth import permission_denied

        return permission_denied(request)
    return None


@hooks.register("before_serve_page")
def untranslated_copies_lead_to_the_original(page, request, serve_args, serve_kwargs):
    """While untranslated pages are hidden (``core/untranslated.py``), the copy's
    address sends its visitor to the original page."""
    from django.shortcuts import redirect

    from .untranslated import original_url

    url = original_url(page, request)
    if url:
        return redirect(url)
    return None
