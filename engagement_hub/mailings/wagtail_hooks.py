"""Admin wiring: newsletter menu, send/report/privacy views, the page's send button."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from engagement_hub.core.menu import PermissionMenuItem

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


@hooks.register("construct_homepage_panels")
def mail_panels(request, panels):
    """Senders: deliveries failed or of unknown fate; who may see subscribers: the
    new ones of the last 7 days."""
    from datetime import timedelta

    from django.db.models import Count, Q
    from django.utils import timezone

    from engagement_hub.core.dashboard import PANEL_ROWS, DashboardItem, DashboardPanel

    from .models import Delivery, Mailing, Subscriber

    user = request.user
    if user.has_perm(admin_views.SEND_PERMISSION):
        statuses = [Delivery.Status.FAILED, Delivery.Status.UNKNOWN]
        bad = Delivery.objects.filter(status__in=statuses)
        mailings = list(
            Mailing.objects.filter(pk__in=bad.values("mailing_id"))
            .annotate(
                failed=Count(
                    "deliveries",
                    filter=Q(deliveries__status=Delivery.Status.FAILED),
                ),
                unknown=Count(
                    "deliveries",
                    filter=Q(deliveries__status=Delivery.Status.UNKNOWN),
                ),
            )
            .order_by("-created_at")[:PANEL_ROWS]
        )
        items = [
            DashboardItem(
                f"{m.display_title} ({timezone.localtime(m.created_at):%d.%m.%Y})",
                reverse("engagement_hub_mailings_admin:report", args=[m.pk]),
                _("%(failed)s failed, %(unknown)s unknown")
                % {"failed": m.failed, "unknown": m.unknown},
            )
            for m in mailings
        ]
        panels.append(
            DashboardPanel(
                name="failed_deliveries",
                heading=_("Deliveries failed or unknown"),
                items=items,
                order=150,
                more_url=reverse("engagement_hub_mailings_admin:index"),
                empty=_("No failed deliveries."),
            )
        )
    if user.has_perm(admin_views.REPORT_PERMISSION):
        since = timezone.now() - timedelta(days=7)
        new = Subscriber.objects.filter(
            status=Subscriber.Status.SUBSCRIBED, confirmed_at__gte=since
        )
        panels.append(
            DashboardPanel(
                name="new_subscribers",
                heading=_("New newsletter subscribers (last 7 days)"),
                items=[],
                total=new.count(),
                order=160,
                more_url=reverse("newsletter_subscribers:index"),
                empty=_("%(count)s new subscribers.") % {"count": new.count()},
            )
        )
