"""Everything the mailings app stores about an email address: export, erasure and
retention (GDPR Art. 15, 17 and 5(1)(e))."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement_hub.core import legal, personal_data
from engagement_hub.core.conf import hub_settings

from .models import (
    Consent,
    Delivery,
    Mailing,
    OptOut,
    RejectedWebhook,
    Subscriber,
    Suppression,
    TrackingEvent,
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export(email: str) -> dict:
    """All data held about ``email``, as JSON-serialisable data."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    return {
        "email": email,
        "subscriber": _subscriber(subscriber) if subscriber else None,
        "deliveries": [
            {
                "mailing": delivery.mailing_id,
                "status": delivery.status,
                "language": delivery.language,
                "attempts": delivery.attempts,
                "sent_at": _iso(delivery.sent_at),
                "last_event": delivery.event,
                "last_event_at": _iso(delivery.event_at),
            }
            for delivery in Delivery.objects.filter(email=email).order_by("pk")
        ],
        "suppression": [
            {"reason": row.reason, "created_at": _iso(row.created_at)}
            for row in Suppression.objects.filter(email=email)
        ],
        "opt_outs": [
            {"purpose": row.purpose, "created_at": _iso(row.created_at)}
            for row in OptOut.objects.filter(key=email)
        ],
        "rejected_webhooks": [
            {"received_at": _iso(row.received_at), "body": row.body}
            for row in RejectedWebhook.objects.filter(body__icontains=email)
        ],
        "tracking_events": [
            {
                "type": row.event_type,
                "occurred_at": _iso(row.occurred_at),
                "details": row.payload,
            }
            for row in TrackingEvent.objects.filter(recipient=email).order_by("pk")
        ],
    }


def _subscriber(subscriber: Subscriber) -> dict:
    return {
        "status": subscriber.status,
        "language": subscriber.language,
        "topics": [topic.slug for topic in subscriber.topics.all()],
        "created_at": _iso(subscriber.created_at),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "consents": [
            {
                "text_version": consent.text_version,
                "text": consent.text,
                "language": consent.language,
                "source_url": consent.source_url,
                "requested_at": _iso(consent.requested_at),
                "requested_ip": consent.requested_ip,
                "confirmed_at": _iso(consent.confirmed_at),
                "confirmed_ip": consent.confirmed_ip,
            }
            for consent in Consent.objects.filter(subscriber=subscriber)
        ],
    }


def erase(email: str, *, keep_suppression: bool = False, **options) -> dict:
    """Delete everything stored for ``email``. With ``keep_suppression`` the address
    stays on the do-not-mail list (the one thing erasure must not undo when the
    person asked never to be mailed again). Returns counts per kind."""
    email = email.strip().lower()
    with transaction.atomic():
        counts = {
            "subscribers": Subscriber.objects.filter(email=email).delete()[0],
            "deliveries": Delivery.objects.filter(email=email).delete()[0],
            "tracking_events": TrackingEvent.objects.filter(recipient=email).delete()[
                0
            ],
            "rejected_webhooks": RejectedWebhook.objects.filter(
                body__icontains=email
            ).delete()[0],
            "opt_outs": OptOut.objects.filter(key=email).delete()[0],
        }
        if not keep_suppression:
            counts["suppressions"] = Suppression.objects.filter(email=email).delete()[0]
    return counts


def apply_retention() -> dict:
    """Delete delivery rows of finished mailings and webhook events older than their
    retention (MAIL_DELIVERY_RETENTION, MAIL_WEBHOOK_RETENTION). Idempotent."""
    now = timezone.now()
    delivery_cutoff = now - hub_settings.MAIL_DELIVERY_RETENTION
    deliveries = Delivery.objects.filter(
        mailing__status=Mailing.Status.DONE, mailing__finished_at__lt=delivery_cutoff
    ).delete()[0]
    events = TrackingEvent.objects.filter(
        received_at__lt=now - hub_settings.MAIL_WEBHOOK_RETENTION
    ).delete()[0]
    rejected = RejectedWebhook.objects.filter(
        received_at__lt=now - hub_settings.MAIL_WEBHOOK_RETENTION
    ).delete()[0]
    return {
        "deliveries": deliveries,
        "tracking_events": events,
        "rejected_webhooks": rejected,
    }


personal_data.register(
    "mailings",
    label=_("Newsletter and mail deliveries"),
    export=export,
    erase=erase,
    retention=apply_retention,
)


def data_kinds(hub) -> list[legal.DataKind]:
    """The newsletter's paragraph of the privacy policy."""
    return [
        legal.DataKind(
            "newsletter",
            gettext("Newsletter subscription and consent"),
            gettext(
                "Your email address, language and topics, when you signed up "
                "and confirmed, and the wording of the consent you gave."
            ),
            gettext(
                "To send you the newsletter you asked for and to prove your consent."
            ),
            gettext(
                "Art. 6(1)(a) GDPR (your consent, which you can withdraw at any time)."
            ),
            gettext(
                "Until you unsubscribe (a link in every newsletter). Sign-ups "
                "that are not confirmed are deleted after %(confirm)s; records "
                "of each mail sent to you after %(deliveries)s; the delivery "
                "reports of our mail service after %(webhooks)s."
            )
            % {
                "confirm": legal.days(hub_settings.NEWSLETTER_CONFIRM_MAX_AGE),
                "deliveries": legal.days(hub_settings.MAIL_DELIVERY_RETENTION),
                "webhooks": legal.days(hub_settings.MAIL_WEBHOOK_RETENTION),
            },
        )
    ]


legal.register_data_kinds("mailings", data_kinds, order=10)
