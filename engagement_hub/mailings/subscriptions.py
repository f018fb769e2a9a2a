"""Newsletter subscriptions: double opt-in with proof of consent, preferences,
one-click unsubscribe, expiry of unconfirmed sign-ups.

Responses never reveal whether an address is known: :func:`request_subscription`
behaves the same for new, pending and subscribed addresses from the outside.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.conf import hub_settings

from . import rendering, tokens
from .models import Consent, Mailing, Subscriber, Suppression, Topic
from .services import AudienceMember, Message, create_mailing

CONFIRMATION_TEMPLATE = "engagement_hub/mailings/email/confirmation"
CONSENT_TEXT = _(
    "I would like to receive the newsletter of the engagement hub by email. I can "
    "unsubscribe at any time with the link in every newsletter. My address is used "
    "only for this newsletter."
)


def consent_text(language: str) -> str:
    with translation.override(language):
        return str(CONSENT_TEXT)


def request_subscription(
    email: str,
    language: str,
    topics: list[Topic],
    *,
    source_url: str = "",
    ip: str | None = None,
) -> None:
    """Record a sign-up and send the confirmation mail (unless already subscribed)."""
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language}
        )
        if subscriber.status == Subscriber.Status.SUBSCRIBED:
            return
        subscriber.status = Subscriber.Status.PENDING
        subscriber.language = language
        subscriber.save(update_fields=["status", "language"])
        subscriber.topics.set(topics)
        consent = Consent.objects.create(
            subscriber=subscriber,
            text_version=hub_settings.NEWSLETTER_CONSENT_VERSION,
            text=consent_text(language),
            language=language,
            source_url=source_url[:500],
            requested_ip=ip,
        )
        _send_confirmation(subscriber, consent)


def _send_confirmation(subscriber: Subscriber, consent: Consent) -> None:
    token = tokens.make(tokens.CONFIRM_SALT, s=subscriber.pk, c=consent.pk)
    with translation.override(subscriber.language):
        url = rendering.base_url() + reverse(
            "engagement_hub_mailings:confirm", args=[token]
        )
        reason = gettext(
            "You get this email because someone entered your address to subscribe "
            "to our newsletter. If that was not you, ignore it: without your "
            "confirmation you will get no newsletter."
        )
    create_mailing(
        [
            AudienceMember(
                email=subscriber.email,
                language=subscriber.language,
                subscriber_id=subscriber.pk,
                context={"confirm_url": url},
            )
        ],
        Message(template=CONFIRMATION_TEMPLATE),
        kind=Mailing.Kind.TRANSACTIONAL,
        reason=reason,
    )


def subscriber_for_confirmation(token: str) -> tuple[Subscriber, Consent]:
    """The sign-up a confirmation token belongs to; raises tokens.InvalidToken."""
    payload = tokens.read(
        tokens.CONFIRM_SALT, token, max_age=hub_settings.NEWSLETTER_CONFIRM_MAX_AGE
    )
    consent = (
        Consent.objects.select_related("subscriber")
        .filter(pk=payload.get("c"), subscriber_id=payload.get("s"))
        .first()
    )
    if consent is None:
        raise tokens.InvalidToken
    return consent.subscriber, consent


def confirm(token: str, ip: str | None = None) -> Subscriber:
    """Confirm a sign-up (POST only); repeated confirmation changes nothing."""
    subscriber, consent = subscriber_for_confirmation(token)
    now = timezone.now()
    with transaction.atomic():
        if consent.confirmed_at is None:
            Consent.objects.filter(pk=consent.pk).update(
                confirmed_at=now, confirmed_ip=ip
            )
        if subscriber.status != Subscriber.Status.SUBSCRIBED:
            subscriber.status = Subscriber.Status.SUBSCRIBED
            subscriber.confirmed_at = now
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_for(token: str, salt: str) -> Subscriber | None:
    """The subscriber a preferences/unsubscribe token names; raises InvalidToken."""
    payload = tokens.read(salt, token)
    if "s" in payload:
        subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
        if subscriber is None:
            raise tokens.InvalidToken
        return subscriber
    if "e" in payload:
        return None
    raise tokens.InvalidToken


def unsubscribe(token: str) -> None:
    """One-click unsubscribe. A subscriber token ends the subscription; an address
    token (mail to a non-subscriber) opts the address out of all hub mail."""
    payload = tokens.read(tokens.UNSUBSCRIBE_SALT, token)
    subscriber = subscriber_for(token, tokens.UNSUBSCRIBE_SALT)
    if subscriber is not None:
        Subscriber.objects.filter(pk=subscriber.pk).exclude(
            status=Subscriber.Status.UNSUBSCRIBED
        ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        return
    Suppression.objects.get_or_create(
        email=str(payload["e"]).lower(),
        defaults={"reason": Suppression.Reason.OPTED_OUT},
    )


def update_preferences(
    subscriber: Subscriber, language: str, topics: list[Topic]
) -> None:
    """Change language and topics of a subscription."""
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    subscriber.topics.set(topics)


def expire_pending() -> int:
    """Delete sign-ups never confirmed within NEWSLETTER_CONFIRM_MAX_AGE (their
    links no longer work). Idempotent; returns the number deleted."""
    cutoff = timezone.now() - hub_settings.NEWSLETTER_CONFIRM_MAX_AGE
    stale = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING,
        created_at__lt=cutoff,
        confirmed_at__isnull=True,
    ).exclude(consents__requested_at__gte=cutoff)
    ids = list(stale.values_list("pk", flat=True))
    Subscriber.objects.filter(pk__in=ids).delete()
    return len(ids)
