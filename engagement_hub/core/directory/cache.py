"""Generation tokens of the directory caches (renewed by ``core.cache_signals``).

Every index page has a token; the facet index of its listing and nothing else is
cached under it. Publishing, unpublishing, moving or deleting an entry replaces
the token of the index page above it (at once and after the commit), so exactly
that listing is rebuilt; a published entry is patched into the cached index
instead of rebuilding it (``listing.patch_index``). Cards are cached under the
entry's live revision, so a publish invalidates only that card. Editing a taxonomy
term replaces the ``terms`` token (term names appear in every listing); a domain's
``card_depends_on`` models (e.g. the associations named on offer cards) have a token
of their own that is part of their dependants' card keys.

Tokens are random, not counters, so that a cleared cache never brings back an old
generation's entries.
"""

from __future__ import annotations

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

TERMS = "terms"


def token_key(name: str) -> str:
    """The cache key of a token. What is cached depends on whether untranslated
    pages are shown, so each mode has its own tokens: switching it (and
    restarting) starts every cached part afresh."""
    from engagement_hub.core.conf import hub_settings

    return f"eh:directory:gen:{hub_settings.UNTRANSLATED_PAGES}:{name}"


def page_token_name(page_pk: int) -> str:
    return f"page:{page_pk}"


def model_token_name(label: str) -> str:
    return f"model:{label.lower()}"


def tokens(names: list[str]) -> dict[str, str]:
    """The current token of each name (created when missing), in one round trip."""
    keys = {name: token_key(name) for name in names}
    found = cache.get_many(list(keys.values()))
    result = {}
    missing = {}
    for name, key in keys.items():
        if key in found:
            result[name] = found[key]
        else:
            missing[key] = result[name] = uuid4().hex
    if missing:
        # Another process may have created a token meanwhile; keep the first.
        for key, value in missing.items():
            if not cache.add(key, value, timeout=None):
                stored = cache.get(key)
                if stored is not None:
                    name = next(n for n, k in keys.items() if k == key)
                    result[name] = stored
    return result


def renew(*names: str) -> None:
    cache.set_many({token_key(name): uuid4().hex for name in names}, timeout=None)


def now_and_on_commit(work) -> None:
    """Do ``work`` now (this transaction's readers see the change) and again after
    the commit (another process may have rebuilt from the data before it)."""
    work()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(work)


def renew_on_commit(*names: str) -> None:
    now_and_on_commit(lambda: renew(*names))
