"""The fixed choices of an offer (stored values, with their labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    COURSE = "course", _("Course")
    GROUP = "group", _("Group")
    VOLUNTEERING = "volunteering", _("Volunteering opportunity")


class CostKind(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("With a fee")


class PriceUnit(models.TextChoices):
    SESSION = "session", _("per session")
    MONTH = "month", _("per month")
    COURSE = "course", _("for the whole course")
    YEAR = "year", _("per year")


class Commitment(models.TextChoices):
    ONE_OFF = "one_off", _("Once")
    OCCASIONAL = "occasional", _("Now and then")
    REGULAR = "regular", _("Regularly")
