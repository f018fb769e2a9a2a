"""System checks: configuration mistakes stop start-up with a message naming the
setting."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import hub_settings


@checks.register("engagement_hub")
def check_broker(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not hub_settings.CHECK_BROKER:
        return []
    from .services import broker_status

    reachable, detail = broker_status()
    if reachable:
        return []
    return [
        checks.Error(
            f"CELERY_BROKER_URL: the Celery broker cannot be reached ({detail}).",
            hint="Start the broker or correct CELERY_BROKER_URL.",
            id="engagement_hub.E001",
        )
    ]


@checks.register(checks.Tags.urls)
def check_admin_overrides(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Wagtail's page types report names other users' pages; the hub's replacement
    must be mounted before Wagtail's admin URLs."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    from .admin_overrides import PageTypesUsageReportView

    try:
        match = resolve(reverse("wagtailadmin_reports:page_types_usage"))
    except (NoReverseMatch, Resolver404):
        return []  # Wagtail's admin is not mounted
    if getattr(match.func, "hub_view_class", None) is PageTypesUsageReportView:
        return []
    return [
        checks.Warning(
            "Wagtail's page types report is served without the hub's permission "
            "filter: it names the last edited page of every type to every admin user.",
            hint='Add path("admin/", include("engagement_hub.core.admin_urls")) to '
            "your URLs before Wagtail's admin URLs.",
            id="engagement_hub.W010",
        )
    ]


def raise_on_startup_errors() -> None:
    """Run the hub's own checks; raise ImproperlyConfigured on the first error."""
    errors = [
        message
        for message in checks.run_checks(tags=["engagement_hub"])
        if message.level >= checks.ERROR
    ]
    if errors:
        raise ImproperlyConfigured(errors[0].msg)


@checks.register("engagement_hub")
def check_untranslated_pages(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .untranslated import HIDE, NOTICE

    if hub_settings.UNTRANSLATED_PAGES in (NOTICE, HIDE):
        return []
    return [
        checks.Error(
            "ENGAGEMENT_HUB_UNTRANSLATED_PAGES must be 'notice' or 'hide', not "
            f"{hub_settings.UNTRANSLATED_PAGES!r}.",
            id="engagement_hub.E011",
        )
    ]
