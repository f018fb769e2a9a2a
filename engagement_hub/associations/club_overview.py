""" "Our club" in the admin: what a representative's clubs have in the other domains
(the registrations for their club events, their own answers to the city's meetings,
their room requests), and nothing of any other club.

Domains contribute sections without this app importing them:
:func:`register_section` takes a callable ``(translation_keys) -> Section | None``
called with the translation keys of the user's clubs (every locale of a club shares
its key). The view is in :mod:`engagement_hub.associations.admin_views`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from uuid import UUID


@dataclass
class Section:
    heading: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    empty: str = ""
    # The section's order on the page (lower first).
    order: int = 100


_sections: list[Callable[[list[UUID]], Section | None]] = []


def register_section(section: Callable[[list[UUID]], Section | None]) -> None:
    if section not in _sections:
        _sections.append(section)


def sections_for(keys: Iterable[UUID]) -> list[Section]:
    keys = list(keys)
    if not keys:
        return []
    found = [section(keys) for section in _sections]
    return sorted((s for s in found if s is not None), key=lambda s: s.order)
