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
        from wagtail.signals import page_published

        from engagement_hub.core import personal_data

        from . import caching
        from .models import FundingGuidePage

        caching.connect()
        page_published.connect(
            _guide_published, sender=FundingGuidePage, dispatch_uid="eh_funding_new"
        )

        from . import mail, privacy, tasks  # noqa: F401  (message types, tasks)

        personal_data.register(
            "funding",
            label=_("Funding reminders"),
            export=privacy.export,
            erase=privacy.erase,
            retention=privacy.retention,
        )


def _guide_published(sender, instance, revision=None, **kwargs):
    """The first publication of a guide (in the default language) is announced to
    subscribers of its area who asked for it (once: the mail API's key)."""
    from django.db import transaction
    from wagtail.models import Locale

    first = instance.first_published_at
    if first is None or instance.last_published_at != first:
        return
    if instance.locale_id != Locale.get_default().pk:
        return

    def announce():
        from .alerts import announce_new_guide

        announce_new_guide(instance)

    transaction.on_commit(announce)
