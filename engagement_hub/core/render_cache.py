"""Rendered parts of pages that are not directory listings (the meetings calendar,
a meeting's page, a room's page, the funding calendar), cached the way the
directory engine and the page frame cache theirs.

A fragment is stored with the generation tokens it was rendered under
(``directory.cache``: the ``pages`` token that every publish, unpublish, move or
delete of a non-entry page renews, the model tokens that publishing a directory
entry renews, the ``terms`` token, and tokens a domain renews when its data
changes, e.g. an RSVP) and the moment it stops being true (the start of the next
date, midnight). Reading the fragment and the current tokens is one cache round
trip and no query.

Fragments are shared by every visitor, so they must not hold anything personal:
a form's CSRF token is rendered as ``CSRF_MARKER`` and put in per request
(``personalise``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .chrome_cache import PAGES
from .directory import cache as tokens

CSRF_MARKER = "EHCSRFMARKER0000000000000000000000000000000000000000000000000000"
MAX_SECONDS = 24 * 3600


def next_midnight() -> datetime:
    """The start of tomorrow in the site's time zone."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(
        datetime.combine(tomorrow, datetime.min.time()),
        timezone.get_current_timezone(),
    )


def cached(name: str, parts: tuple, compute, *, depends: tuple[str, ...] = ()):
    """``compute()`` returns ``(value, valid_until)`` (an aware datetime or None);
    the value is cached under the ``pages`` token, the tokens ``depends``, the
    active language and ``parts`` until ``valid_until``, at most until midnight
    (what is "today" changes then)."""
    names = [PAGES, *depends]
    language = translation.get_language() or ""
    digest = hashlib.sha256(repr(tuple(map(str, parts))).encode()).hexdigest()
    key = f"eh:render:{name}:{language}:{digest}"
    token_keys = [tokens.token_key(n) for n in names]
    found = cache.get_many([key, *token_keys])
    current = tuple(found.get(k) for k in token_keys)
    stored = found.get(key)
    now = timezone.now()
    if (
        stored is not None
        and None not in current
        and stored[0] == current
        and stored[1] > now.timestamp()
    ):
        return stored[2]
    current = tuple(tokens.tokens(names)[n] for n in names)
    value, valid_until = compute()
    until = next_midnight()
    if valid_until is not None and valid_until < until:
        until = valid_until
    seconds = int((until - now).total_seconds())
    if seconds > 0:
        cache.set(
            key,
            (current, until.timestamp(), value),
            timeout=min(seconds, MAX_SECONDS),
        )
    return value


def personalise(request, html: str) -> str:
    """The cached ``html`` with this visitor's CSRF token in its forms."""
    if CSRF_MARKER in html:
        html = html.replace(CSRF_MARKER, get_token(request))
    return mark_safe(html)  # noqa: S308 - rendered by our templates


def csrf_placeholder() -> dict:
    """Template context that makes ``{% csrf_token %}`` render the marker."""
    return {"csrf_token": CSRF_MARKER}
