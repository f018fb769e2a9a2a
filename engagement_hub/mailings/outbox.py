"""Publishing tasks without ever making the caller wait for, or fail with, the broker.

The database is the outbox: a mailing row (and its deliveries) is the record of what
must be sent; the Celery message that starts it is only a shortcut. So publishing
happens after commit, over a connection tried once with a short timeout
(CELERY_BROKER_CONNECTION_TIMEOUT; Redis also gets socket timeouts), without
retries, and a failure is logged, not raised. The periodic ``start_due_mailings``
and ``sweep`` jobs pick up whatever was not published.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def _timeout() -> float:
    return float(getattr(settings, "CELERY_BROKER_CONNECTION_TIMEOUT", 2) or 2)


def publish_many(task, calls: list[tuple[tuple, dict]]) -> int:
    """Send ``task`` once per ``(args, options)`` over one connection; returns how
    many the broker took (the rest is logged). Eager mode (tests) runs the tasks
    and lets their errors through."""
    if not calls:
        return 0
    app = task.app
    if app.conf.task_always_eager:
        for args, options in calls:
            task.apply_async(args, **options)
        return len(calls)
    published = 0
    timeout = _timeout()
    options = {}
    if str(app.conf.broker_url or "").startswith(("redis://", "rediss://")):
        # Also a broker that accepts the connection but never answers.
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout * 2}
    try:
        with app.connection_for_write(
            connect_timeout=timeout, transport_options=options
        ) as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=timeout
            )
            for args, options in calls:
                task.apply_async(args, connection=connection, retry=False, **options)
                published += 1
    except Exception:  # any broker or network error: the outbox jobs recover it
        logger.warning(
            "Could not publish %s (%s of %s sent); the periodic outbox jobs will "
            "pick it up.",
            task.name,
            published,
            len(calls),
            exc_info=True,
        )
    return published


def publish(task, *args, **options) -> bool:
    """Send one ``task`` now; False (logged) if the broker did not take it."""
    return publish_many(task, [(args, options)]) == 1


def enqueue(task, *args, **options) -> None:
    """Publish ``task`` after the current transaction commits (see :func:`publish`)."""
    transaction.on_commit(lambda: publish(task, *args, **options))


def enqueue_many(task, calls: list[tuple[tuple, dict]]) -> None:
    """Publish many calls of ``task`` after commit, over one connection."""
    if calls:
        transaction.on_commit(lambda: publish_many(task, calls))
