"""The meetings' message types (registered with the mail API at import time)."""

from django.utils.translation import gettext_lazy as _

from engagement_hub.mailings.api import (
    INVITATION,
    REMINDER,
    TRANSACTIONAL,
    MessageType,
    register,
)

from .ics import occurrence_ics

T = "engagement_hub/meetings/email/"


def occurrence_label(context: dict, page) -> str:
    """A meeting's mailing is about one date: "Vereinstreffen – 12.01.2027 18:00"."""
    from .rows import Occurrence

    occurrence = (
        Occurrence.objects.select_related("meeting")
        .filter(pk=context.get("occurrence"))
        .first()
    )
    if occurrence is not None:
        return str(occurrence)
    return page.title if page is not None else ""


MEETING_INVITATION = register(
    MessageType(
        name="meetings.invitation",
        title=_("Meeting invitation"),
        label=occurrence_label,
        template=T + "invitation",
        purpose=INVITATION,
        reason=_(
            "You get this because your club or your address is on the invitation "
            "list of the town's meetings."
        ),
        attachments=occurrence_ics,
    )
)
RSVP_RECEIVED = register(
    MessageType(
        name="meetings.rsvp",
        title=_("Answer to a meeting invitation"),
        label=occurrence_label,
        template=T + "rsvp",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you answered an invitation to a meeting."),
        attachments=occurrence_ics,
    )
)
PUBLIC_CONFIRM = register(
    MessageType(
        name="meetings.confirm",
        title=_("Confirmation of a meeting registration"),
        label=occurrence_label,
        template=T + "confirm",
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this because someone registered this address for a meeting. If "
            "that was not you, ignore it: without your confirmation nothing happens."
        ),
    )
)
MOVED_UP = register(
    MessageType(
        name="meetings.moved_up",
        title=_("Place from the waiting list"),
        label=occurrence_label,
        template=T + "moved_up",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you were on the waiting list of a meeting."),
        attachments=occurrence_ics,
    )
)
MEETING_REMINDER = register(
    MessageType(
        name="meetings.reminder",
        title=_("Meeting reminder"),
        label=occurrence_label,
        template=T + "reminder",
        purpose=REMINDER,
        reason=_("You get this because you registered for this meeting."),
        attachments=occurrence_ics,
    )
)
DATE_CHANGED = register(
    MessageType(
        name="meetings.update",
        title=_("Change of a meeting date"),
        label=occurrence_label,
        template=T + "update",
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this because you were invited to or registered for this date."
        ),
        attachments=occurrence_ics,
    )
)
MINUTES = register(
    MessageType(
        name="meetings.minutes",
        title=_("Meeting minutes"),
        label=occurrence_label,
        template=T + "minutes",
        purpose=INVITATION,
        reason=_(
            "You get this because you were invited to or took part in this meeting."
        ),
    )
)
