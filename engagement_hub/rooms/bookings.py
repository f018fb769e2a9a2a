"""When a room can be booked and what is booked: its bookable hours and closures
(edited with the room), the booking requests and their dates (one row per
requested date).

The availability, the calendar, the forms, the feeds and the services read these;
the room page (``models``) sits above them and refers to them by name."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from engagement_hub.core.directory.models import WeeklySlot

from .choices import BookingStatus, Repeat

ROOM = "engagement_hub_rooms.RoomPage"


class RoomBookableHours(Orderable, WeeklySlot):
    page = ParentalKey(ROOM, related_name="bookable_hours", on_delete=models.CASCADE)

    panels = WeeklySlot.panels

    class Meta(WeeklySlot.Meta):
        verbose_name = _("bookable hours")
        verbose_name_plural = _("bookable hours")
        ordering = ["sort_order"]


class RoomClosure(Orderable):
    """Days on which the room cannot be booked (holidays, maintenance)."""

    page = ParentalKey(ROOM, related_name="closures", on_delete=models.CASCADE)
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"))
    reason = models.CharField(
        _("reason"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the public calendar."),
    )

    panels = [
        FieldRowPanel([FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError(
                {"last_day": _("The last day must not be before the first.")}
            )


class BookingRequest(models.Model):
    """A request for one date or a series, by a person without an account. Its
    dates are :class:`Booking` rows, decided one by one or all together."""

    room = models.ForeignKey(
        ROOM,
        verbose_name=_("room"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    name = models.CharField(_("name"), max_length=200)
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
    association_name = models.CharField(
        _("association or group"), max_length=200, blank=True
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    attendees = models.PositiveSmallIntegerField(_("expected attendees"))
    notes = models.TextField(_("notes"), blank=True)
    repeat = models.CharField(
        _("repeat"), max_length=20, choices=Repeat.choices, blank=True
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    rules_accepted_at = models.DateTimeField(_("usage rules accepted"))
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    erased = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ["-created_at"]
        permissions = [
            ("decide_all_bookings", "Can decide booking requests of every room"),
        ]

    def __str__(self) -> str:
        return f"{self.room.title}: {self.purpose}"

    @property
    def organisation(self) -> str:
        if self.association_id:
            return self.association.title
        return self.association_name

    @property
    def last_day(self):
        last = (
            self.bookings.order_by("-starts_at")
            .values_list("starts_at", flat=True)
            .first()
        )
        return timezone.localdate(last) if last else None


class Booking(models.Model):
    """One date of a request. Approved dates of a room never overlap, buffer
    included: on PostgreSQL an exclusion constraint (migration 0002) guarantees
    it, on other databases ``services.approve`` checks under a lock."""

    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="bookings"
    )
    room = models.ForeignKey(ROOM, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    blocked_until = models.DateTimeField(
        _("blocked until"), help_text=_("The end plus the room's buffer.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BookingStatus.choices,
        default=BookingStatus.UNCONFIRMED,
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booked date")
        verbose_name_plural = _("booked dates")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at"))
                & Q(blocked_until__gte=models.F("ends_at")),
                name="eh_rooms_booking_times",
            )
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%Y-%m-%d %H:%M}"

    @classmethod
    def span(cls, room, day, start, end) -> tuple[datetime, datetime, datetime]:
        starts = timezone.make_aware(datetime.combine(day, start))
        ends = timezone.make_aware(datetime.combine(day, end))
        return starts, ends, ends + timedelta(minutes=room.buffer_minutes)

    def overlapping(self):
        """Other approved dates of the room that overlap this one (with buffers)."""
        return Booking.objects.filter(
            room_id=self.room_id,
            status=BookingStatus.APPROVED,
            starts_at__lt=self.blocked_until,
            blocked_until__gt=self.starts_at,
        ).exclude(pk=self.pk)
