"""Settings of the meetings app (``ENGAGEMENT_HUB_MEETINGS_<NAME>``), read lazily so
that ``override_settings`` works."""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Dates of a series are materialised as rows this far ahead.
    "HORIZON": timedelta(days=400),
    # Reminders to those who said yes, this many days before a date.
    "REMINDER_DAYS": (7, 1),
    # RSVPs are deleted this long after their date (the counts stay).
    "RETENTION": timedelta(days=90),
    # Signed RSVP links expire this long after they were made.
    "TOKEN_MAX_AGE": timedelta(days=400),
    # Public RSVPs from the page: attempts per hour per address and per client.
    "RSVP_RATE_PER_ADDRESS": 3,
    "RSVP_RATE_PER_CLIENT": 20,
    # Largest party one RSVP may register.
    "MAX_PEOPLE": 10,
    # Newsletter subscribers of this topic (slug) can be invited to meetings.
    "SUBSCRIBER_TOPIC": "termine",
    # Time zone of the calendar files.
    "TIME_ZONE": "Europe/Berlin",
}


def meeting_setting(name: str):
    return getattr(settings, f"ENGAGEMENT_HUB_MEETINGS_{name}", DEFAULTS[name])
