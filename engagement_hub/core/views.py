"""Operator endpoints."""

import hmac

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import WorkerHeartbeat
from .services import broker_status, database_status

HEALTH_TOKEN_HEADER = "HTTP_X_HEALTH_TOKEN"  # noqa: S105 (a header name)


def _may_see_details(request) -> bool:
    """Details (database vendor, broker, last worker heartbeat) only for staff or a
    caller presenting ``ENGAGEMENT_HUB_HEALTH_TOKEN`` in an ``X-Health-Token`` header;
    everyone else learns "ok" or "unavailable"."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = getattr(settings, "ENGAGEMENT_HUB_HEALTH_TOKEN", None)
    presented = request.META.get(HEALTH_TOKEN_HEADER, "")
    return bool(token) and hmac.compare_digest(presented.encode(), token.encode())


@never_cache
@require_GET
def health(request):
    """Database and broker reachability as JSON; 503 if either is down."""
    db_ok, db_detail = database_status()
    broker_ok, _detail = broker_status()
    healthy = db_ok and broker_ok
    status = 200 if healthy else 503
    if not _may_see_details(request):
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable"}, status=status
        )
    worker = None
    if db_ok:
        beat = WorkerHeartbeat.objects.filter(name="default").first()
        worker = beat.seen_at.isoformat() if beat else None
    payload = {
        "status": "ok" if healthy else "unavailable",
        # Only the transport's kind, never a URL or an error text with credentials.
        "database": {"ok": db_ok, "vendor": db_detail if db_ok else None},
        "broker": {"ok": broker_ok},
        "worker_last_seen": worker,
    }
    return JsonResponse(payload, status=status)


def _hub_settings(request):
    from .models import HubSettings

    return HubSettings.for_request(request)


@require_GET
def brand_css(request):
    """The town's colours as CSS custom properties (linked with ?v=<colours>, so
    it can be cached for a year)."""
    from django.http import HttpResponse

    from . import brand

    hub = _hub_settings(request)
    response = HttpResponse(
        brand.stylesheet(hub.brand_colour, hub.accent_colour),
        content_type="text/css; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=31536000"
    return response


@require_GET
def favicon_svg(request):
    """A square in the primary colour with the town's initial, as the icon of
    browsers that take SVG."""
    from django.http import HttpResponse
    from django.utils.html import escape

    from . import brand

    hub = _hub_settings(request)
    colour = (
        hub.brand_colour
        if brand.HEX.match(hub.brand_colour or "")
        else brand.DEFAULT_PRIMARY
    )
    name = (hub.organisation_name or "E").replace("Stadt ", "").replace("Gemeinde ", "")
    initial = escape((name.strip()[:1] or "E").upper())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="12" fill="{colour}"/>'
        '<text x="32" y="45" font-family="sans-serif" font-size="40" '
        f'font-weight="700" '
        f'text-anchor="middle" fill="{brand.text_on(colour)}">{initial}</text></svg>'
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
