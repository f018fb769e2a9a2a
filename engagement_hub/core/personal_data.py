"""One registry of personal data, keyed by email address (GDPR Art. 15, 17, 5(1)(e)).

Each domain registers what it stores about an address (cf. pretix's data shredders):
how to export it, how to erase it, and how its retention is applied. The commands
(``export_personal_data``, ``erase_personal_data``, ``apply_retention``), the admin
screen (Settings -> Personal data) and the periodic retention job live here and
ask every registered domain::

    from engagement_hub.core import personal_data

    personal_data.register(
        "meetings",
        label=_("Meeting registrations"),
        export=export_registrations,      # (email) -> JSON-serialisable data
        erase=erase_registrations,        # (email, **options) -> {kind: count}
        retention=apply_meeting_retention,  # () -> {kind: count}, or None
    )

Register at import time of a module your ``AppConfig.ready`` imports. Core itself
registers Wagtail's log entries (an edited subscriber's address is the label of
its log entry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonalDataHandler:
    name: str
    label: Promise | str
    export: Callable[[str], Any]
    erase: Callable[..., dict]
    retention: Callable[[], dict] | None = None


_HANDLERS: dict[str, PersonalDataHandler] = {}


def register(
    name: str,
    *,
    label: Promise | str,
    export: Callable[[str], Any],
    erase: Callable[..., dict],
    retention: Callable[[], dict] | None = None,
) -> PersonalDataHandler:
    handler = PersonalDataHandler(name, label, export, erase, retention)
    _HANDLERS[name] = handler
    return handler


def handlers() -> list[PersonalDataHandler]:
    # Core's own handler (log entries) runs last: other domains' erasure may log.
    return sorted(_HANDLERS.values(), key=lambda handler: handler.name == "core")


def normalise(email: str) -> str:
    return email.strip().lower()


def export(email: str) -> dict:
    """Everything every domain holds about ``email``, JSON-serialisable."""
    email = normalise(email)
    return {
        "email": email,
        **{handler.name: handler.export(email) for handler in handlers()},
    }


def erase(email: str, **options) -> dict[str, dict]:
    """Erase ``email`` everywhere in one transaction; counts per domain and kind.
    ``options`` (e.g. ``keep_suppression=True``) go to every domain's eraser."""
    email = normalise(email)
    with transaction.atomic():
        return {handler.name: handler.erase(email, **options) for handler in handlers()}


def apply_retention() -> dict[str, dict]:
    """Apply every domain's retention rules (idempotent)."""
    return {
        handler.name: handler.retention()
        for handler in handlers()
        if handler.retention is not None
    }


# -- core's own: Wagtail's log entries ---------------------------------------------

ERASED = "[erased]"


def _log_models():
    from wagtail.models import ModelLogEntry, PageLogEntry

    return [ModelLogEntry, PageLogEntry]


def _log_entries(model, email: str):
    from django.db.models import Q

    return model.objects.filter(Q(label__icontains=email) | Q(data__icontains=email))


def export_log_entries(email: str) -> list[dict]:
    return [
        {
            "action": entry.action,
            "label": entry.label,
            "timestamp": entry.timestamp.isoformat(),
        }
        for model in _log_models()
        for entry in _log_entries(model, email).order_by("timestamp")
    ]


def erase_log_entries(email: str, **options) -> dict:
    """Keep the fact that something was done (the audit trail), not the address."""
    count = 0
    for model in _log_models():
        count += _log_entries(model, email).update(label=ERASED, data={})
    return {"log_entries": count}


register(
    "core",
    label=_("Admin log entries"),
    export=export_log_entries,
    erase=erase_log_entries,
)
