"""Delivering a mailing: its deliveries stored and enqueued in batches of one
language, each batch claimed, rendered, handed to the ESP and recorded.

Two Celery tasks drive it, defined here beside the steps they chain:
``expand_mailing`` (a mailing's audience into delivery rows, their batches
enqueued) and ``send_batch`` (one batch; transient failures enqueued again with a
countdown). Exactly one message per recipient and mailing: a row is claimed by
one worker only (``select_for_update(skip_locked)`` and a conditional UPDATE), and
a row marked handed over before the ESP call is never resent blindly. Producers do
not call this module: they use :func:`.services.send`, which starts a mailing
with ``expand_mailing``; the repairs (sweep, reconciliation) are in services too.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from email.utils import formataddr
from itertools import islice

from celery import shared_task
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone

from engagement_hub.core.conf import hub_settings

from . import outbox, rendering, transport
from .messages import (
    NEWSLETTER,
    Attachment,
    AttachmentRequest,
    Recipient,
    get_audience,
)
from .models import Delivery, Mailing, OptOut, Subscriber, Suppression

logger = logging.getLogger(__name__)
Status = Delivery.Status
# Rows per INSERT while recipients are stored or an audience is expanded.
CHUNK = 2000


def add_recipients(mailing: Mailing, recipients: Iterable[Recipient]) -> int:
    """Store recipients as delivery rows, a chunk at a time (one row per address;
    a repeated address is ignored). Plain INSERTs: at 100,000 recipients building
    model instances would cost more than the database does."""
    table = Delivery._meta.db_table
    quote = connection.ops.quote_name
    columns = [
        "mailing_id", "email", "language", "subscriber_id", "party", "context",
        "status", "attempts", "last_error", "esp_message_id", "claim", "event",
        "created_at",
    ]  # fmt: skip
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        "ON CONFLICT (mailing_id, email) DO NOTHING"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    total = 0
    iterator = iter(recipients)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, CHUNK)):
            cursor.executemany(sql, [_row(mailing.pk, r, now) for r in chunk])
            total += len(chunk)
    return total


def _row(mailing_id: int, recipient: Recipient, now) -> tuple:
    return (
        mailing_id,
        recipient.email.strip().lower(),
        recipient.language,
        recipient.subscriber_id,
        recipient.party,
        json.dumps(recipient.context or {}),
        Status.QUEUED,
        0,
        "",
        "",
        "",
        "",
        now,
    )


@shared_task(name="engagement_hub.mailings.expand_mailing")
def expand_mailing(mailing_id: int) -> int:
    """Create the deliveries of a mailing and enqueue their batches (once)."""
    count = expand(mailing_id)
    finish_if_complete(mailing_id)  # an empty audience is done at once
    return count


def expand(mailing_id: int) -> int:
    """Create the mailing's deliveries (audience: in chunks), skip the addresses
    without consent, and enqueue the batches; all in one transaction.

    Idempotent: a second run finds the mailing started and does nothing. Returns the
    number of deliveries enqueued.
    """
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update()
            .filter(pk=mailing_id, status__in=startable())
            .first()
        )
        if mailing is None:
            return 0
        if mailing.audience:
            add_recipients(
                mailing, get_audience(mailing.audience)(mailing.audience_params)
            )
        skip_unwanted(mailing, Delivery.objects.filter(mailing=mailing))
        mailing.status = Mailing.Status.SENDING
        mailing.started_at = timezone.now()
        mailing.save(update_fields=["status", "started_at"])
        return enqueue_queued(mailing.pk, stale_before=None)


def startable() -> list[str]:
    return [Mailing.Status.DRAFT, Mailing.Status.SCHEDULED]


def unwanted(mailing: Mailing) -> Q:
    """Deliveries of ``mailing`` that must not be sent (one SQL condition).

    A hard bounce or complaint stops everything; an opt-out of the address or its
    party stops only its purpose (or every purpose, ``*``), never transactional mail;
    an ended newsletter subscription stops the newsletter.
    """
    hard = Suppression.objects.filter(
        reason__in=[Suppression.Reason.BOUNCED, Suppression.Reason.COMPLAINED]
    ).values("email")
    condition = Q(email__in=hard)
    if mailing.type.can_stop:
        everything = Suppression.objects.filter(
            reason=Suppression.Reason.OPTED_OUT
        ).values("email")
        opted_out = OptOut.objects.filter(
            purpose__in=[mailing.purpose, OptOut.ALL]
        ).values("key")
        condition |= (
            Q(email__in=everything)
            | Q(email__in=opted_out)
            | (~Q(party="") & Q(party__in=opted_out))
        )
    if mailing.purpose == NEWSLETTER:
        condition |= Q(subscriber__status=Subscriber.Status.UNSUBSCRIBED)
    return condition


def skip_unwanted(mailing: Mailing, rows) -> int:
    """Mark the open rows among ``rows`` that must not be sent as skipped."""
    return (
        rows.filter(status__in=[Status.QUEUED, Status.RETRY_WAIT])
        .filter(unwanted(mailing))
        .update(status=Status.SKIPPED, last_error="no consent or suppressed")
    )


def enqueue_queued(mailing_id: int, *, stale_before) -> int:
    """Send batch tasks (on commit) for queued rows never enqueued or enqueued
    before ``stale_before`` (lost tasks). Each batch holds one language. Streams
    the ids; returns the number of rows enqueued."""
    rows = Delivery.objects.filter(mailing_id=mailing_id, status=Status.QUEUED)
    if stale_before is None:
        rows = rows.filter(enqueued_at__isnull=True)
    else:
        rows = rows.filter(
            Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale_before)
        )
    size = hub_settings.MAIL_BATCH_SIZE
    now = timezone.now()
    # One UPDATE marks them all; the rows marked with this instant are batched.
    if not rows.update(enqueued_at=now):
        return 0
    rows = Delivery.objects.filter(
        mailing_id=mailing_id, status=Status.QUEUED, enqueued_at=now
    )
    total = 0
    batch: list[int] = []
    calls: list[tuple[tuple, dict]] = []
    language = None

    def flush() -> None:
        nonlocal total
        if batch:
            calls.append(((mailing_id, list(batch)), {}))
            total += len(batch)
            batch.clear()

    ordered = rows.order_by("language", "pk").values_list("pk", "language")
    if connection.vendor == "postgresql":
        # A server-side cursor: the ids stream in while rows are updated.
        ordered = ordered.iterator(chunk_size=CHUNK)
    for pk, row_language in ordered:
        if row_language != language or len(batch) >= size:
            flush()
            language = row_language
        batch.append(pk)
    flush()
    outbox.enqueue_many(send_batch, calls)
    return total


@shared_task(name="engagement_hub.mailings.send_batch")
def send_batch(mailing_id: int, delivery_ids: list[int]) -> int:
    """Claim, render, send and record a batch; each delivery is sent at most once.

    Rows another worker holds, or that are already final, are skipped. Transient
    failures are re-enqueued here with a countdown; returns the number accepted.
    """
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return 0
    token, rows = claim(delivery_ids)
    rows = drop_unwanted(mailing, token, rows)
    rows = hand_over(token, rows)
    if rows:
        outcome = deliver(mailing, token, rows)
        retry = record(mailing_id, token, outcome)
        if retry:
            # The whole batch backs off together (a lost publish: the sweeper).
            delay = retry_delay(max(row.attempts for row in rows))
            outbox.publish(send_batch, mailing_id, retry, countdown=delay)
    finish_if_complete(mailing_id)
    return len(rows)


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
    """Skip rows whose consent ended (or that were suppressed) since expansion."""
    mine = Delivery.objects.filter(claim=token, status=Status.SENDING)
    gone = set(
        Delivery.objects.filter(pk__in=[row.pk for row in rows], claim=token)
        .filter(unwanted(mailing))
        .values_list("pk", flat=True)
    )
    if gone:
        mine.filter(pk__in=gone).update(
            status=Status.SKIPPED, last_error="no consent or suppressed"
        )
    return [row for row in rows if row.pk not in gone]


_RENDERED: dict[tuple, tuple[rendering.RenderedMessage, list[Attachment]]] = {}


def rendered_for(
    mailing: Mailing, language: str
) -> tuple[rendering.RenderedMessage, list[Attachment]]:
    """Render once per mailing and language in this process, with the attachments
    every recipient of that language gets."""
    key = (mailing.pk, mailing.created_at, language)
    if key not in _RENDERED:
        if len(_RENDERED) > 32:
            _RENDERED.clear()
        _RENDERED[key] = (
            rendering.render_message(mailing, language),
            shared_attachments(mailing, language),
        )
    return _RENDERED[key]


def shared_attachments(mailing: Mailing, language: str) -> list[Attachment]:
    files = [Attachment.from_json(data) for data in mailing.attachments or []]
    mtype = mailing.type
    if mtype.attachments and not mtype.attachments_per_recipient:
        request = AttachmentRequest(context=mailing.context, language=language)
        files += list(rendering.in_language(language, mtype.attachments, request))
    return files


def own_attachments(mailing: Mailing, row: Delivery) -> list[Attachment]:
    mtype = mailing.type
    if not (mtype.attachments and mtype.attachments_per_recipient):
        return []
    request = AttachmentRequest(
        context=mailing.context,
        language=row.language,
        email=row.email,
        recipient_context=row.context or {},
    )
    return list(rendering.in_language(row.language, mtype.attachments, request))


class BadSender(ValueError):
    """The configured sender cannot be put into a mail header."""


def sender() -> tuple[str, list[str]]:
    """From and Reply-To of the hub's mail (HubSettings, else DEFAULT_FROM_EMAIL)."""
    hub = rendering.hub_details()
    if hub and hub.newsletter_sender_email:
        name = hub.newsletter_sender_name or hub.organisation_name
        from_email = formataddr((name, hub.newsletter_sender_email))
    else:
        from_email = settings.DEFAULT_FROM_EMAIL
    reply_to = [hub.newsletter_reply_to] if hub and hub.newsletter_reply_to else []
    for value in [from_email, *reply_to]:
        if "\n" in value or "\r" in value:
            raise BadSender("The sender name or address contains a line break.")
    return from_email, reply_to


