"""Operator endpoints."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import WorkerHeartbeat
from .services import broker_status, database_status


@never_cache
@require_GET
def health(request):
    """Database and broker reachability as JSON; 503 if either is down."""
    db_ok, db_detail = database_status()
    broker_ok, _detail = broker_status()
    worker = None
    if db_ok:
        beat = WorkerHeartbeat.objects.filter(name="default").first()
        worker = beat.seen_at.isoformat() if beat else None
    payload = {
        "status": "ok" if db_ok and broker_ok else "error",
        # Only the transport's kind, never a URL or an error text with credentials.
        "database": {"ok": db_ok, "vendor": db_detail if db_ok else None},
        "broker": {"ok": broker_ok},
        "worker_last_seen": worker,
    }
    return JsonResponse(payload, status=200 if db_ok and broker_ok else 503)
