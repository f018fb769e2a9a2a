"""The email engine: every mail of the hub goes through here.

Producers register a :class:`~.messages.MessageType` and call :func:`send` with
recipients (rows at once) or an :class:`~.messages.Audience` (expanded in chunks when
sending starts). The mailing row is the outbox: its start is published to Celery on
commit without ever failing the caller, and the periodic :func:`start_due_mailings`
starts whatever should have started (drafts included). Each batch task claims,
renders, sends and records its rows. Exactly one message per recipient and mailing,
whatever crashes: a row is claimed by one worker only, and a row that might have
reached the ESP is never resent blindly (it becomes ``unknown`` until
:func:`reconcile_unknown` asks the ESP).
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

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from engagement_hub.core.conf import hub_settings

from . import outbox, rendering, transport
from .messages import (
    NEWSLETTER,
    Attachment,
    AttachmentRequest,
    Audience,
    MessageType,
    Recipient,
    count_audience,
    get_audience,
    get_type,
    type_name,
)
from .models import Delivery, Mailing, OptOut, Subscriber, Suppression

logger = logging.getLogger(__name__)
Status = Delivery.Status
# Rows per INSERT while recipients are stored or an audience is expanded.
CHUNK = 2000


def send(
    message_type: MessageType | str,
    recipients: Iterable[Recipient] | Audience,
    context: dict | None = None,
    *,
    key: str | None = None,
    attachments: Iterable[Attachment] | None = None,
    page=None,
    send_at=None,
    created_by=None,
    is_test: bool = False,
) -> Mailing:
    """Send a message of a registered type; the one entry point for every producer.

    ``recipients`` is an iterable of :class:`Recipient` (stored as delivery rows now,
    in chunks) or an :class:`Audience` (expanded when sending starts). ``context``
    (JSON-serialisable) is shared by all recipients. ``key`` makes the call
    idempotent: a second call with the same key, from any process, returns the first
    mailing and sends nothing more. ``attachments`` go to every recipient in addition
    to those of the type. Sending starts after the caller's transaction commits, or
    at ``send_at``; a broker outage never fails the call (the outbox job starts it).
    """
    mtype = get_type(type_name(message_type))
    audience = recipients if isinstance(recipients, Audience) else None
    fields = {
        "message_type": mtype.name,
        "purpose": mtype.purpose,
        "template": mtype.template,
        "label": _label(mtype, dict(context or {}), page),
        "context": dict(context or {}),
        "audience": audience.name if audience else "",
        "audience_params": dict(audience.params) if audience else {},
        "attachments": [attachment.to_json() for attachment in attachments or ()],
        "page": page,
        "created_by": created_by,
        "send_at": send_at,
        "is_test": is_test,
        "status": Mailing.Status.SCHEDULED if send_at else Mailing.Status.DRAFT,
        "key": key or None,
    }
    if audience is not None:
        get_audience(audience.name)  # fail now, not in the worker
    with transaction.atomic():
        if key:
            existing = Mailing.objects.filter(key=key).first()
            if existing is not None:
                return existing
            try:
                with transaction.atomic():
                    mailing = Mailing.objects.create(**fields)
            except IntegrityError:
                # Another process won the race for this key.
                return Mailing.objects.get(key=key)
        else:
            mailing = Mailing.objects.create(**fields)
        if audience is None:
            add_recipients(mailing, recipients)
    if send_at is None:
        start(mailing.pk)
    return mailing


def _label(mtype: MessageType, context: dict, page) -> str:
    """What the mailing is about, for the admin (the type's ``label`` function, or
    the page's title); cut to the column's length."""
    label = mtype.label(context, page) if mtype.label else (page.title if page else "")
    return str(label or "")[: Mailing._meta.get_field("label").max_length]


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


def start(mailing_id: int) -> None:
    """Publish the start of a mailing after the current transaction commits.

    Never raises and never waits long for the broker: if it is down, the mailing
    stays a draft and :func:`start_due_mailings` starts it."""
    from .tasks import expand_mailing

    outbox.enqueue(expand_mailing, mailing_id)


def expand(mailing_id: int) -> int:
    """Create the mailing's deliveries (audience: in chunks), skip the addresses
    without consent, and enqueue the batches; all in one transaction.

    Idempotent: a second run finds the mailing started and does nothing. Returns the
    number of deliveries enqueued.
    """
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update()
            .filter(pk=mailing_id, status__in=_startable())
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


def _startable() -> list[str]:
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
    from .tasks import send_batch

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


def sweep(*, lease: timedelta | None = None, stale: timedelta | None = None) -> dict:
    """Repair what crashes left behind; safe to run any time, as often as wanted.

    Contract: a row that never reached the ESP is sent again; a row that might have
    reached it (handed over, no answer saved) becomes ``unknown``, and is settled by
    :func:`reconcile_unknown` where the ESP can be asked.
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
    reconciled = reconcile_unknown()
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
        **reconciled,
    }


