"""A page asked for under the wrong language's path finds its translation.

Translated pages have their own slugs (``/de/angebote/``, ``/en/offers/``). Someone
who swaps ``/de/`` for ``/en/`` in an address, or follows an English link written
before the page's slug was translated (``/en/angebote/kinderturnen/``), would meet a
404. ``LanguagePathMiddleware`` looks at such a 404 (GET or HEAD under a language
prefix only): if the path names a live page in another language's tree and that
page has a live translation in the requested language, the visitor is redirected
there permanently, with the query string (and a routable page's own views, such as
``handout/``, keep their path). Anything else stays a 404.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect

# What a path segment of a page (or of a routable page's view) can look like; other
# segments (a NUL byte, which PostgreSQL refuses in a query) are never looked up.
SEGMENT = re.compile(r"[-\w]+")


class LanguagePathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = self._translated_url(request)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    def _translated_url(self, request) -> str | None:
        parts = request.path.strip("/").split("/")
        if len(parts) < 2 or parts[0] not in self.languages:
            return None
        if not all(SEGMENT.fullmatch(part) for part in parts[1:]):
            return None
        from wagtail.models import Locale, Site

        site = Site.find_for_request(request)
        locale = Locale.objects.filter(language_code=parts[0]).first()
        if site is None or locale is None:
            return None
        for root in site.root_page.get_translations(inclusive=True).exclude(
            locale=locale
        ):
            try:
                found = root.specific.route(request, parts[1:])
            except Http404:
                continue
            page = getattr(found, "page", None)
            if page is None:
                continue
            translation = page.get_translation_or_none(locale)
            if translation is None or not translation.live:
                continue
            url = translation.get_url(request)
            # A routable page's own views (``handout/``) keep their path.
            rest = parts[1 + page.depth - root.depth :]
            if url and rest:
                url = url.rstrip("/") + "/" + "/".join(rest) + "/"
            if url and url.rstrip("/") != request.path.rstrip("/"):
                return url
        return None
