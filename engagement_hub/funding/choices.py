"""The fixed choices of a funding guide (stored values, with their labels) and who
may apply: the guide's fields, the index's facets and the finder share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderLevel(models.TextChoices):
    EU = "eu", _("European Union")
    FEDERAL = "federal", _("Federal government")
    LAND = "land", _("State of Mecklenburg-Vorpommern")
    COUNTY = "county", _("County of Ludwigslust-Parchim")
    TOWN = "town", _("Town of Ludwigslust")
    FOUNDATION = "foundation", _("Foundation or charity")
    COMPANY = "company", _("Company or savings bank")


class FundingKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    PRIZE = "prize", _("Prize")
    IN_KIND = "in_kind", _("In kind")


class Region(models.TextChoices):
    NATIONWIDE = "nationwide", _("Nationwide")
    LAND = "land", _("Mecklenburg-Vorpommern")
    COUNTY = "county", _("County of Ludwigslust-Parchim")
    TOWN = "town", _("Town of Ludwigslust")


# Where an applicant is -> the regions of programmes open to them.
REGIONS_FOR = {
    "town": {"nationwide", "land", "county", "town"},
    "county": {"nationwide", "land", "county"},
    "land": {"nationwide", "land"},
    "germany": {"nationwide"},
}


class DeadlineKind(models.TextChoices):
    FIXED = "fixed", _("Fixed dates")
    YEARLY = "yearly", _("A closing date every year")
    ROLLING = "rolling", _("Any time")


# Who may apply: (value, field, label). Each is a flag on the guide.
APPLICANTS = [
    ("association", "for_associations", _("Registered associations (e. V.)")),
    ("nonprofit", "for_nonprofits", _("Other non-profit organisations")),
    ("initiative", "for_initiatives", _("Initiatives without legal form")),
    ("individual", "for_individuals", _("Individual volunteers")),
    ("public", "for_public_bodies", _("Schools, day-care centres, municipalities")),
]
APPLICANT_FIELD = {value: field for value, field, _label in APPLICANTS}
APPLICANT_LABEL = {value: label for value, _field, label in APPLICANTS}
