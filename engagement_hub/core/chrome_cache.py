"""A cache for what every page's frame shows (home page, main menu, legal links,
language alternates) and for the locales: a handful of queries per request
otherwise.

Everything is cached under one ``pages`` token that any publish, unpublish, move or
delete of a page the frame can show, and any change of the hub settings, of an
image (the logo) or of a locale, renews (at once and after the commit, see
``directory.cache.now_and_on_commit``); a page's language versions also under a
token of its translation key, which every change of one of its translations renews.

A page type the frame never shows (unless an editor puts a page of it in the menu)
says so with ``shown_in_frame = False``: directory entries, meetings, funding
guides. Publishing one renews its model token (``directory.cache.model_token_name``)
instead of ``pages``, so the frame and every other page's cached parts stay; the
fragments that show pages of that type (a calendar, a room's regular uses) depend
on the model token.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .directory import cache as tokens

PAGES = "pages"


def translation_token(translation_key) -> str:
    return f"translations:{translation_key}"


def cached(name: str, parts: tuple, compute, *, also: tuple[str, ...] = ()):
    """``compute()``, cached under the ``pages`` token and the tokens ``also``: the
    value is stored with the tokens it was computed under, so that reading it and
    the current tokens is one round trip."""
    names = [PAGES, *also]
    key = "eh:chrome:" + ":".join([name, *map(str, parts)])
    token_keys = [tokens.token_key(n) for n in names]
    found = cache.get_many([key, *token_keys])
    current = tuple(found.get(k) for k in token_keys)
    stored = found.get(key)
    if stored is not None and None not in current and stored[0] == current:
        return stored[1]
    current = tuple(tokens.tokens(names)[n] for n in names)
    value = compute()
    cache.set(key, (current, value), timeout=24 * 3600)
    return value


def _locale_pks() -> dict[str, int]:
    """``{language code: pk}`` of every locale (saving or deleting one renews the
    ``pages`` token)."""
    from wagtail.models import Locale

    return cached(
        "locales", (), lambda: dict(Locale.objects.values_list("language_code", "pk"))
    )


def locale_code(locale_id: int) -> str | None:
    """The language code of the locale ``locale_id`` from the cached locales."""
    return next((code for code, pk in _locale_pks().items() if pk == locale_id), None)


def _locale(language_code):
    """The locale of ``language_code`` (a supported content language) from the
    cached locales, or None."""
    from wagtail.models import Locale

    pk = _locale_pks().get(language_code)
    return None if pk is None else Locale(pk=pk, language_code=language_code)


def default_locale():
    """``Locale.get_default()`` without a query once the locales are cached."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return _locale(code) or Locale.get_default()


def active_locale():
    """``Locale.get_active()`` without a query once the locales are cached."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_locale()
    return _locale(code) or default_locale()


def in_frame(page) -> bool:
    """Whether the frame (home page, menu, legal links) can show ``page``."""
    return page.show_in_menus or getattr(page, "shown_in_frame", True)
