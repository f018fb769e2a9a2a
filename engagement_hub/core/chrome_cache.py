"""A cache for what every page's frame shows (home page, main menu, legal links,
language alternates): a handful of queries per request otherwise.

Everything is cached under one ``pages`` token that any publish, unpublish, move or
delete of a page (other than a directory entry), and any change of the hub settings,
renews (at once and after the commit, see ``directory.cache.now_and_on_commit``); a
page's language versions also under a token of its translation key, which every
change of one of its translations renews.
"""

from __future__ import annotations

from django.core.cache import cache

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


def pages_changed(sender, instance=None, **kwargs) -> None:
    """A page's language versions change with it; the frame only when it is not a
    directory entry (entries are never the home page, the menu or legal pages)
    or is shown in menus. A page type that is none of these either and renews the
    tokens of what shows it itself says so with ``renews_frame = False``."""
    from wagtail.models import Page

    from .directory.models import DirectoryEntry

    if instance is None or not isinstance(instance, Page):
        return
    names = [translation_token(instance.translation_key)]
    renews_frame = getattr(
        instance, "renews_frame", not isinstance(instance, DirectoryEntry)
    )
    if renews_frame or instance.show_in_menus:
        names.append(PAGES)
    tokens.renew_on_commit(*names)


def settings_changed(sender, **kwargs) -> None:
    tokens.renew_on_commit(PAGES)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import HubSettings

    page_published.connect(pages_changed, dispatch_uid="eh-chrome-published")
    page_unpublished.connect(pages_changed, dispatch_uid="eh-chrome-unpublished")
    post_page_move.connect(pages_changed, dispatch_uid="eh-chrome-moved")
    post_delete.connect(pages_changed, dispatch_uid="eh-chrome-deleted")
    post_save.connect(
        settings_changed, sender=HubSettings, dispatch_uid="eh-chrome-settings"
    )
