"""Celery tasks of the email engine. They take ids, are safe to run twice, and
retry only transient ESP errors (with backoff below the broker's visibility timeout).

The periodic jobs and ``send_message`` are defined here and call the services.
The tasks that the engine itself enqueues are defined beside what enqueues them
(``expand_mailing`` and ``send_batch`` in :mod:`.delivery`,
``process_tracking_event`` in :mod:`.webhooks`) and are importable here too.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from . import services, subscriptions
from .delivery import expand_mailing, send_batch
from .webhooks import process_tracking_event

__all__ = [
    "expand_mailing",
    "expire_pending_subscribers",
    "process_tracking_event",
    "send_batch",
    "send_message",
    "start_due_mailings",
    "sweep",
]


@shared_task(name="engagement_hub.mailings.sweep")
def sweep(
    lease_seconds: float | None = None, stale_seconds: float | None = None
) -> dict:
    """Periodic: re-queue deliveries stuck before the ESP, mark those stuck after it
    ``unknown`` (never resent), re-enqueue lost batches, close finished mailings."""
    return services.sweep(
        lease=None if lease_seconds is None else timedelta(seconds=lease_seconds),
        stale=None if stale_seconds is None else timedelta(seconds=stale_seconds),
    )


@shared_task(name="engagement_hub.mailings.start_due_mailings")
def start_due_mailings(grace_seconds: float | None = None) -> int:
    """Periodic (the outbox job): start every mailing that should have started
    (scheduled ones whose time has come, drafts whose start was lost), once."""
    grace = None if grace_seconds is None else timedelta(seconds=grace_seconds)
    return services.start_due_mailings(grace=grace)


@shared_task(name="engagement_hub.mailings.send_message")
def send_message(
    message_type: str,
    recipients: list[dict],
    context: dict | None = None,
    key: str | None = None,
) -> int:
    """Send a registered message from a worker (e.g. from a periodic producer job):
    ``recipients`` as dicts of :class:`~.messages.Recipient` fields. With ``key``
    it is idempotent across retries and racing workers. Returns the mailing id."""
    from .messages import Recipient

    mailing = services.send(
        message_type, [Recipient(**data) for data in recipients], context, key=key
    )
    return mailing.pk


@shared_task(name="engagement_hub.mailings.expire_pending_subscribers")
def expire_pending_subscribers() -> int:
    """Periodic: delete sign-ups never confirmed within the confirmation period."""
    return subscriptions.expire_pending()
