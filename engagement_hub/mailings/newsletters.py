"""Sending newsletter issues (NewsletterPage) through the engine: the newsletter's
audience (confirmed subscribers of some topics) and what the send form shows.
The message type itself, ``NEWSLETTER_ISSUE``, is defined in :mod:`.mail`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale

from .mail import NEWSLETTER_ISSUE
from .messages import Audience, Recipient
from .messages import register_audience as _register_audience
from .models import Mailing, NewsletterPage, Subscriber
from .services import send

AUDIENCE = "mailings.subscribers"


def subscribers(params: dict) -> Iterator[Recipient]:
    """Confirmed subscribers who chose one of ``params["topics"]`` (topic
    translation keys) or chose no topic; all of them without topics. Streamed."""
    values = (
        Subscriber.objects.receiving(params.get("topics") or [])
        .order_by("pk")
        .values_list("pk", "email", "language")
    )
    for pk, email, language in values.iterator(chunk_size=2000):
        yield Recipient(email=email, language=language, subscriber_id=pk)


def count_subscribers(params: dict) -> dict[str, int]:
    """How many of :func:`subscribers` there are per language (one query)."""
    return Subscriber.objects.receiving(params.get("topics") or []).count_per_language()


_register_audience(AUDIENCE, subscribers, count_subscribers)


def send_issue(
    page: NewsletterPage, *, topic_keys: list[str], user=None, send_at=None
) -> Mailing:
    """Send ``page`` (its translation in each subscriber's language, German where
    there is none) to the confirmed subscribers of ``topic_keys`` (all when empty),
    now or at ``send_at``."""
    source = source_issue(page)
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


# -- what the send form tells the editor ------------------------------------------


@dataclass(frozen=True)
class LanguageStatus:
    """One language of an issue as the send form shows it: how many subscribers
    read it, in what state its translation is and what they will get.

    ``state`` is ``"source"`` (the issue's own language), ``"current"``,
    ``"missing"``, ``"unpublished"``, ``"outdated"`` (the source was published
    again after the translation was last synchronised) or ``"incomplete"``."""

    language: str
    name: str
    recipients: int
    state: str
    page: NewsletterPage | None = None
    changed_at: object = None
    segments: tuple[int, int] | None = None
    # wagtail-localize's TranslationSource of the issue (its "sync" view).
    source_id: int | None = None

    @property
    def warning(self) -> bool:
        return self.recipients > 0 and self.state not in ("source", "current")


def source_issue(page: NewsletterPage) -> NewsletterPage:
    """The issue in the default language (the one that is sent and translated)."""
    source = page.get_translation_or_none(Locale.get_default())
    return (source or page).specific


def recipient_counts(topic_keys: list[str]) -> dict[str, int]:
    """Confirmed subscribers of ``topic_keys`` (all without) per language."""
    return count_subscribers({"topics": list(topic_keys)})


def language_statuses(
    page: NewsletterPage, counts: dict[str, int]
) -> list[LanguageStatus]:
    """Per content language: recipients and the translation's state (a few queries
    per language, whatever the number of subscribers)."""
    source = source_issue(page)
    names = dict(settings.LANGUAGES)
    result = [
        LanguageStatus(
            source.locale.language_code,
            str(names.get(source.locale.language_code, source.locale.language_code)),
            counts.get(source.locale.language_code, 0),
            "source",
            page=source,
        )
    ]
    for locale in Locale.objects.exclude(pk=source.locale_id).order_by("pk"):
        code = locale.language_code
        result.append(
            _translation_status(
                source, locale, str(names.get(code, code)), counts.get(code, 0)
            )
        )
    return result


def _translation_status(source, locale, name: str, recipients: int) -> LanguageStatus:
    from wagtail_localize.models import Translation, TranslationSource

    translated = source.get_translation_or_none(locale)
    if translated is None:
        return LanguageStatus(locale.language_code, name, recipients, "missing")
    translated = translated.specific
    if not translated.live:
        return LanguageStatus(
            locale.language_code, name, recipients, "unpublished", page=translated
        )
    origin = TranslationSource.objects.get_for_instance_or_none(source)
    if origin is not None and source.last_published_at is not None:
        if source.last_published_at > origin.last_updated_at:
            return LanguageStatus(
                locale.language_code,
                name,
                recipients,
                "outdated",
                page=translated,
                changed_at=source.last_published_at,
                source_id=origin.pk,
            )
        translation = Translation.objects.filter(
            source=origin, target_locale=locale
        ).first()
        if translation is not None:
            total, done = translation.get_progress()
            if done < total:
                return LanguageStatus(
                    locale.language_code,
                    name,
                    recipients,
                    "incomplete",
                    page=translated,
                    segments=(done, total),
                )
    return LanguageStatus(
        locale.language_code, name, recipients, "current", page=translated
    )
