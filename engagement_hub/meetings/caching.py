"""Generation tokens of the cached meetings pages (``core.render_cache``).

``DATES`` is part of the calendar's cache key: every change of a date (created by
the series, moved, cancelled, minutes added, deleted) renews it. Each meeting has a
token of its own (by translation key, so both language versions share it) that its
page's cache key holds: a change of one of its dates or RSVPs (a registration, a
cancellation, someone moved up from the waiting list) renews it, so the places
left are never stale. Publishing, unpublishing, moving or deleting a meeting
renews the meetings' model token (``MeetingPage.shown_in_frame`` is False, see
``core.chrome_cache``), which the calendar and the room pages depend on; the
meeting's own page is keyed by its revision.

Signals catch saves and deletions; the bulk writes (``bulk_create``,
``QuerySet.update``) call ``dates_changed`` themselves.
"""

from __future__ import annotations

from engagement_hub.core.directory import cache as tokens

DATES = "meetings:dates"


def meeting_token(translation_key) -> str:
    return f"meetings:meeting:{translation_key}"


def dates_changed(meeting_ids, *, calendar: bool = True) -> None:
    """Renew the tokens of the meetings ``meeting_ids`` (and of the calendar)."""
    from wagtail.models import Page

    keys = Page.objects.filter(pk__in=list(meeting_ids)).values_list(
        "translation_key", flat=True
    )
    names = [meeting_token(key) for key in keys]
    if calendar:
        names.append(DATES)
    if names:
        tokens.renew_on_commit(*names)


def _occurrence_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    dates_changed([instance.meeting_id])


def _rsvp_changed(sender, instance, **kwargs) -> None:
    from .rows import Occurrence

    if kwargs.get("raw"):
        return
    meeting_ids = Occurrence.objects.filter(pk=instance.occurrence_id).values_list(
        "meeting_id", flat=True
    )
    dates_changed(meeting_ids, calendar=False)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from .rows import Occurrence, Rsvp

    for signal in (post_save, post_delete):
        signal.connect(
            _occurrence_changed,
            sender=Occurrence,
            dispatch_uid=f"eh_meetings_cache_occurrence_{signal}",
        )
        signal.connect(
            _rsvp_changed, sender=Rsvp, dispatch_uid=f"eh_meetings_cache_rsvp_{signal}"
        )
