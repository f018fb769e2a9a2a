"""RSVPs and invitations are personal data: registered with the personal-data
registry (export, erase) and deleted ``RETENTION`` after their date; the counts
stay on the date."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement_hub.core import legal, personal_data

from .conf import meeting_setting
from .models import Invitation, Occurrence, Rsvp


def export(email: str) -> dict:
    return {
        "registrations": [
            {
                "meeting": row.occurrence.title,
                "date": row.occurrence.starts_at.isoformat(),
                "answer": row.answer,
                "status": row.status,
                "people": row.people,
                "name": row.name,
                "language": row.language,
                "created_at": row.created_at.isoformat(),
            }
            for row in Rsvp.objects.filter(email__iexact=email).select_related(
                "occurrence__meeting"
            )
        ],
        "invitations": [
            {
                "meeting": row.occurrence.title,
                "date": row.occurrence.starts_at.isoformat(),
                "invited_at": row.invited_at.isoformat(),
            }
            for row in Invitation.objects.filter(email__iexact=email).select_related(
                "occurrence__meeting"
            )
        ],
    }


def erase(email: str, **options) -> dict:
    rsvps = Rsvp.objects.filter(email__iexact=email)
    freed = set(
        rsvps.filter(status=Rsvp.Status.CONFIRMED).values_list(
            "occurrence_id", flat=True
        )
    )
    deleted_rsvps, _rows = rsvps.delete()
    deleted_invitations, _rows = Invitation.objects.filter(email__iexact=email).delete()
    # A freed place goes to the first on the waiting list.
    from .rsvp import move_up

    for occurrence in Occurrence.objects.filter(
        pk__in=freed, starts_at__gt=timezone.now()
    ):
        with transaction.atomic():
            locked = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
            move_up(locked)
    return {"registrations": deleted_rsvps, "invitations": deleted_invitations}


def apply_retention() -> dict:
    """Delete the RSVPs and invitations of dates older than the retention; keep
    the counts (people per answer) on the date."""
    cutoff = timezone.now() - meeting_setting("RETENTION")
    purged = 0
    for occurrence in Occurrence.objects.filter(ends_at__lt=cutoff, rsvps_purged=False):
        with transaction.atomic():
            totals = dict(
                occurrence.rsvps.values("status")
                .annotate(n=Sum("people"))
                .values_list("status", "n")
            )
            Occurrence.objects.filter(pk=occurrence.pk).update(
                kept_yes=totals.get(Rsvp.Status.CONFIRMED, 0) or 0,
                kept_no=totals.get(Rsvp.Status.DECLINED, 0) or 0,
                kept_waitlist=totals.get(Rsvp.Status.WAITLISTED, 0) or 0,
                rsvps_purged=True,
            )
            occurrence.rsvps.all().delete()
            occurrence.invitations.all().delete()
            purged += 1
    return {"dates": purged}


personal_data.register(
    "meetings",
    label=_("Meeting registrations and invitations"),
    export=export,
    erase=erase,
    retention=apply_retention,
)


def data_kinds(hub) -> list[legal.DataKind]:
    """The meetings' paragraph of the privacy policy."""
    return [
        legal.DataKind(
            "meetings",
            gettext("Registrations for meetings and events"),
            gettext("Your name, email address, the number of people and your answer."),
            gettext("To plan the meeting and to remind you of it."),
            gettext("Art. 6(1)(a) GDPR (your consent)."),
            gettext("Deleted %(period)s after the date; only the numbers stay.")
            % {"period": legal.days(meeting_setting("RETENTION"))},
        )
    ]


legal.register_data_kinds("meetings", data_kinds, order=20)
