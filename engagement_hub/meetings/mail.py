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

MEETING_INVITATION = register(
    MessageType(
        name="meetings.invitation",
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
        template=T + "rsvp",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you answered an invitation to a meeting."),
        attachments=occurrence_ics,
    )
)
PUBLIC_CONFIRM = register(
    MessageType(
        name="meetings.confirm",
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
        template=T + "moved_up",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you were on the waiting list of a meeting."),
        attachments=occurrence_ics,
    )
)
MEETING_REMINDER = register(
    MessageType(
        name="meetings.reminder",
        template=T + "reminder",
        purpose=REMINDER,
        reason=_("You get this because you registered for this meeting."),
        attachments=occurrence_ics,
    )
)
DATE_CHANGED = register(
    MessageType(
        name="meetings.update",
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
        template=T + "minutes",
        purpose=INVITATION,
        reason=_(
            "You get this because you were invited to or took part in this meeting."
        ),
    )
)
