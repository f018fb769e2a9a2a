"""The rows of the meetings that every layer reads: the kinds of meeting, a date
(``Occurrence``) with its capacity, status, minutes and attendance, the RSVPs and
the invitations. They refer to the meeting page by name only, so that this module
needs neither the page classes nor the views (``pages.py`` holds those)."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.chrome_cache import default_locale

from .conf import meeting_setting


class MeetingKind(models.TextChoices):
    CLUB_MEETUP = "club_meetup", _("Meeting of all clubs (Vereinstreffen)")
    WELCOME = "welcome", _("Welcome get-together (Willkommensstammtisch)")
    WORKSHOP = "workshop", _("Workshop")
    CLUB_EVENT = "club_event", _("Club event")


class Occurrence(models.Model):
    """One date of a meeting: its own time, capacity, status, RSVPs and minutes."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey(
        "engagement_hub_meetings.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="occurrences",
    )
    original_date = models.DateField(
        _("date in the series"),
        help_text=_("The date the rule gives; the key that keeps RSVPs."),
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: the meeting's.")
    )
    note = models.CharField(_("note for this date"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    minutes = RichTextField(_("minutes"), blank=True, features=RICH_TEXT_FEATURES)
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    # Counts kept after the RSVPs are deleted (retention).
    kept_yes = models.PositiveIntegerField(default=0, editable=False)
    kept_no = models.PositiveIntegerField(default=0, editable=False)
    kept_waitlist = models.PositiveIntegerField(default=0, editable=False)
    rsvps_purged = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("meeting date")
        verbose_name_plural = _("meeting dates")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "original_date"], name="eh_meetings_one_date_per_day"
            ),
        ]
        permissions = [
            ("view_registrations", "Can see who was invited and who registered"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.meeting.title} – {local:%d.%m.%Y %H:%M}"

    @property
    def title(self) -> str:
        return self.meeting.title

    @property
    def places(self) -> int | None:
        return self.capacity if self.capacity is not None else self.meeting.capacity

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_open(self) -> bool:
        return not self.is_past and not self.is_cancelled

    def confirmed_people(self) -> int:
        return (
            self.rsvps.filter(status=Rsvp.Status.CONFIRMED).aggregate(n=Sum("people"))[
                "n"
            ]
            or 0
        )

    def free_places(self) -> int | None:
        if self.places is None:
            return None
        return max(self.places - self.confirmed_people(), 0)


class Rsvp(models.Model):
    """One person's (or club's) answer for one date. Personal data: deleted
    ``RETENTION`` after the date, the counts stay on the date."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes, I will come")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No, I cannot come")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for email confirmation")
        CONFIRMED = "confirmed", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        MAYBE = "maybe", _("maybe")
        DECLINED = "declined", _("declined")

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="rsvps"
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    association = models.ForeignKey(
        "engagement_hub_associations.AssociationPage",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    changes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "email"], name="eh_meetings_one_rsvp_per_address"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"

    @property
    def attends(self) -> bool:
        return self.status == self.Status.CONFIRMED


class Invitation(models.Model):
    """Who was invited to which date (for the admin's per-date list and updates)."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, default="de")
    association = models.ForeignKey(
        "engagement_hub_associations.AssociationPage",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mailing = models.ForeignKey(
        "engagement_hub_mailings.Mailing",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "email"], name="eh_meetings_one_invitation"
            ),
        ]

    def __str__(self) -> str:
        return self.email


def upcoming(queryset=None):
    queryset = queryset if queryset is not None else Occurrence.objects.all()
    return queryset.filter(starts_at__gt=timezone.now() - timedelta(hours=0))


def live_occurrences():
    return Occurrence.objects.filter(
        Q(meeting__live=True), meeting__locale=default_locale()
    )


MAX_PEOPLE = meeting_setting("MAX_PEOPLE")
