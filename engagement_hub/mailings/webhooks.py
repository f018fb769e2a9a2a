"""ESP tracking webhooks (django-anymail): stored once per event id, applied by a task.

anymail checks the basic-auth WEBHOOK_SECRET (and the ESP's signature) before the
signal fires, so a rejected request writes nothing. The receiver only stores the
event and enqueues its processing (the task below): webhooks stay cheap and the
ESP's retries of the same event have one effect.
"""

from __future__ import annotations

import logging

from anymail.signals import AnymailTrackingEvent, tracking
from celery import shared_task
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import Delivery, Subscriber, Suppression, TrackingEvent

logger = logging.getLogger(__name__)

HANDLED = {"delivered", "bounced", "complained", "unsubscribed", "rejected"}
SUPPRESS = {
    "bounced": Suppression.Reason.BOUNCED,
    "rejected": Suppression.Reason.BOUNCED,
    "complained": Suppression.Reason.COMPLAINED,
}


@receiver(tracking, dispatch_uid="engagement_hub_mailings_tracking")
def store_tracking_event(sender, event: AnymailTrackingEvent, esp_name: str, **kwargs):
    """Store the event (once per event id) and queue its processing."""
    if event.event_type not in HANDLED:
        return
    _validate(event)
    event_id = event.event_id or _fallback_id(event)
    try:
        with transaction.atomic():
            stored = TrackingEvent.objects.create(
                esp_name=esp_name,
                event_id=event_id[:255],
                event_type=event.event_type,
                recipient=(event.recipient or "").lower()[:254],
                message_id=str(event.message_id or "")[:255],
                delivery_id=_delivery_id(event),
                occurred_at=event.timestamp,
                payload=_payload(event),
            )
    except IntegrityError:
        return  # the same event again: it had its effect already
    transaction.on_commit(lambda: process_tracking_event.delay(stored.pk))


def _validate(event: AnymailTrackingEvent) -> None:
    """Raise MalformedEvent (-> 400, stored) for fields no ESP sends."""
    from .webhook_urls import MalformedEvent

    if event.recipient is not None and not isinstance(event.recipient, str):
        raise MalformedEvent("recipient is not an address")
    if event.event_id is not None and not isinstance(event.event_id, str):
        raise MalformedEvent("event id is not a string")
    if event.message_id is not None and not isinstance(event.message_id, str):
        raise MalformedEvent("message id is not a string")
    if not isinstance(event.metadata or {}, dict):
        raise MalformedEvent("metadata is not an object")
    value = (event.metadata or {}).get("delivery")
    if value not in (None, ""):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise MalformedEvent("delivery id is not a number") from None
        if not 0 < number < 2**63:
            raise MalformedEvent("delivery id out of range")


def _fallback_id(event: AnymailTrackingEvent) -> str:
    stamp = event.timestamp.isoformat() if event.timestamp else ""
    return f"{event.event_type}:{event.message_id}:{event.recipient}:{stamp}"


def _delivery_id(event: AnymailTrackingEvent) -> int | None:
    value = (event.metadata or {}).get("delivery")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _payload(event: AnymailTrackingEvent) -> dict:
    """The few fields worth keeping (the raw ESP payload holds more personal data)."""
    return {
        "reject_reason": event.reject_reason,
        "description": (event.description or "")[:500],
        "mta_response": (event.mta_response or "")[:500],
    }


def process(event_pk: int) -> bool:
    """Apply a stored event once: update the delivery, suppress the address."""
    with transaction.atomic():
        event = (
            TrackingEvent.objects.select_for_update()
            .filter(pk=event_pk, processed_at__isnull=True)
            .first()
        )
        if event is None:
            return False
        _apply(event)
        event.processed_at = timezone.now()
        event.save(update_fields=["processed_at"])
    return True


@shared_task(name="engagement_hub.mailings.process_tracking_event")
def process_tracking_event(event_pk: int) -> bool:
    """Apply one stored webhook event (idempotent: processed events are skipped)."""
    return process(event_pk)


def _apply(event: TrackingEvent) -> None:
    deliveries = _deliveries(event)
    update = {
        "event": event.event_type,
        "event_at": event.occurred_at or timezone.now(),
    }
    if event.event_type == "delivered":
        # A delivery whose fate was unknown after a crash turns out to be sent.
        deliveries.filter(status=Delivery.Status.UNKNOWN).update(
            status=Delivery.Status.SENT
        )
    deliveries.update(**update)
    if event.recipient and event.event_type in SUPPRESS:
        Suppression.objects.get_or_create(
            email=event.recipient, defaults={"reason": SUPPRESS[event.event_type]}
        )
    if event.recipient and event.event_type == "unsubscribed":
        Subscriber.objects.filter(email=event.recipient).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )


def _deliveries(event: TrackingEvent):
    if event.delivery_id:
        return Delivery.objects.filter(pk=event.delivery_id, email=event.recipient)
    if event.message_id:
        return Delivery.objects.filter(
            esp_message_id=event.message_id, email=event.recipient
        )
    return Delivery.objects.none()
