"""Periodic jobs of the meetings (``MeetingsConfig.periodic_tasks``)."""

from celery import shared_task


@shared_task(name="engagement_hub.meetings.extend_series")
def extend_series() -> int:
    """Materialise every live series up to the horizon (idempotent)."""
    from .series import extend_all

    return extend_all()


@shared_task(name="engagement_hub.meetings.send_reminders")
def send_reminders() -> int:
    """Reminders N days before each date, once each (idempotency keys)."""
    from .notify import send_reminders as run

    return run()
