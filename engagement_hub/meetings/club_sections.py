"""The meetings' part of a representative's "Our club" page: who registered for the
club's own events, and what the club answered to other meetings."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagement_hub.associations.club_overview import Section

LIMIT = 200


def _when(occurrence) -> str:
    return date_format(
        timezone.localtime(occurrence.starts_at), "SHORT_DATETIME_FORMAT"
    )


def registrations_for_club_events(keys) -> Section:
    from .models import Rsvp

    rsvps = (
        Rsvp.objects.filter(
            occurrence__meeting__organiser__translation_key__in=keys,
            occurrence__starts_at__gte=timezone.now(),
        )
        .select_related("occurrence", "occurrence__meeting")
        .order_by("occurrence__starts_at", "created_at")[:LIMIT]
    )
    return Section(
        _("Registrations for your club's events"),
        [_("Date"), _("Meeting"), _("Name"), _("Email"), _("People"), _("Status")],
        [
            [
                _when(r.occurrence),
                r.occurrence.meeting.title,
                r.name,
                r.email,
                str(r.people),
                r.get_status_display(),
            ]
            for r in rsvps
        ],
        _("Nobody has registered for your club's upcoming events yet."),
        order=10,
    )


def club_answers(keys) -> Section:
    from .models import Rsvp

    rsvps = (
        Rsvp.objects.filter(
            association__translation_key__in=keys,
            occurrence__starts_at__gte=timezone.now(),
        )
        .select_related("occurrence", "occurrence__meeting")
        .order_by("occurrence__starts_at")[:LIMIT]
    )
    return Section(
        _("Your club's answers to upcoming meetings"),
        [_("Date"), _("Meeting"), _("Name"), _("People"), _("Status")],
        [
            [
                _when(r.occurrence),
                r.occurrence.meeting.title,
                r.name or r.email,
                str(r.people),
                r.get_status_display(),
            ]
            for r in rsvps
        ],
        _("Your club has not answered an upcoming meeting."),
        order=20,
    )
