"""The fixed choices of rooms and bookings (stored values, with their labels) and
the limits that the forms, the services and the privacy rules share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A series has at most this many dates (a year of weekly meetings).
MAX_SERIES_DATES = 53
# Booking requests and their dates are deleted this long after the last date.
RETENTION_DAYS = 180


class RoomType(models.TextChoices):
    HALL = "hall", _("Hall")
    MEETING = "meeting", _("Meeting room")
    SEMINAR = "seminar", _("Seminar room")
    SPORTS = "sports", _("Sports hall")
    CLUBHOUSE = "clubhouse", _("Club house")
    PARISH = "parish", _("Parish hall")
    WORKSHOP = "workshop", _("Workshop or kitchen")
    OUTDOOR = "outdoor", _("Outdoor area")


class OperatorKind(models.TextChoices):
    CITY = "city", _("The city")
    SCHOOL = "school", _("A school")
    CHURCH = "church", _("A church")
    ASSOCIATION = "association", _("An association")
    OTHER = "other", _("Other")


# (field, label) of the equipment a room can have; each is a filter.
EQUIPMENT = [
    ("has_projector", _("Projector")),
    ("has_sound_system", _("Sound system")),
    ("has_wifi", _("Wi-Fi")),
    ("has_kitchen", _("Kitchen")),
    ("has_stage", _("Stage")),
    ("has_piano", _("Piano")),
    ("has_flipchart", _("Flip chart or whiteboard")),
]


class Repeat(models.TextChoices):
    NONE = "", _("Only once")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


class BookingStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Address not yet confirmed")
    PENDING = "pending", _("Requested")
    APPROVED = "approved", _("Booked")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
