"""Public paths in the visitor's language, and the old English paths behind them.

The hub's own views have translated paths (``path(_("search/"), ...)``): German
visitors see ``/de/suche/``, English ones ``/en/search/``, and the language switcher
(``django.urls.translate_url``) maps one onto the other. Links written before the
paths were translated (in mails already sent) use the English path under ``/de/``;
``legacy_path`` keeps them working: a GET is redirected permanently to the path in
the visitor's language, any other method (a mail client's one-click unsubscribe
POST) is answered by the view itself.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse


def legacy_path(route: str, view, name: str):
    """The old ``route`` of the view that is now named ``name`` (with namespace)."""

    @wraps(view)
    def legacy(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        target = reverse(name, args=args, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    return path(route, legacy)
