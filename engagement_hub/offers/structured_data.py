"""schema.org JSON-LD of an offer: a Course for courses, an Event with a weekly
schedule for everything else; in the page's language."""

from __future__ import annotations

from engagement_hub.core.directory.structured_data import (
    absolute,
    compact,
    image_url,
    place,
)

from .choices import CostKind, OfferKind

SCHEMA_DAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def schedules(page) -> list[dict]:
    return [
        {
            "@type": "Schedule",
            "byDay": f"https://schema.org/{SCHEMA_DAYS[slot.weekday]}",
            "repeatFrequency": "P1W",
            "startTime": slot.start_time.strftime("%H:%M"),
            "endTime": slot.end_time.strftime("%H:%M") if slot.end_time else None,
            "startDate": slot.valid_from.isoformat() if slot.valid_from else None,
            "endDate": slot.valid_until.isoformat() if slot.valid_until else None,
            "exceptDate": [day.isoformat() for day in slot.exceptions] or None,
            "scheduleTimezone": "Europe/Berlin",
        }
        for slot in page.schedule.all()
    ]


def offer_json_ld(page, request, association) -> dict:
    organizer = (
        {
            "@type": "Organization",
            "name": association.title,
            "url": absolute(request, association.get_url(request)),
        }
        if association is not None
        else None
    )
    offer = {
        "@type": "Offer",
        "price": "0" if page.cost_kind == CostKind.FREE else str(page.price),
        "priceCurrency": "EUR",
    }
    audience = {
        "@type": "PeopleAudience",
        "suggestedMinAge": page.min_age,
        "suggestedMaxAge": page.max_age,
    }
    common = {
        "@context": "https://schema.org",
        "name": page.title,
        "description": page.short_description,
        "url": absolute(request, page.get_url(request)),
        "inLanguage": page.locale.language_code,
        "image": image_url(request, page.image),
        "isAccessibleForFree": page.is_free,
        "offers": offer,
        "audience": audience
        if page.min_age is not None or page.max_age is not None
        else None,
    }
    if page.kind == OfferKind.COURSE:
        return compact(
            {
                **common,
                "@type": "Course",
                "provider": organizer,
                "hasCourseInstance": {
                    "@type": "CourseInstance",
                    "courseMode": "onsite",
                    "location": place(page),
                    "courseSchedule": schedules(page) or None,
                },
            }
        )
    return compact(
        {
            **common,
            "@type": "Event",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": place(page),
            "organizer": organizer,
            "eventSchedule": schedules(page) or None,
        }
    )
