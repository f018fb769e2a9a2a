"""Security at the edge: hostile input, response headers, the admin's policy.

- ``EdgeInputMiddleware`` removes NUL bytes from the query string, form fields and
  request headers before any view or database sees them (PostgreSQL refuses NUL in
  text, and no form field of the hub has a use for one).
- ``ContentSecurityPolicyMiddleware`` sends django-csp's strict policy on public pages
  and ``ENGAGEMENT_HUB_ADMIN_CONTENT_SECURITY_POLICY`` under the Wagtail admin, whose
  scripts and styles still need inline code.
- ``PrivacyHeadersMiddleware`` sends ``Permissions-Policy`` everywhere and
  ``Cache-Control: private, no-store`` on every response a shared cache or the
  browser's history must not keep: ones that carry a CSRF token, set a cookie or
  belong to a logged-in user.
"""

from __future__ import annotations

from functools import wraps

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control

NUL = "\x00"
ADMIN_PREFIX = "/admin/"

# The Wagtail admin (and the views the hub mounts inside it) runs inline scripts and
# styles, and shows page previews in a same-origin frame.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# Features no page of the hub uses; a script injected into a page gets none of them.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "interest-cohort=()"
)


def _without_nul(query: QueryDict) -> QueryDict | None:
    """A copy of ``query`` without NUL bytes, or None if it had none."""
    if not any(
        NUL in key or any(NUL in value for value in values)
        for key, values in query.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    cleaned._mutable = False
    return cleaned


def _is_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class EdgeInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, value in list(request.META.items()):
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        # Views may tell the visitor that something was removed (site search does).
        request.hub_cleaned_input = False
        cleaned = _without_nul(request.GET)
        if cleaned is not None:
            request.GET = cleaned
            request.hub_cleaned_input = True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            cleaned = _without_nul(request.POST)
            if cleaned is not None:
                request.POST = cleaned
                request.hub_cleaned_input = True
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_admin(request):
            parts.config = getattr(
                settings,
                "ENGAGEMENT_HUB_ADMIN_CONTENT_SECURITY_POLICY",
                ADMIN_CONTENT_SECURITY_POLICY,
            )
        return parts


def is_private(request, response) -> bool:
    """Whether the response is for this one visitor only (never to be cached)."""
    user = getattr(request, "user", None)
    return bool(
        getattr(request, "hub_personal", False)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or (user is not None and user.is_authenticated)
    )


class PrivacyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy",
            getattr(settings, "ENGAGEMENT_HUB_PERMISSIONS_POLICY", PERMISSIONS_POLICY),
        )
        if is_private(request, response):
            if "Cache-Control" in response.headers:
                # ``public`` or a max-age set by a view must not survive.
                del response.headers["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a page in the visitor's language
    that says how long to wait (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "engagement_hub/core/lockout.html",
        {"cooloff_minutes": minutes},
        status=429,
    )


def personal(view):
    """Mark a view whose pages are for one person (reached by a signed link, showing
    their data): never stored by a cache or the browser, whatever else they carry."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.hub_personal = True
        return view(request, *args, **kwargs)

    return wrapped
