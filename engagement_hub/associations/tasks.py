"""Periodic jobs of the associations (``AssociationsConfig.periodic_tasks``)."""

from celery import shared_task


@shared_task(name="engagement_hub.associations.freshness_reminders")
def freshness_reminders() -> int:
    """Ask clubs whether their entries are still correct (idempotent)."""
    from .freshness import run

    return run()
