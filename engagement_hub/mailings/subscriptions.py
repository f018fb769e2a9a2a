"""Newsletter subscriptions: double opt-in with proof of consent, preferences,
one-click unsubscribe, expiry of unconfirmed sign-ups.

Responses never reveal whether an address is known: :func:`request_subscription`
behaves the same for new, pending and subscribed addresses from the outside.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.conf import hub_settings

from . import rendering, tokens
from .messages import TRANSACTIONAL, MessageType, Recipient, register
from .models import Consent, OptOut, Subscriber, Topic
from .services import send

CONFIRMATION_TEMPLATE = "engagement_hub/mailings/email/confirmation"
CONSENT_TEXT = _(
    "I would like to receive the newsletter of the engagement hub by email. I can "
    "unsubscribe at any time with the link in every newsletter. My address is used "
    "only for this newsletter."
)

CONFIRMATION = register(
    MessageType(
        name="mailings.confirmation",
        title=_("Confirmation of a newsletter sign-up"),
        template=CONFIRMATION_TEMPLATE,
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this email because someone entered your address to subscribe "
            "to our newsletter. If that was not you, ignore it: without your "
            "confirmation you will get no newsletter."
        ),
    )
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
    """Record a sign-up request and send its confirmation mail.

    Every branch (new, pending, subscribed, unsubscribed address) does the same
    work, so neither the answer nor its timing tells whether an address is known:
    the subscriber row is upserted, a consent request stored (with the chosen
    topics, applied only on confirmation) and a confirmation mail sent. A confirmed
    subscription stays as it is until the new request is confirmed.
    """
    email = email.strip().lower()
    topic_keys = sorted({str(topic.translation_key) for topic in topics})
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [Subscriber(email=email, language=language)], ignore_conflicts=True
        )
        subscriber = Subscriber.objects.select_for_update().get(email=email)
        subscribed = subscriber.status == Subscriber.Status.SUBSCRIBED
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=subscriber.status if subscribed else Subscriber.Status.PENDING,
            language=subscriber.language if subscribed else language,
        )
        consent = Consent.objects.create(
            subscriber=subscriber,
            text_version=hub_settings.NEWSLETTER_CONSENT_VERSION,
            text=consent_text(language),
            language=language,
            source_url=source_url[:500],
            requested_ip=ip,
            topics=topic_keys,
        )
        _send_confirmation(subscriber, consent, language)


def _send_confirmation(subscriber: Subscriber, consent: Consent, language: str) -> None:
    token = tokens.make(tokens.CONFIRM_SALT, s=subscriber.pk, c=consent.pk)
    with translation.override(language):
        url = rendering.base_url() + reverse(
            "engagement_hub_mailings:confirm", args=[token]
        )
    send(
        CONFIRMATION,
        [
            Recipient(
                email=subscriber.email,
                language=language,
                subscriber_id=subscriber.pk,
                context={"confirm_url": url},
            )
        ],
    )


def subscriber_for_confirmation(token: str) -> tuple[Subscriber, Consent]:
    """The sign-up a confirmation token belongs to; raises tokens.InvalidToken.

    A token works once: not after its consent was confirmed, not for an older
    request than the latest one, not after the subscription ended later."""
    payload = tokens.read(
        tokens.CONFIRM_SALT, token, max_age=hub_settings.NEWSLETTER_CONFIRM_MAX_AGE
    )
    consent = (
        Consent.objects.select_related("subscriber")
        .filter(pk=payload.get("c"), subscriber_id=payload.get("s"))
        .first()
    )
    if consent is None or consent.confirmed_at is not None:
        raise tokens.InvalidToken
    subscriber = consent.subscriber
    # The latest request of the same consent text: other purposes' consent records
    # (funding alerts) of the same address do not void a newsletter confirmation.
    latest = (
        Consent.objects.filter(subscriber=subscriber, text_version=consent.text_version)
        .order_by("-pk")
        .first()
    )
    if latest is None or latest.pk != consent.pk:
        raise tokens.InvalidToken
    ended = subscriber.unsubscribed_at
    if ended and ended >= consent.requested_at:
        raise tokens.InvalidToken
    return subscriber, consent


def confirm(token: str, ip: str | None = None) -> Subscriber:
    """Confirm a sign-up (POST only); applies the request's topics. Raises
    tokens.InvalidToken for a used token (a second, concurrent POST included)."""
    subscriber, consent = subscriber_for_confirmation(token)
    now = timezone.now()
    with transaction.atomic():
        used = Consent.objects.filter(pk=consent.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirmed_ip=ip
        )
        if not used:
            raise tokens.InvalidToken
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.language = consent.language or subscriber.language
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.save(
            update_fields=["status", "language", "confirmed_at", "unsubscribed_at"]
        )
        # One translation per topic (the audience matches them by translation key).
        subscriber.topics.set(
            Topic.objects.filter(
                translation_key__in=consent.topics or [],
                locale__language_code=consent.language,
            )
        )
    return subscriber


def subscriber_for(token: str, salt: str) -> Subscriber | None:
    """The subscriber a preferences/unsubscribe token names; raises InvalidToken."""
    payload = tokens.read(salt, token)
    if "s" in payload:
        subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
        if subscriber is None:
            raise tokens.InvalidToken
        return subscriber
    if "e" in payload or "y" in payload:
        return None
    raise tokens.InvalidToken


def unsubscribe(token: str) -> None:
    """One-click unsubscribe. A subscriber token ends the newsletter subscription;
    a purpose token withdraws consent for that purpose only, for the address or for
    the party (a club) it names. Transactional mail is never stopped by this."""
    payload = tokens.read(tokens.UNSUBSCRIBE_SALT, token)
    subscriber = subscriber_for(token, tokens.UNSUBSCRIBE_SALT)
    if subscriber is not None:
        Subscriber.objects.filter(pk=subscriber.pk).exclude(
            status=Subscriber.Status.UNSUBSCRIBED
        ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        return
    purpose = str(payload.get("p") or OptOut.ALL)
    key = str(payload.get("y") or payload.get("e", "")).lower()
    if not key:
        raise tokens.InvalidToken
    OptOut.objects.get_or_create(key=key[:254], purpose=purpose[:30])


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
