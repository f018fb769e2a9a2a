"""RSVPs per date: capacity, waiting list, move-up (the signed personal links are
in ``links.py``).

Every change runs in one transaction that first locks the date's row
(``select_for_update``), so concurrent answers for the last places are counted one
after another: with 10 places left, 50 simultaneous "yes" end with exactly 10
confirmed and 40 on the waiting list. The waiting list is first come, first
served; when places free up, the first in line moves up while their party fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .caching import dates_changed
from .conf import meeting_setting
from .notify import after_answer
from .rows import Occurrence, Rsvp


class RsvpError(Exception):
    """An answer that cannot be taken; ``message`` is shown to the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# -- answering -----------------------------------------------------------------


@dataclass
class Outcome:
    rsvp: Rsvp
    previous_status: str | None
    moved_up: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.previous_status != self.rsvp.status


def _confirmed_people(occurrence_id: int, exclude_pk=None) -> int:
    rows = Rsvp.objects.filter(
        occurrence_id=occurrence_id, status=Rsvp.Status.CONFIRMED
    )
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    return rows.aggregate(n=Sum("people"))["n"] or 0


def respond(
    occurrence_id: int,
    email: str,
    *,
    answer: str,
    people: int = 1,
    name: str = "",
    language: str = "de",
    association_id: int | None = None,
    notify: bool = True,
) -> Outcome:
    """Record ``email``'s answer for the date; raises RsvpError with a message for
    the person. Mails (confirmation, move-ups) go out after the commit."""
    email = email.strip().lower()
    if answer not in Rsvp.Answer.values:
        raise RsvpError(_("Please choose an answer."))
    if not isinstance(people, int) or not 1 <= people <= meeting_setting("MAX_PEOPLE"):
        raise RsvpError(
            _("Please register between 1 and %(max)s people.")
            % {"max": meeting_setting("MAX_PEOPLE")}
        )
    with transaction.atomic():
        try:
            occurrence = (
                Occurrence.objects.select_for_update()
                .select_related("meeting")
                .get(pk=occurrence_id)
            )
        except Occurrence.DoesNotExist:
            raise RsvpError(_("This date does not exist (any more).")) from None
        if occurrence.is_cancelled:
            raise RsvpError(_("This date is cancelled."))
        if occurrence.is_past:
            raise RsvpError(_("This date is over; answers are closed."))
        rsvp = (
            Rsvp.objects.select_for_update()
            .filter(occurrence=occurrence, email=email)
            .first()
        )
        previous = rsvp.status if rsvp else None
        if rsvp is None:
            rsvp = Rsvp(occurrence=occurrence, email=email)
        was_confirmed = previous == Rsvp.Status.CONFIRMED
        rsvp.answer = answer
        rsvp.name = name[:150] if name else rsvp.name
        rsvp.language = language
        if association_id:
            rsvp.association_id = association_id
        places = occurrence.places
        if answer == Rsvp.Answer.YES:
            taken = _confirmed_people(occurrence.pk, exclude_pk=rsvp.pk)
            fits = places is None or taken + people <= places
            if fits:
                rsvp.status = Rsvp.Status.CONFIRMED
                rsvp.waitlisted_at = None
            elif was_confirmed:
                raise RsvpError(
                    _(
                        "There are not enough places for %(people)s people. Your "
                        "registration for %(old)s stays as it was."
                    )
                    % {"people": people, "old": rsvp.people}
                )
            else:
                rsvp.status = Rsvp.Status.WAITLISTED
                if previous != Rsvp.Status.WAITLISTED:
                    rsvp.waitlisted_at = timezone.now()
            rsvp.people = people
        elif answer == Rsvp.Answer.MAYBE:
            rsvp.status = Rsvp.Status.MAYBE
            rsvp.waitlisted_at = None
            rsvp.people = people
        else:
            rsvp.status = Rsvp.Status.DECLINED
            rsvp.waitlisted_at = None
        rsvp.changes += 1
        try:
            with transaction.atomic():
                rsvp.save()
        except IntegrityError:  # the same address answered in parallel
            raise RsvpError(
                _("Your answer was sent twice at once. Please try again.")
            ) from None
        moved = move_up(occurrence) if places is not None else []
        outcome = Outcome(rsvp, previous, moved)
        if notify:
            rsvp_pk = rsvp.pk
            changed = outcome.changed or previous is None
            transaction.on_commit(lambda: after_answer(rsvp_pk, changed, moved))
    return outcome


def move_up(occurrence: Occurrence) -> list[int]:
    """Confirm the first people on the waiting list while their party fits (the
    caller holds the date's lock). Returns the RSVPs moved up."""
    places = occurrence.places
    if places is None:
        waiting = Rsvp.objects.filter(
            occurrence=occurrence, status=Rsvp.Status.WAITLISTED
        )
        moved = list(waiting.values_list("pk", flat=True))
        waiting.update(status=Rsvp.Status.CONFIRMED, waitlisted_at=None)
        dates_changed([occurrence.meeting_id], calendar=False)
        return moved
    free = places - _confirmed_people(occurrence.pk)
    moved = []
    for rsvp in (
        Rsvp.objects.select_for_update()
        .filter(occurrence=occurrence, status=Rsvp.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
    ):
        if rsvp.people > free:
            break
        rsvp.status = Rsvp.Status.CONFIRMED
        rsvp.waitlisted_at = None
        rsvp.save(update_fields=["status", "waitlisted_at", "updated_at"])
        free -= rsvp.people
        moved.append(rsvp.pk)
    return moved


def counts(occurrence: Occurrence) -> dict:
    """People per status (the kept counts once the RSVPs are deleted)."""
    if occurrence.rsvps_purged:
        return {
            "yes": occurrence.kept_yes,
            "no": occurrence.kept_no,
            "waitlist": occurrence.kept_waitlist,
            "maybe": 0,
        }
    totals = dict.fromkeys(("yes", "no", "waitlist", "maybe"), 0)
    names = {
        Rsvp.Status.CONFIRMED: "yes",
        Rsvp.Status.DECLINED: "no",
        Rsvp.Status.WAITLISTED: "waitlist",
        Rsvp.Status.MAYBE: "maybe",
    }
    for status, people in (
        occurrence.rsvps.values("status")
        .annotate(n=Sum("people"))
        .values_list("status", "n")
    ):
        if status in names:
            totals[names[status]] += people or 0
    return totals
