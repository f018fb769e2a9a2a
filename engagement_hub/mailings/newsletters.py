"""Sending newsletter issues (NewsletterPage) through the engine."""

from __future__ import annotations

from .models import Mailing, NewsletterPage
from .services import AudienceMember, Message, create_mailing

TEMPLATE = "engagement_hub/mailings/email/newsletter"


def send_issue(
    page: NewsletterPage, *, topic_keys: list[str], user=None, send_at=None
) -> Mailing:
    """Send ``page`` (its translation in each subscriber's language, German where
    there is none) to the confirmed subscribers of ``topic_keys`` (all when empty),
    now or at ``send_at``."""
    source = page.get_translation_or_none(page.locale.get_default()) or page
    return create_mailing(
        None,
        Message(template=TEMPLATE, page_id=source.pk),
        kind=Mailing.Kind.NEWSLETTER,
        topics=topic_keys,
        created_by=user,
        send_at=send_at,
    )


def send_test(page: NewsletterPage, user) -> Mailing:
    """Send ``page`` to the editor only, in the page's language."""
    return create_mailing(
        [AudienceMember(email=user.email, language=page.locale.language_code)],
        Message(template=TEMPLATE, page_id=page.pk),
        kind=Mailing.Kind.NEWSLETTER,
        created_by=user,
        is_test=True,
    )