def reconcile_unknown(*, settle: timedelta | None = None, limit: int = 500) -> dict:
    """Ask the ESP about deliveries of unknown fate (where it can be asked: Mailgun's
    events API). Found accepted -> ``sent`` with its message id; provably never
    accepted (the ESP's log covers the time since hand-over plus ``settle``) ->
    queued again. Without a way to ask, the rows stay ``unknown`` for an operator."""
    settle = hub_settings.MAIL_RECONCILE_AFTER if settle is None else settle
    cutoff = timezone.now() - settle
    rows = list(
        Delivery.objects.filter(
            status=Status.UNKNOWN, handed_over_at__lt=cutoff
        ).order_by("pk")[:limit]
    )
    result = {"reconciled_sent": 0, "reconciled_resent": 0}
    if not rows:
        return result
    found = transport.lookup_accepted(rows)
    if found is None:
        return result
    resend: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row.pk not in found:
            continue  # the ESP could not tell: ask again next time
        message_id = found[row.pk]
        if message_id is not None:
            result["reconciled_sent"] += Delivery.objects.filter(
                pk=row.pk, status=Status.UNKNOWN
            ).update(
                status=Status.SENT,
                esp_message_id=message_id[:255],
                sent_at=row.handed_over_at,
                last_error="",
            )
        else:
            resend[row.mailing_id].append(row.pk)
    for mailing_id, ids in resend.items():
        with transaction.atomic():
            count = Delivery.objects.filter(pk__in=ids, status=Status.UNKNOWN).update(
                status=Status.QUEUED,
                enqueued_at=None,
                claim="",
                handed_over_at=None,
                last_error="The ESP never accepted it; sent again.",
            )
            Mailing.objects.filter(pk=mailing_id).update(
                status=Mailing.Status.SENDING, finished_at=None
            )
            enqueue_queued(mailing_id, stale_before=None)
        result["reconciled_resent"] += count
    return result


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


def start_due_mailings(*, grace: timedelta | None = None) -> int:
    """The outbox job: start every mailing that should have started, once.

    Scheduled mailings whose time has come, and drafts older than ``grace``
    (MAIL_OUTBOX_GRACE; their start was published on commit, unless the broker
    was down). Runs the expansion here, in the worker that runs this job, so a
    lost start message cannot lose the mailing. Returns how many were started."""
    grace = hub_settings.MAIL_OUTBOX_GRACE if grace is None else grace
    now = timezone.now()
    due = list(
        Mailing.objects.filter(
            Q(status=Mailing.Status.SCHEDULED, send_at__lte=now)
            | Q(status=Mailing.Status.DRAFT, created_at__lte=now - grace)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    started = 0
    for mailing_id in due:
        if (
            expand(mailing_id)
            or Mailing.objects.filter(
                pk=mailing_id, status=Mailing.Status.SENDING
            ).exists()
        ):
            started += 1
        finish_if_complete(mailing_id)
    return started


def progress(mailing: Mailing) -> dict:
    """Counts per delivery status for the admin's progress bar, and ``summary``, a
    sentence in the active language ("0 of 1,234 done, 1,234 waiting").

    A mailing to an audience has no deliveries until a worker expands it; until
    then the total is the audience's count (``expected``), so the track is there
    from the first second instead of "total 0"."""
    counts = dict(
        Delivery.objects.filter(mailing=mailing)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    open_ = sum(counts.get(status, 0) for status in Delivery.OPEN)
    expected = False
    if not total and mailing.audience and mailing.status in _startable():
        by_language = count_audience(mailing.audience, mailing.audience_params)
        if by_language is not None:
            total = open_ = sum(by_language.values())
            expected = True
    data = {
        "status": mailing.status,
        "status_label": str(mailing.get_status_display()),
        "total": total,
        "queued": open_,
        "finished": total - open_,
        "sent": counts.get(Status.SENT, 0),
        "failed": counts.get(Status.FAILED, 0),
        "skipped": counts.get(Status.SKIPPED, 0),
        "unknown": counts.get(Status.UNKNOWN, 0),
        "expected": expected,
        "done": mailing.status == Mailing.Status.DONE,
    }
    data["summary"] = progress_summary(data)
    return data


def progress_summary(data: dict) -> str:
    """One sentence for the progress bar's text, numbers grouped as the language
    writes them (1.234 in German)."""

    def n(value: int) -> str:
        return number_format(value, force_grouping=True)

    if data["status"] == Mailing.Status.DONE:
        return _("Done: %(sent)s of %(total)s sent.") % {
            "sent": n(data["sent"]),
            "total": n(data["total"]),
        }
    return _("%(finished)s of %(total)s done, %(queued)s waiting.") % {
        "finished": n(data["finished"]),
        "total": n(data["total"]),
        "queued": n(data["queued"]),
    }
