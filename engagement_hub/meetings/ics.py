"""Calendar files, built with icalendar (never by string building).

Each date is its own VEVENT with a stable UID (``meeting-date-<pk>@<host>``) and the
date's SEQUENCE, so an update or a cancellation replaces the entry in the
recipient's calendar. Times are in Europe/Berlin with its VTIMEZONE. Feeds list
the expanded dates (cancelled ones with STATUS:CANCELLED, so subscribers see it).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, datetime

import icalendar
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Page

from engagement_hub.mailings.api import Attachment, AttachmentRequest

from .conf import meeting_setting
from .rows import Occurrence

PRODID = "-//Engagement Hub//meetings//DE"


def _host() -> str:
    """The domain of the UIDs: the mail base URL's host (stable per site)."""
    from urllib.parse import urlsplit

    from engagement_hub.mailings.rendering import base_url

    return urlsplit(base_url()).hostname or "engagement-hub.local"


def uid(occurrence: Occurrence, host: str = "") -> str:
    return f"meeting-date-{occurrence.pk}@{host or _host()}"


def _calendar(method: str = "PUBLISH", name: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", meeting_setting("TIME_ZONE"))
    return calendar


def _event(
    occurrence: Occurrence,
    page: Page,
    *,
    url: str = "",
    cancel: bool = False,
    host: str = "",
) -> icalendar.Event:
    tz = zoneinfo.ZoneInfo(meeting_setting("TIME_ZONE"))
    event = icalendar.Event()
    event.add("uid", uid(occurrence, host))
    event.add("sequence", occurrence.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", occurrence.starts_at.astimezone(tz))
    event.add("dtend", occurrence.ends_at.astimezone(tz))
    event.add("summary", page.title)
    description = [page.short_description]
    if occurrence.note:
        description.append(occurrence.note)
    if url:
        description.append(url)
        event.add("url", url)
    event.add("description", "\n\n".join(part for part in description if part))
    location = ", ".join(page.address_lines)
    if location:
        event.add("location", location)
    if cancel or occurrence.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def _page_in(occurrence: Occurrence, language: str) -> Page:
    page = occurrence.meeting
    from wagtail.models import Locale

    try:
        locale = Locale.objects.get(language_code=language)
    except Locale.DoesNotExist:
        return page
    return page.get_translation_or_none(locale) or page


def occurrence_calendar(
    occurrence: Occurrence, *, language: str | None = None, url: str = ""
) -> bytes:
    language = language or "de"
    page = _page_in(occurrence, language)
    cancel = occurrence.is_cancelled
    calendar = _calendar("CANCEL" if cancel else "PUBLISH")
    calendar.add_component(_event(occurrence, page, url=url, cancel=cancel))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(
    occurrences: Iterable[Occurrence],
    name: str,
    *,
    base_url: str = "",
    pages: dict[int, Page] | None = None,
) -> bytes:
    """A feed of ``occurrences``; ``pages`` maps a date's meeting to the page in the
    feed's language (by default the meeting itself)."""
    calendar = _calendar("PUBLISH", name)
    # Once per feed, not per date: the UID domain may take a query, a URL some work.
    host = _host()
    urls: dict[int, str] = {}
    for occurrence in occurrences:
        page = (pages or {}).get(occurrence.meeting_id, occurrence.meeting)
        if page.pk not in urls:
            urls[page.pk] = base_url + page.url if base_url and page.url else ""
        calendar.add_component(_event(occurrence, page, url=urls[page.pk], host=host))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def filename(occurrence: Occurrence) -> str:
    local = timezone.localtime(occurrence.starts_at)
    return f"meeting-{local:%Y-%m-%d}.ics"


def occurrence_ics(request: AttachmentRequest) -> list[Attachment]:
    """The mail API's attachment function: the date's .ics in the recipient's
    language (METHOD:CANCEL when the date is cancelled)."""
    try:
        occurrence = Occurrence.objects.select_related("meeting").get(
            pk=request.context["occurrence"]
        )
    except (Occurrence.DoesNotExist, KeyError):
        return []
    url = request.context.get("url", "")
    return [
        Attachment(
            filename(occurrence),
            occurrence_calendar(occurrence, language=request.language, url=url),
            "text/calendar",
        )
    ]


def summary(occurrence: Occurrence) -> str:
    return gettext("Meeting: %(title)s") % {"title": strip_tags(occurrence.title)}
