"""The email engine: every mail of the hub goes through here.

Producers call :func:`create_mailing` with an audience and a message. The mailing is
expanded into one :class:`Delivery` per recipient in one transaction, batches of
delivery ids go to Celery on commit, and each batch claims, renders, sends and
records its rows. Exactly one message per recipient and mailing, whatever crashes:
a row is claimed by one worker only, and a row that might have reached the ESP is
never resent automatically (it becomes ``unknown``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formataddr

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from engagement_hub.core.conf import hub_settings

from . import rendering, transport
from .models import Delivery, Mailing, Subscriber, Suppression

Status = Delivery.Status


@dataclass(frozen=True)
class AudienceMember:
    """One recipient as a producer describes it."""

    email: str
    language: str = "de"
    subscriber_id: int | None = None
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Message:
    """What to send: a template set, its context and optionally a page."""

    template: str
    context: dict = field(default_factory=dict)
    page_id: int | None = None


def create_mailing(
    audience: Iterable[AudienceMember] | None,
    message: Message,
    *,
    kind: str = Mailing.Kind.TRANSACTIONAL,
    reason: str = "",
    topics: list[str] | None = None,
    created_by=None,
    send_at=None,
    is_test: bool = False,
) -> Mailing:
    """Create a mailing; send it on commit, or at ``send_at``.

    ``audience=None`` means the newsletter's subscribers (of ``topics``, a list of
    topic translation keys; all subscribers when empty), chosen when sending starts.
    """
    recipients = None
    if audience is not None:
        recipients = [_member_to_json(member) for member in audience]
    mailing = Mailing.objects.create(
        kind=kind,
        template=message.template,
        context={
            **message.context,
            "_audience": {"recipients": recipients, "topics": topics or []},
        },
        page_id=message.page_id,
        reason=str(reason),
        created_by=created_by,
        send_at=send_at,
        is_test=is_test,
        status=Mailing.Status.SCHEDULED if send_at else Mailing.Status.DRAFT,
    )
    if send_at is None:
        send_mailing(mailing.pk)
    return mailing


def _member_to_json(member: AudienceMember) -> dict:
    return {
        "email": member.email.strip().lower(),
        "language": member.language,
        "subscriber": member.subscriber_id,
        "context": member.context,
    }


def send_mailing(mailing_id: int) -> None:
    """Start sending after the current transaction commits (idempotent)."""
    from .tasks import expand_mailing

    transaction.on_commit(lambda: expand_mailing.delay(mailing_id))


def expand(mailing_id: int) -> int:
    """Create the mailing's deliveries in one transaction and enqueue their batches.

    Idempotent: a second run finds the deliveries (unique per mailing and address)
    and only enqueues what is still queued. Returns the number of deliveries.
    """
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update()
            .filter(pk=mailing_id, status__in=_startable())
            .first()
        )
        if mailing is None:
            return 0
        rows = [_delivery(mailing, member) for member in audience_of(mailing)]
        Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        mailing.status = Mailing.Status.SENDING
        mailing.started_at = timezone.now()
        mailing.save(update_fields=["status", "started_at"])
        enqueue_queued(mailing.pk, stale_before=None)
    return len(rows)


def _startable() -> list[str]:
    return [Mailing.Status.DRAFT, Mailing.Status.SCHEDULED]


def _delivery(mailing: Mailing, member: dict) -> Delivery:
    return Delivery(
        mailing=mailing,
        email=member["email"],
        language=member["language"],
        subscriber_id=member.get("subscriber"),
        context=member.get("context") or {},
    )


def audience_of(mailing: Mailing) -> list[dict]:
    """The recipients of ``mailing`` now, without suppressed addresses."""
    spec = mailing.context.get("_audience") or {}
    if spec.get("recipients") is not None:
        members = spec["recipients"]
    else:
        members = newsletter_audience(spec.get("topics") or [])
    # Suppressions are few (bounces, complaints); one query for all of them.
    suppressed = set(Suppression.objects.values_list("email", flat=True))
    seen: set[str] = set()
    result = []
    for member in members:
        if member["email"] in suppressed or member["email"] in seen:
            continue
        seen.add(member["email"])
        result.append(member)
    return result


def newsletter_audience(topic_keys: list[str]) -> list[dict]:
    """Confirmed subscribers who chose one of ``topic_keys`` (or chose no topic)."""
    subscribers = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)
    if topic_keys:
        subscribers = subscribers.filter(
            Q(topics__translation_key__in=topic_keys) | Q(topics__isnull=True)
        ).distinct()
    return [
        {"email": email, "language": language, "subscriber": pk, "context": {}}
        for pk, email, language in subscribers.values_list("pk", "email", "language")
    ]


def enqueue_queued(mailing_id: int, *, stale_before) -> int:
    """Send batch tasks (on commit) for queued rows never enqueued or enqueued
    before ``stale_before`` (lost tasks). Returns the number of rows enqueued."""
    from .tasks import send_batch

    rows = Delivery.objects.filter(mailing_id=mailing_id, status=Status.QUEUED)
    if stale_before is None:
        rows = rows.filter(enqueued_at__isnull=True)
    else:
        rows = rows.filter(
            Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale_before)
        )
    ids = list(rows.order_by("language", "pk").values_list("pk", flat=True))
    size = hub_settings.MAIL_BATCH_SIZE
    Delivery.objects.filter(pk__in=ids).update(enqueued_at=timezone.now())
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        transaction.on_commit(lambda chunk=chunk: send_batch.delay(mailing_id, chunk))
    return len(ids)


def claim(delivery_ids: list[int]) -> tuple[str, list[Delivery]]:
    """Take the due rows among ``delivery_ids`` for this worker only.

    PostgreSQL skips rows another worker holds (``skip_locked``); the conditional
    UPDATE (queued/retry_wait -> sending) is what makes the claim exclusive on every
    database, SQLite included.
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    # A retry's countdown may fire a moment before its row's time: allow a second.
    due = Q(status=Status.QUEUED) | Q(
        status=Status.RETRY_WAIT, next_attempt_at__lte=now + timedelta(seconds=1)
    )
    with transaction.atomic():
        candidates = Delivery.objects.filter(due, pk__in=delivery_ids)
        if connection.features.has_select_for_update_skip_locked:
            candidates = Delivery.objects.filter(
                pk__in=list(
                    candidates.select_for_update(skip_locked=True).values_list(
                        "pk", flat=True
                    )
                )
            ).filter(due)
        candidates.update(
            status=Status.SENDING,
            claim=token,
            claimed_at=now,
            handed_over_at=None,
            attempts=F("attempts") + 1,
        )
    return token, list(
        Delivery.objects.filter(claim=token, status=Status.SENDING).order_by("pk")
    )


