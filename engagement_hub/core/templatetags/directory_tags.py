"""Template helpers of the directory: safe JSON-LD, Open Graph and query strings."""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes as Django's json_script: no "</script>", no HTML in the payload.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict | None) -> str:
    """A ``<script type="application/ld+json">``, escaped like json_script."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.filter
def open_graph_locale(language_code: str) -> str:
    """de -> de_DE, en -> en_GB (Open Graph wants language_TERRITORY)."""
    return {"de": "de_DE", "en": "en_GB"}.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def with_back(context, url: str) -> str:
    """``url`` carrying the listing's filters, so the detail page can link back."""
    querystring = context.get("back_querystring")
    if querystring is None:
        listing = context.get("listing")
        querystring = listing.querystring if listing is not None else ""
    if not querystring:
        return url
    from urllib.parse import urlencode

    return f"{url}?{urlencode({'back': querystring})}"


@register.simple_tag(takes_context=True)
def quick_filter_links(context) -> list[dict]:
    """The index page's one-tap filters as links on the current query: one that is
    not active adds its parameters (replacing other values of the same
    parameters), one that is active takes them away. The page number is dropped."""
    from urllib.parse import urlencode

    page, request = context.get("page"), context.get("request")
    quick = getattr(page, "quick_filters", None)
    if not quick or request is None:
        return []
    current: dict[str, list[str]] = {}
    for key, value in page.listing_parameters(request.GET, with_page=False):
        current.setdefault(key, []).append(value)
    base = page.get_url(request)
    links = []
    for item in quick:
        active = all(value in current.get(k, []) for k, value in item.params.items())
        query = {k: list(v) for k, v in current.items()}
        for key, value in item.params.items():
            if active:
                query[key] = [v for v in query.get(key, []) if v != value]
            else:
                query[key] = [value]
        pairs = [(k, v) for k, values in query.items() for v in values if v != ""]
        url = base + (f"?{urlencode(pairs)}" if pairs else "")
        links.append({"label": item.label, "url": url, "active": active})
    return links
