from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "engagement_hub.mailings"
    label = "engagement_hub_mailings"
    verbose_name = _("Mailings")
    default_auto_field = "django.db.models.BigAutoField"
    # Repair stuck deliveries and settle unknown ones, start every mailing that should
    # have started (the outbox), expire unconfirmed sign-ups (each job idempotent).
    # Retention runs in core's personal-data job.
    periodic_tasks = {
        "mailings-sweep": {"task": "engagement_hub.mailings.sweep", "schedule": 60.0},
        "mailings-start-due": {
            "task": "engagement_hub.mailings.start_due_mailings",
            "schedule": 60.0,
        },
        "mailings-expire-pending": {
            "task": "engagement_hub.mailings.expire_pending_subscribers",
            "schedule": 3600.0,
        },
    }

    def ready(self) -> None:
        # Connect the anymail tracking receiver, register the system checks, the
        # mailings app's own message types and audience, and its personal data.
        from . import checks, newsletters, privacy, subscriptions, webhooks  # noqa: F401
