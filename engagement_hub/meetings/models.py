"""Meetings (Treffen): the regular meetup of all clubs, the Willkommensstammtisch and
club events. A ``MeetingPage`` is one date or a series from a recurrence rule; each
date is an ``Occurrence`` row with its own capacity, status, RSVPs, minutes and
attendance (materialised for a horizon by ``series.materialise``).

The models live in two layers: ``rows.py`` (the dates, RSVPs and invitations,
which the RSVP logic, the mails, the calendar files and the views use) and
``pages.py`` (the page classes, whose routes the views serve). This module
gathers them for Django and for the app's upper layers (admin, series, demo)."""

from .pages import SERVICES, AgendaItem, MeetingDocument, MeetingIndexPage, MeetingPage
from .rows import (
    MAX_PEOPLE,
    Invitation,
    MeetingKind,
    Occurrence,
    Rsvp,
    live_occurrences,
    upcoming,
)

__all__ = [
    "MAX_PEOPLE",
    "SERVICES",
    "AgendaItem",
    "Invitation",
    "MeetingDocument",
    "MeetingIndexPage",
    "MeetingKind",
    "MeetingPage",
    "Occurrence",
    "Rsvp",
    "live_occurrences",
    "upcoming",
]