def hand_over(token: str, rows: list[Delivery]) -> list[Delivery]:
    """Mark rows as about to reach the ESP; only rows still ours are returned."""
    now = timezone.now()
    Delivery.objects.filter(
        pk__in=[row.pk for row in rows], claim=token, status=Status.SENDING
    ).update(handed_over_at=now)
    ours = set(
        Delivery.objects.filter(
            claim=token, status=Status.SENDING, handed_over_at=now
        ).values_list("pk", flat=True)
    )
    return [row for row in rows if row.pk in ours]


def drop_unwanted(mailing: Mailing, token: str, rows: list[Delivery]) -> list[Delivery]:
    """Fail rows whose address was suppressed or unsubscribed since expansion."""
    emails = [row.email for row in rows]
    blocked = set(
        Suppression.objects.filter(email__in=emails).values_list("email", flat=True)
    )
    gone = set(
        Subscriber.objects.filter(
            pk__in=[row.subscriber_id for row in rows if row.subscriber_id],
            status=Subscriber.Status.UNSUBSCRIBED,
        ).values_list("pk", flat=True)
    )
    if mailing.kind != Mailing.Kind.NEWSLETTER:
        gone = set()  # an unsubscribed address still gets its transactional mail
    unwanted = {
        row.pk for row in rows if row.email in blocked or row.subscriber_id in gone
    }
    if unwanted:
        Delivery.objects.filter(pk__in=unwanted, claim=token).update(
            status=Status.FAILED, last_error="suppressed or unsubscribed"
        )
    return [row for row in rows if row.pk not in unwanted]


