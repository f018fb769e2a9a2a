"""System checks: settings that would break the exactly-once promise or the webhooks."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register

from engagement_hub.core.conf import hub_settings

from .transport import backend_path


@register()
def check_mail_settings(app_configs=None, **kwargs) -> list[Warning]:
    problems = []
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}
    visibility = options.get("visibility_timeout")
    if visibility and visibility <= hub_settings.MAIL_RETRY_BACKOFF_MAX:
        problems.append(
            Warning(
                "ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF_MAX must stay below the broker's "
                f"visibility timeout ({visibility} s), or waiting retries are "
                "delivered twice.",
                id="engagement_hub_mailings.W001",
            )
        )
    anymail = getattr(settings, "ANYMAIL", None) or {}
    if backend_path().startswith("anymail.") and not anymail.get("WEBHOOK_SECRET"):
        problems.append(
            Warning(
                "Tracking webhooks are open to anyone: set ANYMAIL_WEBHOOK_SECRET "
                "(user:password, also given to the ESP).",
                id="engagement_hub_mailings.W002",
            )
        )
    return problems
