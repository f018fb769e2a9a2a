"""The tracking webhook of the configured ESP only (``/anymail/<esp>/tracking/``).

anymail's own URLconf mounts the routes of all 13 ESPs it knows; a forged event to
the route of an ESP the hub does not use would still unsubscribe and suppress. Here
one view serves the ESP of the configured anymail backend and answers 404 for every
other, and for every ESP while ANYMAIL_WEBHOOK_SECRET is unset (production refuses
to start that way). A failed authentication answers 401; a body that cannot be read
answers 400 and is stored (:class:`~.models.RejectedWebhook`) for inspection.
"""

from __future__ import annotations

import json
import logging
import time

import anymail.urls
from anymail.exceptions import AnymailWebhookValidationFailure
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from engagement_hub.core.conf import hub_settings

from .transport import backend_path

logger = logging.getLogger(__name__)
MAX_STORED_BODY = 100_000

app_name = "engagement_hub_webhooks"


def _tracking_views() -> dict[str, type]:
    views = {}
    for pattern in anymail.urls.urlpatterns:
        name = pattern.name or ""
        if name.endswith("_tracking_webhook"):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                views[name.removesuffix("_tracking_webhook")] = view_class
    return views


class StaleWebhook(AnymailWebhookValidationFailure):
    """A correctly signed event whose signature is older than the ESP's window."""


def _mailgun_signed_at(request: HttpRequest) -> float | None:
    """Mailgun signs ``timestamp`` + ``token`` in the body's ``signature`` object."""
    try:
        return float(json.loads(request.body)["signature"]["timestamp"])
    except (ValueError, KeyError, TypeError):
        return None  # anymail's own validation refuses such a body


# ESPs whose tracking events carry a signed timestamp we can check.
SIGNED_AT = {"mailgun": _mailgun_signed_at}


def _fresh(view_class: type, esp: str) -> type:
    """``view_class`` that also refuses replayed events: after anymail's checks (basic
    auth, the ESP's signature) pass, the signature's timestamp must lie within
    ``ENGAGEMENT_HUB_MAIL_WEBHOOK_MAX_AGE`` of now."""
    signed_at = SIGNED_AT.get(esp)
    if signed_at is None:
        return view_class

    class FreshTrackingView(view_class):
        def run_validators(self, request):
            super().run_validators(request)
            stamp = signed_at(request)
            window = hub_settings.MAIL_WEBHOOK_MAX_AGE.total_seconds()
            if stamp is not None and abs(time.time() - stamp) > window:
                raise StaleWebhook("the webhook signature is too old (replayed?)")

    return FreshTrackingView


TRACKING_VIEWS = {esp: _fresh(view, esp) for esp, view in _tracking_views().items()}


def configured_esp() -> str | None:
    """``mailgun`` for ``anymail.backends.mailgun.EmailBackend``; None otherwise."""
    parts = backend_path().split(".")
    if len(parts) >= 3 and parts[:2] == ["anymail", "backends"]:
        return parts[2]
    return None


def webhook_secret() -> str | list | None:
    return (getattr(settings, "ANYMAIL", None) or {}).get("WEBHOOK_SECRET")


class MalformedEvent(ValueError):
    """A webhook event whose fields cannot be what the ESP sends."""


# What reading a malformed body raises in anymail's parsers or in our receiver.
MALFORMED = (
    MalformedEvent,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    UnicodeError,
)


@csrf_exempt
def tracking(request: HttpRequest, esp: str) -> HttpResponse:
    view_class = TRACKING_VIEWS.get(esp)
    if view_class is None or esp != configured_esp() or not webhook_secret():
        raise Http404
    if request.method not in ("POST", "HEAD", "OPTIONS"):
        return HttpResponse(status=405, headers={"Allow": "POST, HEAD, OPTIONS"})
    try:
        return view_class.as_view()(request)
    except StaleWebhook:
        # 406: Mailgun does not retry it (a retry would be just as old).
        logger.warning("Refused a stale %s webhook (signature too old)", esp)
        return HttpResponse("Stale signature", status=406, content_type="text/plain")
    except AnymailWebhookValidationFailure:
        return HttpResponse(
            "Unauthorized",
            status=401,
            content_type="text/plain",
            headers={"WWW-Authenticate": 'Basic realm="webhooks"'},
        )
    except MALFORMED as error:
        _store_rejected(request, esp, error)
        return HttpResponse(
            "Malformed webhook body", status=400, content_type="text/plain"
        )


def _store_rejected(request: HttpRequest, esp: str, error: Exception) -> None:
    from .models import RejectedWebhook

    body = request.body[:MAX_STORED_BODY].decode("utf-8", errors="replace")
    RejectedWebhook.objects.create(
        esp_name=esp[:50],
        content_type=(request.content_type or "")[:100],
        body=body,
        error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning("Rejected a malformed %s webhook: %s", esp, error)


urlpatterns = [
    path("<str:esp>/tracking/", tracking, name="tracking"),
]

__all__ = ["MalformedEvent", "configured_esp", "tracking", "urlpatterns"]
