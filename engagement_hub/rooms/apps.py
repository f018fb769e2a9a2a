from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "engagement_hub.rooms"
    label = "engagement_hub_rooms"
    verbose_name = _("Rooms")
    default_auto_field = "django.db.models.BigAutoField"
    periodic_tasks = {
        "rooms-reminders": {
            "task": "engagement_hub.rooms.reminders",
            "schedule": 3600.0,
        },
        "rooms-expire-unconfirmed": {
            "task": "engagement_hub.rooms.expire_unconfirmed",
            "schedule": 3600.0,
        },
    }

    def ready(self) -> None:
        # The message types, the personal-data handler and the tasks.
        from engagement_hub.associations.club_overview import register_section

        from . import club_sections, mail, privacy, signals, tasks  # noqa: F401

        # A representative's "Our club" page.
        register_section(club_sections.club_bookings)
        signals.connect()
