"""Celery tasks of the rooms app (each idempotent)."""

from celery import shared_task


@shared_task(name="engagement_hub.rooms.reminders")
def reminders() -> int:
    from .services import send_reminders

    return send_reminders()


@shared_task(name="engagement_hub.rooms.expire_unconfirmed")
def expire_unconfirmed() -> int:
    from .services import expire_unconfirmed as expire

    return expire()
