"""iCalendar feeds of funding deadlines: the events of deadline occurrences
(``deadlines.occurrences``), whole calendars, and one guide's feed."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .deadlines import occurrences, today


def uid_host() -> str:
    from django.conf import settings

    host = (settings.ALLOWED_HOSTS or ["engagement-hub"])[0].lstrip(
        "."
    ) or "engagement-hub"
    return "engagement-hub" if host == "*" else host


def events(occurrence_list, request, host: str):
    """One icalendar event per occurrence."""
    import icalendar

    for o in occurrence_list:
        event = icalendar.Event()
        event.add(
            "uid", f"funding-{o.guide.translation_key}-{o.date.isoformat()}@{host}"
        )
        event.add("summary", _("Deadline: %(title)s") % {"title": o.guide.title})
        event.add("dtstart", o.date)
        event.add("dtend", o.date + timedelta(days=1))
        event.add("dtstamp", today())
        url = getattr(o.guide, "absolute_url", None) or request.build_absolute_uri(
            getattr(o.guide, "url", None) or o.guide.get_url(request)
        )
        event.add("url", url)
        description = o.guide.plain_summary
        if o.note:
            description = f"{o.note}\n\n{description}"
        event.add("description", description)
        yield event


def new_calendar(name: str):
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//Engagement Hub//funding deadlines//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def calendar_response(occurrence_list, request, name: str) -> HttpResponse:
    cal = new_calendar(name)
    for event in events(occurrence_list, request, uid_host()):
        cal.add_component(event)
    return ical_response(cal.to_ical())


class _Serialised(str):
    """Content lines that icalendar serialised before (events' ``to_ical()``),
    put into a calendar's content lines as they are."""

    def __new__(cls, ical: bytes):
        obj = super().__new__(cls, "serialised")
        obj.ical = ical.removesuffix(b"\r\n")
        return obj

    def to_ical(self) -> bytes:
        return self.ical


def with_events(cal, chunks: list[bytes]) -> bytes:
    """``cal.to_ical()`` with the serialised events ``chunks`` as its components:
    the same bytes as adding the events and serialising them all again."""
    lines = cal.content_lines()  # BEGIN, properties, END, ""
    lines[-2:-2] = [_Serialised(chunk) for chunk in chunks if chunk]
    return lines.to_ical()


def ical_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


def ical_guide(guide, request):
    start = today() - timedelta(days=30)
    return calendar_response(
        occurrences(guide, start, start + timedelta(days=400)), request, guide.title
    )