LIST_HEADERS = {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
# Errors of the message itself (template, header, encoding): no retry can help.
MESSAGE_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    LookupError,
    UnicodeError,
    TemplateDoesNotExist,
    TemplateSyntaxError,
)


def deliver(mailing: Mailing, token: str, rows: list[Delivery]) -> transport.Outcome:
    """Render and send the claimed ``rows`` (one ESP call per language where it can).

    A rendering or header error fails the rows of that language permanently (they
    never reached the ESP); it never leaves a row ``sending``.
    """
    outcome = transport.Outcome()
    try:
        from_email, reply_to = sender()
    except MESSAGE_ERRORS as error:
        for row in rows:
            outcome.failed[row.pk] = (transport.PERMANENT, transport.describe(error))
        return outcome
    url = rendering.base_url()
    mtype = mailing.type
    headers = LIST_HEADERS if mtype.can_stop else {}
    by_language: dict[str, list[Delivery]] = defaultdict(list)
    for row in rows:
        by_language[row.language].append(row)
    for language, group in by_language.items():
        try:
            rendered, files = rendered_for(mailing, language)
            recipients = [
                transport.Recipient(
                    row.pk,
                    row.email,
                    rendering.recipient_values(mailing, row, language, url),
                    attachments=own_attachments(mailing, row),
                )
                for row in group
            ]
            part = transport.send(
                rendered,
                recipients,
                from_email=from_email,
                reply_to=reply_to,
                headers=headers,
                attachments=files,
                unsubscribe=mtype.can_stop,
            )
        except MESSAGE_ERRORS as error:
            logger.exception("Mailing %s could not be rendered or sent", mailing.pk)
            part = transport.Outcome()
            for row in group:
                part.failed[row.pk] = (transport.PERMANENT, transport.describe(error))
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
