from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "engagement_hub.core"
    label = "engagement_hub_core"
    verbose_name = _("Engagement Hub")
    default_auto_field = "django.db.models.BigAutoField"
    # Periodic jobs an app contributes (collected by core/periodic.py): entry name ->
    # Celery beat entry. Every hub app may declare them the same way.
    periodic_tasks = {
        # Lets /health/ tell operators when a worker last ran a task.
        "core-heartbeat": {"task": "engagement_hub.core.heartbeat", "schedule": 60.0},
        # Every domain's retention rules (engagement_hub.core.personal_data).
        "core-personal-data-retention": {
            "task": "engagement_hub.core.apply_retention",
            "schedule": 86400.0,
        },
    }

    def ready(self) -> None:
        # Register the system checks and core's own personal data (log entries).
        from . import cache_signals, checks, pagecache, personal_data  # noqa: F401
        from .admin_widgets import name_locales_in_permission_rows

        name_locales_in_permission_rows()
        cache_signals.connect()
        pagecache.connect()
