"""Celery tasks of the email engine. They take ids, are safe to run twice, and
retry only transient ESP errors (with backoff below the broker's visibility timeout).
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from . import outbox, services, subscriptions
from .models import Mailing

# Defined beside the receiver that enqueues it; importable here with the others.
from .webhooks import process_tracking_event  # noqa: F401


@shared_task(name="engagement_hub.mailings.expand_mailing")
def expand_mailing(mailing_id: int) -> int:
    """Create the deliveries of a mailing and enqueue their batches (once)."""
    count = services.expand(mailing_id)
    services.finish_if_complete(mailing_id)  # an empty audience is done at once
    return count


@shared_task(name="engagement_hub.mailings.send_batch")
def send_batch(mailing_id: int, delivery_ids: list[int]) -> int:
    """Claim, render, send and record a batch; each delivery is sent at most once.

    Rows another worker holds, or that are already final, are skipped. Transient
    failures are re-enqueued here with a countdown; returns the number accepted.
    """
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return 0
    token, rows = services.claim(delivery_ids)
    rows = services.drop_unwanted(mailing, token, rows)
    rows = services.hand_over(token, rows)
    if rows:
        outcome = services.deliver(mailing, token, rows)
        retry = services.record(mailing_id, token, outcome)
        if retry:
            # The whole batch backs off together (a lost publish: the sweeper).
            delay = services.retry_delay(max(row.attempts for row in rows))
            outbox.publish(send_batch, mailing_id, retry, countdown=delay)
    services.finish_if_complete(mailing_id)
    return len(rows)


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
