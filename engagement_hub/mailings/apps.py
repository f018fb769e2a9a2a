from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "engagement_hub.mailings"
    label = "engagement_hub_mailings"
    verbose_name = _("Mailings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the anymail tracking receiver and register the system checks.
        from . import checks, webhooks  # noqa: F401
