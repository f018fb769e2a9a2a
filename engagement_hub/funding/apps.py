from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "engagement_hub.funding"
    label = "engagement_hub_funding"
    verbose_name = _("Funding")
    default_auto_field = "django.db.models.BigAutoField"
    periodic_tasks = {
        "funding-reminders": {
            "task": "engagement_hub.funding.reminders",
            "schedule": 3600.0,
        },
        "funding-check-due": {
            "task": "engagement_hub.funding.check_due",
            "schedule": 86400.0,
        },
    }

    def ready(self) -> None:
        from engagement_hub.core import personal_data

        from . import signals

        signals.connect()

        from . import mail, privacy, tasks  # noqa: F401  (message types, tasks)

        personal_data.register(
            "funding",
            label=_("Funding reminders"),
            export=privacy.export,
            erase=privacy.erase,
            retention=privacy.retention,
        )
