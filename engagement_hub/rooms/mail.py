"""The rooms' message types (registered with the mail API at import time)."""

from django.utils.translation import gettext_lazy as _

from engagement_hub.mailings.api import REMINDER, TRANSACTIONAL, MessageType, register

from .ics import request_ics

CONFIRM_ADDRESS = register(
    MessageType(
        name="rooms.confirm_address",
        title=_("Room request: confirmation of the address"),
        template="engagement_hub/rooms/email/confirm_address",
        purpose=TRANSACTIONAL,
        reason=_("You get this because someone requested a room with this address."),
    )
)
DECISION = register(
    MessageType(
        name="rooms.decision",
        title=_("Room request: decision"),
        template="engagement_hub/rooms/email/decision",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you requested a room."),
        attachments=request_ics,
    )
)
CANCELLED = register(
    MessageType(
        name="rooms.cancelled",
        title=_("Room booking withdrawn"),
        template="engagement_hub/rooms/email/cancelled",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you requested a room."),
        attachments=request_ics,
    )
)
REMINDER_MAIL = register(
    MessageType(
        name="rooms.reminder",
        title=_("Room booking reminder"),
        template="engagement_hub/rooms/email/reminder",
        purpose=REMINDER,
        reason=_("You get this because you booked a room."),
    )
)
NEW_REQUEST = register(
    MessageType(
        name="rooms.new_request",
        title=_("New room request (to the room managers)"),
        template="engagement_hub/rooms/email/new_request",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you manage this room."),
    )
)
