from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "engagement_hub.associations"
    label = "engagement_hub_associations"
    verbose_name = _("Associations")
    default_auto_field = "django.db.models.BigAutoField"
    periodic_tasks = {
        "associations-freshness-reminders": {
            "task": "engagement_hub.associations.freshness_reminders",
            "schedule": 86400.0,
        },
    }

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from . import freshness, privacy, tasks  # noqa: F401  (mail type, policy, tasks)
        from .models import AssociationPage

        # A new translation of a club's page joins its representatives' grants.
        post_save.connect(
            _club_page_saved, sender=AssociationPage, dispatch_uid="eh_club_page_saved"
        )
        from . import invitations, moderation  # noqa: F401 (mail types)

        moderation.connect()


def _club_page_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not created:
        return
    from .representatives import sync_page

    sync_page(instance)
