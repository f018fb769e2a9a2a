"""The email engine: every mail of the hub goes through here.

Producers register a :class:`~.messages.MessageType` and call :func:`send` with
recipients (rows at once) or an :class:`~.messages.Audience` (expanded in chunks when
sending starts). The mailing row is the outbox: its start is published to Celery on
commit without ever failing the caller, and the periodic :func:`start_due_mailings`
starts whatever should have started (drafts included). The deliveries are sent by
the tasks of :mod:`.delivery`: each batch task claims, renders, sends and records
its rows. Exactly one message per recipient and mailing, whatever crashes: a row is
claimed by one worker only, and a row that might have reached the ESP is never
resent blindly (it becomes ``unknown`` until :func:`reconcile_unknown` asks the
ESP). Here: sending, the repairs after crashes, and a mailing's progress.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from engagement_hub.core.conf import hub_settings

from . import outbox, transport
from .delivery import (
    add_recipients,
    enqueue_queued,
    expand,
    expand_mailing,
    finish_if_complete,
    startable,
)
from .messages import (
    Attachment,
    Audience,
    MessageType,
    Recipient,
    count_audience,
    get_audience,
    get_type,
    type_name,
)
from .models import Delivery, Mailing

Status = Delivery.Status


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


def start(mailing_id: int) -> None:
    """Publish the start of a mailing after the current transaction commits.

    Never raises and never waits long for the broker: if it is down, the mailing
    stays a draft and :func:`start_due_mailings` starts it."""
    outbox.enqueue(expand_mailing, mailing_id)


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
    if not total and mailing.audience and mailing.status in startable():
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
