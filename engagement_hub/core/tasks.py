"""Celery tasks of the core app."""

from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(name="engagement_hub.core.heartbeat")
def heartbeat(name: str = "default") -> str:
    """Record that a worker is alive. Idempotent: each run moves one timestamp
    forward."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": now})
    return now.isoformat()


@shared_task(name="engagement_hub.core.apply_retention")
def apply_retention() -> dict:
    """Periodic: apply every registered domain's retention rules (idempotent)."""
    from . import personal_data

    return personal_data.apply_retention()