_RENDERED: dict[tuple, rendering.RenderedMessage] = {}


def rendered_for(mailing: Mailing, language: str) -> rendering.RenderedMessage:
    """Render once per mailing and language in this process."""
    key = (mailing.pk, mailing.created_at, language)
    if key not in _RENDERED:
        if len(_RENDERED) > 32:
            _RENDERED.clear()
        _RENDERED[key] = rendering.render_message(mailing, language)
    return _RENDERED[key]


def sender() -> tuple[str, list[str]]:
    """From and Reply-To of the hub's mail (HubSettings, else DEFAULT_FROM_EMAIL)."""
    hub = rendering.hub_details()
    if hub and hub.newsletter_sender_email:
        name = hub.newsletter_sender_name or hub.organisation_name
        from_email = formataddr((name, hub.newsletter_sender_email))
    else:
        from_email = settings.DEFAULT_FROM_EMAIL
    reply_to = [hub.newsletter_reply_to] if hub and hub.newsletter_reply_to else []
    return from_email, reply_to


LIST_HEADERS = {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def deliver(mailing: Mailing, token: str, rows: list[Delivery]) -> transport.Outcome:
    """Render and send the claimed ``rows`` (one ESP call per language where it can)."""
    from_email, reply_to = sender()
    url = rendering.base_url()
    outcome = transport.Outcome()
    by_language: dict[str, list[Delivery]] = defaultdict(list)
    for row in rows:
        by_language[row.language].append(row)
    for language, group in by_language.items():
        rendered = rendered_for(mailing, language)
        recipients = [
            transport.Recipient(
                row.pk, row.email, rendering.recipient_values(row, language, url)
            )
            for row in group
        ]
        part = transport.send(
            rendered,
            recipients,
            from_email=from_email,
            reply_to=reply_to,
            headers=LIST_HEADERS,
        )
        outcome.accepted.update(part.accepted)
        outcome.failed.update(part.failed)
    return outcome


def record(mailing_id: int, token: str, outcome: transport.Outcome) -> list[int]:
    """Store what the ESP said; returns delivery ids to retry later."""
    now = timezone.now()
    mine = Delivery.objects.filter(claim=token)
    by_message: dict[str, list[int]] = defaultdict(list)
    for delivery_id, message_id in outcome.accepted.items():
        by_message[message_id].append(delivery_id)
    for message_id, ids in by_message.items():
        mine.filter(pk__in=ids).update(
            status=Status.SENT, esp_message_id=message_id, sent_at=now, last_error=""
        )
    return _record_failures(mine, outcome, now)


def _record_failures(mine, outcome: transport.Outcome, now) -> list[int]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for delivery_id, (kind, error) in outcome.failed.items():
        groups[(kind, error)].append(delivery_id)
    retry: list[int] = []
    for (kind, error), ids in groups.items():
        rows = mine.filter(pk__in=ids)
        if kind == transport.PERMANENT:
            rows.update(status=Status.FAILED, last_error=error)
        elif kind == transport.AMBIGUOUS:
            rows.update(status=Status.UNKNOWN, last_error=error)
        else:
            retry += _schedule_retry(rows, error, now)
    return retry


def _schedule_retry(rows, error: str, now) -> list[int]:
    limit = hub_settings.MAIL_MAX_ATTEMPTS
    rows.filter(attempts__gte=limit).update(status=Status.FAILED, last_error=error)
    waiting = rows.exclude(status=Status.FAILED)
    attempts = max(waiting.values_list("attempts", flat=True), default=1)
    ids = list(waiting.values_list("pk", flat=True))
    waiting.update(
        status=Status.RETRY_WAIT,
        last_error=error,
        next_attempt_at=now + timedelta(seconds=retry_delay(attempts)),
    )
    return ids


def retry_delay(attempts: int) -> int:
    """Exponential backoff, capped below the broker's visibility timeout."""
    base = hub_settings.MAIL_RETRY_BACKOFF
    return int(
        min(base * 2 ** max(attempts - 1, 0), hub_settings.MAIL_RETRY_BACKOFF_MAX)
    )


def finish_if_complete(mailing_id: int) -> bool:
    """Mark the mailing done when no delivery is open any more."""
    if Delivery.objects.filter(
        mailing_id=mailing_id, status__in=Delivery.OPEN
    ).exists():
        return False
    return bool(
        Mailing.objects.filter(pk=mailing_id, status=Mailing.Status.SENDING).update(
            status=Mailing.Status.DONE, finished_at=timezone.now()
        )
    )


def sweep(*, lease: timedelta | None = None, stale: timedelta | None = None) -> dict:
    """Repair what crashes left behind; safe to run any time, as often as wanted.

    Contract: a row that never reached the ESP is sent again; a row that might have
    reached it (handed over, no answer saved) becomes ``unknown`` and is not resent.
    """
    now = timezone.now()
    lease = hub_settings.MAIL_SENDING_LEASE if lease is None else lease
    stale = hub_settings.MAIL_QUEUED_STALE_AFTER if stale is None else stale
    stuck = Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=now - lease)
    requeued = stuck.filter(handed_over_at__isnull=True).update(
        status=Status.QUEUED, claim="", enqueued_at=None
    )
    unknown = stuck.filter(handed_over_at__isnull=False).update(
        status=Status.UNKNOWN,
        last_error="The worker stopped while the ESP had the message; not resent.",
    )
    retried = Delivery.objects.filter(
        status=Status.RETRY_WAIT, next_attempt_at__lt=now - stale
    ).update(status=Status.QUEUED, enqueued_at=None)
    enqueued = 0
    for mailing_id in Mailing.objects.filter(status=Mailing.Status.SENDING).values_list(
        "pk", flat=True
    ):
        enqueued += enqueue_queued(mailing_id, stale_before=now - stale)
        finish_if_complete(mailing_id)
    return {
        "requeued": requeued,
        "unknown": unknown,
        "retried": retried,
        "enqueued": enqueued,
    }


