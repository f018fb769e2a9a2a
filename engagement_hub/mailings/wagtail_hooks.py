"""Admin wiring: newsletter menu, send/report/privacy views, the page's send button."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_views
from .models import NewsletterPage
from .viewsets import NewsletterGroup

admin_patterns = (
    [
        path("", admin_views.mailing_index, name="index"),
        path("send/<int:page_id>/", admin_views.send_issue, name="send"),
        path("<int:mailing_id>/", admin_views.report, name="report"),
        path("<int:mailing_id>/progress/", admin_views.progress, name="progress"),
    ],
    "engagement_hub_mailings_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("mailings/", include(admin_patterns))]


hooks.register("register_admin_viewset", NewsletterGroup)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def mailings_menu_item():
    return PermissionMenuItem(
        _("Mailings"),
        reverse("engagement_hub_mailings_admin:index"),
        icon_name="mail",
        order=610,
        permission=admin_views.SEND_PERMISSION,
    )


@hooks.register("register_page_header_buttons")
def send_newsletter_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, NewsletterPage) and user.has_perm(
        admin_views.SEND_PERMISSION
    ):
        yield Button(
            _("Send newsletter"),
            reverse("engagement_hub_mailings_admin:send", args=[page.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("register_log_actions")
def register_mailing_log_actions(actions):
    actions.register_action(
        "engagement_hub_mailings.send", _("Send newsletter"), _("Newsletter sent")
    )
    actions.register_action(
        "engagement_hub_mailings.schedule",
        _("Schedule newsletter"),
        _("Newsletter scheduled"),
    )
    actions.register_action(
        "engagement_hub_mailings.send_test", _("Send test"), _("Test newsletter sent")
    )
