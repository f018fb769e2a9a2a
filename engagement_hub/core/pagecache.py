"""Anonymous page cache: public Wagtail pages for visitors without a session.

``AnonymousPageCacheMiddleware`` (right after ``SecurityMiddleware``) answers a GET
from a visitor who sends no cookie but the CSRF or language cookie, and no
``Authorization`` header, from the cache (``CACHES[ENGAGEMENT_HUB_PAGE_CACHE_ALIAS]``:
Redis when ``REDIS_URL`` is set, local memory otherwise). It stores only what is the
same for every such visitor: a 200 from Wagtail's page view, for a URL without a
query string (tracking parameters such as ``utm_source`` are dropped first), that
sets no cookie, carries no CSRF token, is not ``Cache-Control: private``/``no-store``
/``no-cache``, varies on nothing but ``Cookie``, and was rendered for an anonymous
user. Everything else (the admin, previews, drafts, search, the subscription pages
with their tokens, POSTs, logged-in editors) passes through untouched.

Invalidation is a generation counter: every entry remembers the generation it was
rendered in and counts only while that is current; ``purge()`` moves to a new
generation. The hub purges when a page is published, unpublished, moved, deleted or
saved live, and when a snippet, a setting, an image, a document, a site, a locale, a
tag or a view restriction is saved or deleted (``connect()``). One ``get_many``
reads the generation and the entry together: a hit costs one cache round trip and
no database query.

With local memory each process has its own cache and counter, so a purge reaches
only the process that made the change; other processes serve their copy until it
expires (``ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT``). Use Redis with several processes.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from .conf import hub_settings

GENERATION_KEY = "engagement_hub:pagecache:generation"
ENTRY_PREFIX = "engagement_hub:pagecache:page:"
HEADER = "X-Page-Cache"
# Query parameters that never change a page; a URL with any other is not cached.
IGNORED_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
WAGTAIL_VIEW = "wagtail_serve"


def _cache():
    return caches[hub_settings.PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return bool(hub_settings.PAGE_CACHE_TIMEOUT)


def purge(**_kwargs) -> None:
    """Make every cached page stale (they are dropped as they are next asked for)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No counter yet (or evicted): start from the clock, never from a value an
        # old entry may still carry.
        cache.set(GENERATION_KEY, time.time_ns(), None)


# --- which requests and responses ---------------------------------------------------


def _allowed_cookies() -> set[str]:
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def request_key(request) -> str | None:
    """The cache key of an anonymous GET, or None if it must not be cached."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    if set(request.COOKIES) - _allowed_cookies():
        return None
    for name, _value in parse_qsl(request.META.get("QUERY_STRING", ""), True):
        if not name.startswith(IGNORED_PARAMETERS):
            return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return f"{ENTRY_PREFIX}{request.scheme}://{host}{request.path}"


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != WAGTAIL_VIEW:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return False
    if b"csrfmiddlewaretoken" in response.content:
        return False
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-cache", "no-store"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    if vary - {"", "cookie"}:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request) if enabled() else None
        if key is None:
            return self.get_response(request)
        cache = _cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            purge()
            generation = cache.get(GENERATION_KEY)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _generation, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if storable(request, response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() != HEADER.lower()
            ]
            cache.set(
                key,
                (generation, response.status_code, headers, response.content),
                hub_settings.PAGE_CACHE_TIMEOUT,
            )
            response[HEADER] = "miss"
        return response


# --- what purges --------------------------------------------------------------------


def _purging_models() -> tuple[type, ...]:
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    classes: list[type] = [
        Site,
        Locale,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    ]
    try:
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

        classes += [BaseSiteSetting, BaseGenericSetting]
    except ImportError:  # pragma: no cover - wagtail.contrib.settings not installed
        pass
    if apps.is_installed("taggit"):
        from taggit.models import Tag

        classes.append(Tag)
    from .models import TaxonomyTerm

    classes.append(TaxonomyTerm)
    return tuple(classes)


_PURGING: tuple[type, ...] | None = None


def _on_saved_or_deleted(sender, instance, **kwargs):
    global _PURGING  # computed once the app registry is ready
    from wagtail.models import Page

    if kwargs.get("raw"):
        return
    if isinstance(instance, Page):
        # Drafts are saved with update_fields; a full save of a live page, or a
        # deletion, changes what visitors see.
        if "created" not in kwargs or (
            instance.live and kwargs.get("update_fields") is None
        ):
            purge()
        return
    if _PURGING is None:
        _PURGING = _purging_models()
    if isinstance(instance, _PURGING):
        purge()


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge, dispatch_uid="pagecache_published")
    page_unpublished.connect(purge, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(purge, dispatch_uid="pagecache_moved")
    post_save.connect(_on_saved_or_deleted, dispatch_uid="pagecache_saved")
    post_delete.connect(_on_saved_or_deleted, dispatch_uid="pagecache_deleted")
