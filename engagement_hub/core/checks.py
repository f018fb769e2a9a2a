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


def raise_on_startup_errors() -> None:
    """Run the hub's own checks; raise ImproperlyConfigured on the first error."""
    errors = [
        message
        for message in checks.run_checks(tags=["engagement_hub"])
        if message.level >= checks.ERROR
    ]
    if errors:
        raise ImproperlyConfigured(errors[0].msg)
