"""Rendering mails: once per mailing and language, personalised by placeholders.

Each message is a template set ``<template>_subject.txt``, ``<template>.txt`` and
``<template>.html`` rendered from one context inside ``translation.override``. Values
that differ per recipient (unsubscribe link, confirmation link) are rendered as
``%recipient.<key>%`` placeholders: Mailgun fills them itself (batch sending with
merge_data); for every other backend :func:`personalise` fills them locally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.models import HubSettings

from . import tokens

PLACEHOLDER = re.compile(r"%recipient\.([A-Za-z0-9_]+)%")
HTML_SUFFIX = "_h"
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


class Placeholders(dict):
    """Template-side stand-in for per-recipient values: ``{{ recipient.key }}``."""

    def __init__(self, suffix: str = ""):
        super().__init__()
        self.suffix = suffix

    def __missing__(self, key: str) -> str:
        return f"%recipient.{key}{self.suffix}%"


def base_url() -> str:
    """Scheme and host for links in mail, without a trailing slash."""
    if hub_settings.MAIL_BASE_URL:
        return hub_settings.MAIL_BASE_URL.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.hostname not in ("", "localhost"):
        return site.root_url.rstrip("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "http://localhost").rstrip("/")


def localized_page(page: Page | None, language: str) -> Page | None:
    """The live translation of ``page`` in ``language``; the page itself otherwise."""
    if page is None:
        return None
    page = page.specific
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and locale.pk != page.locale_id:
        translation_ = page.get_translation_or_none(locale)
        if translation_ is not None and translation_.live:
            return translation_.specific
    return page


def hub_details() -> HubSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    return HubSettings.for_site(site) if site is not None else None


def build_context(mailing, language: str, *, html: bool) -> dict:
    """The one context the subject, text and HTML parts share."""
    url = base_url()
    hub = hub_details()
    imprint = hub.imprint_page.localized if hub and hub.imprint_page else None
    page = localized_page(mailing.page, language)
    mtype = mailing.type
    return {
        **mailing.context,
        "mailing": mailing,
        "page": page,
        "hub": hub,
        "imprint_url": f"{url}{imprint.url}" if imprint and imprint.url else "",
        "base_url": url,
        # The type's lazy reason, rendered in this message's language.
        "reason": str(mtype.reason),
        "can_stop": mtype.can_stop,
        "recipient": Placeholders(HTML_SUFFIX if html else ""),
        "language": language,
        "test_notice": mailing.is_test,
    }


def render_message(mailing, language: str) -> RenderedMessage:
    """Subject, text and inlined HTML of ``mailing`` in ``language`` (placeholders)."""
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        text_context = build_context(mailing, language, html=False)
        subject = render_to_string(f"{mailing.template}_subject.txt", text_context)
        text = render_to_string(f"{mailing.template}.txt", text_context)
        html_context = build_context(mailing, language, html=True)
        html = render_to_string(f"{mailing.template}.html", html_context)
    return RenderedMessage(
        subject=" ".join(subject.split()),
        text=text.strip() + "\n",
        html=_INLINER.inline(html),
    )


def in_language(language: str, function, *args):
    """Call ``function`` with ``language`` active (lazy strings, dates, pages)."""
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        return function(*args)


def unsubscribe_token(mailing, delivery) -> str:
    """The token of the link that stops this mail: the newsletter subscription of a
    subscriber, else the purpose for the recipient's party or address."""
    if mailing.purpose == "newsletter" and delivery.subscriber_id:
        return tokens.make(tokens.UNSUBSCRIBE_SALT, s=delivery.subscriber_id)
    if delivery.party:
        return tokens.make(tokens.UNSUBSCRIBE_SALT, y=delivery.party, p=mailing.purpose)
    return tokens.make(tokens.UNSUBSCRIBE_SALT, e=delivery.email, p=mailing.purpose)


TOKEN_SLOT = "TOKEN-SLOT"  # noqa: S105 (a placeholder, not a secret)


def _link(name: str, language: str, url: str, token: str) -> str:
    """``url`` + the path of ``name`` with ``token``; the path is reversed once per
    language and batch (reverse() per recipient dominated the send time)."""
    key = (name, language, url)
    template = _LINKS.get(key)
    if template is None:
        with translation.override(language):
            template = url + reverse(name, args=[TOKEN_SLOT])
        if len(_LINKS) > 64:
            _LINKS.clear()
        _LINKS[key] = template
    return template.replace(TOKEN_SLOT, token)


_LINKS: dict[tuple, str] = {}


def recipient_values(mailing, delivery, language: str, url: str) -> dict[str, str]:
    """Per-recipient merge values (plain and HTML-escaped) for ``delivery``."""
    values = {str(key): str(value) for key, value in (delivery.context or {}).items()}
    if mailing.type.can_stop:
        values["unsubscribe_url"] = _link(
            "engagement_hub_mailings:unsubscribe",
            language,
            url,
            unsubscribe_token(mailing, delivery),
        )
    if delivery.subscriber_id:
        preferences = tokens.make(tokens.PREFERENCES_SALT, s=delivery.subscriber_id)
        values["preferences_url"] = _link(
            "engagement_hub_mailings:preferences", language, url, preferences
        )
    if "preferences_url" not in values and "unsubscribe_url" in values:
        values["preferences_url"] = values["unsubscribe_url"]
    values.update(
        {key + HTML_SUFFIX: escape(value) for key, value in list(values.items())}
    )
    return values


def personalise(rendered: RenderedMessage, values: dict[str, str]) -> RenderedMessage:
    """Fill the placeholders locally (for backends without merge_data)."""

    def fill(match: re.Match) -> str:
        return values.get(match.group(1), "")

    return RenderedMessage(
        subject=PLACEHOLDER.sub(fill, rendered.subject),
        text=PLACEHOLDER.sub(fill, rendered.text),
        html=PLACEHOLDER.sub(fill, rendered.html),
    )


def preview_html(mailing, language: str) -> str:
    """``mailing`` (an unsaved one will do) as the HTML mail a recipient in
    ``language`` gets; its personal links point at the sign-up page."""
    rendered = render_message(mailing, language)
    url = base_url()
    with translation.override(language):
        sample = url + reverse("engagement_hub_mailings:subscribe")
    return personalise(
        rendered,
        {"unsubscribe_url_h": sample, "preferences_url_h": sample},
    ).html