def resend_unknown(mailing_id: int) -> int:
    """An operator's decision, never automatic: send the deliveries whose fate is
    unknown once more (after checking the ESP's log). Returns how many."""
    with transaction.atomic():
        count = Delivery.objects.filter(
            mailing_id=mailing_id, status=Status.UNKNOWN
        ).update(status=Status.QUEUED, enqueued_at=None, claim="", handed_over_at=None)
        if count:
            Mailing.objects.filter(pk=mailing_id).update(
                status=Mailing.Status.SENDING, finished_at=None
            )
            enqueue_queued(mailing_id, stale_before=None)
    return count


def start_due_mailings() -> int:
    """Start scheduled mailings whose time has come (each starts once)."""
    due = list(
        Mailing.objects.filter(
            status=Mailing.Status.SCHEDULED, send_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    for mailing_id in due:
        send_mailing(mailing_id)
    return len(due)


def progress(mailing: Mailing) -> dict:
    """Counts per delivery status, for the admin's progress bar."""
    counts = dict(
        Delivery.objects.filter(mailing=mailing)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    open_ = sum(counts.get(status, 0) for status in Delivery.OPEN)
    return {
        "status": mailing.status,
        "total": total,
        "queued": open_,
        "finished": total - open_,
        "sent": counts.get(Status.SENT, 0),
        "failed": counts.get(Status.FAILED, 0),
        "unknown": counts.get(Status.UNKNOWN, 0),
        "done": mailing.status == Mailing.Status.DONE,
    }
