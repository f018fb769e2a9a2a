"""What the generated legal pages say: the kinds of personal data the hub keeps, with
their purpose, legal basis and retention read from the settings in force, as the
installed apps register them (``register_data_kinds``). A template the town must
check, not legal advice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class DataKind:
    key: str
    title: str
    data: str
    purpose: str
    basis: str
    retention: str


def days(value: timedelta | int) -> str:
    count = value.days if isinstance(value, timedelta) else int(value)
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


DataKindsOf = Callable[[Any], Iterable[DataKind]]

# name -> (order, describe): the privacy policy's paragraphs the installed apps
# contribute (``register_data_kinds``).
_DESCRIBERS: dict[str, tuple[int, DataKindsOf]] = {}


def register_data_kinds(name: str, describe: DataKindsOf, *, order: int = 100) -> None:
    """Add a domain's kinds of personal data to the privacy policy: ``describe(hub)``
    (``hub``: the site's ``HubSettings``) returns its ``DataKind`` list in the
    active language, with retention periods read from the settings in force. The
    page lists them by ``order``, then by name. Register at import time of a module
    your ``AppConfig.ready`` imports (as for ``personal_data.register``), so that
    core never imports a domain and a new domain needs no edit here."""
    _DESCRIBERS[name] = (order, describe)


def data_kinds(hub) -> list[DataKind]:
    """Every kind of personal data this installation keeps, in the active language:
    the server logs every site has, then what each installed app registered."""
    kinds = [
        DataKind(
            "server_logs",
            _("Server logs"),
            _(
                "Your IP address, the date and time, the address of the page and "
                "your browser's name, as every web server records them."
            ),
            _("To run the website securely and find faults."),
            _("Art. 6(1)(e) GDPR (performing our public tasks)."),
            _("Deleted after %(period)s.") % {"period": days(hub.server_log_days)},
        )
    ]
    for _name, (_order, describe) in sorted(
        _DESCRIBERS.items(), key=lambda item: (item[1][0], item[0])
    ):
        kinds.extend(describe(hub))
    return kinds
