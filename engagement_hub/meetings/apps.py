from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "engagement_hub.meetings"
    label = "engagement_hub_meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"
    periodic_tasks = {
        "meetings-extend-series": {
            "task": "engagement_hub.meetings.extend_series",
            "schedule": 6 * 3600.0,
        },
        "meetings-send-reminders": {
            "task": "engagement_hub.meetings.send_reminders",
            "schedule": 900.0,
        },
    }

    def ready(self) -> None:
        from wagtail.signals import page_published

        from engagement_hub.associations.club_overview import register_section

        from . import caching, club_sections, mail, privacy, tasks  # noqa: F401
        from .models import MeetingPage

        # A representative's "Our club" page.
        register_section(club_sections.registrations_for_club_events)
        register_section(club_sections.club_answers)

        # Publishing a meeting (re)materialises its dates.
        page_published.connect(
            _meeting_published, sender=MeetingPage, dispatch_uid="eh_meeting_published"
        )
        # The clubs' cached "meetings of this association" lists.
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_unpublished

        from .models import Occurrence
        from .wagtail_hooks import renew_sections

        for signal in (post_save, post_delete):
            for model in (MeetingPage, Occurrence):
                signal.connect(
                    renew_sections,
                    sender=model,
                    dispatch_uid=f"eh_meetings_sections_{signal}_{model.__name__}",
                )
        caching.connect()
        page_unpublished.connect(
            renew_sections, sender=MeetingPage, dispatch_uid="eh_meetings_unpublished"
        )


def _meeting_published(sender, instance, **kwargs) -> None:
    from .series import materialise

    materialise(instance)
