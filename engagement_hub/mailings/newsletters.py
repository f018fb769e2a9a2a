"""Sending newsletter issues (NewsletterPage) through the engine: the newsletter's
message type and its audience (confirmed subscribers of some topics)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .messages import NEWSLETTER, Audience, MessageType, Recipient, register
from .messages import register_audience as _register_audience
from .models import Mailing, NewsletterPage, Subscriber
from .services import send

TEMPLATE = "engagement_hub/mailings/email/newsletter"
AUDIENCE = "mailings.subscribers"

NEWSLETTER_ISSUE = register(
    MessageType(
        name="mailings.newsletter",
        template=TEMPLATE,
        purpose=NEWSLETTER,
        reason=_(
            "You get this newsletter because you subscribed to it and confirmed your "
            "address."
        ),
    )
)


def subscribers(params: dict) -> Iterator[Recipient]:
    """Confirmed subscribers who chose one of ``params["topics"]`` (topic
    translation keys) or chose no topic; all of them without topics. Streamed."""
    rows = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)
    topic_keys = params.get("topics") or []
    if topic_keys:
        rows = rows.filter(
            Q(topics__translation_key__in=topic_keys) | Q(topics__isnull=True)
        ).distinct()
    values = rows.order_by("pk").values_list("pk", "email", "language")
    for pk, email, language in values.iterator(chunk_size=2000):
        yield Recipient(email=email, language=language, subscriber_id=pk)


_register_audience(AUDIENCE, subscribers)


def send_issue(
    page: NewsletterPage, *, topic_keys: list[str], user=None, send_at=None
) -> Mailing:
    """Send ``page`` (its translation in each subscriber's language, German where
    there is none) to the confirmed subscribers of ``topic_keys`` (all when empty),
    now or at ``send_at``."""
    source = page.get_translation_or_none(page.locale.get_default()) or page
    return send(
        NEWSLETTER_ISSUE,
        Audience(AUDIENCE, {"topics": list(topic_keys)}),
        page=source,
        created_by=user,
        send_at=send_at,
    )


def send_test(page: NewsletterPage, user) -> Mailing:
    """Send ``page`` to the editor only, in the page's language."""
    return send(
        NEWSLETTER_ISSUE,
        [Recipient(email=user.email, language=page.locale.language_code)],
        page=page,
        created_by=user,
        is_test=True,
    )
