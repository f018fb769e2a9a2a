"""The mail API for producers (meetings, rooms, funding, the newsletter itself).

    from engagement_hub.mailings.api import (
        Attachment, AttachmentRequest, Audience, MessageType, Purpose, Recipient,
        INVITATION, NEWSLETTER, REMINDER, TRANSACTIONAL,
        register, register_audience, register_purpose, send,
    )

Register a :class:`MessageType` once (module level, imported from your
``AppConfig.ready``), then call ``send(type, recipients, context, key=...,
attachments=...)``. See docs/mail.md.
"""

from .messages import (
    INVITATION,
    NEWSLETTER,
    REMINDER,
    TRANSACTIONAL,
    Attachment,
    AttachmentRequest,
    Audience,
    MessageType,
    Purpose,
    Recipient,
    get_type,
    message_types,
    purposes,
    register,
    register_audience,
    register_purpose,
)
from .services import send

__all__ = [
    "INVITATION",
    "NEWSLETTER",
    "REMINDER",
    "TRANSACTIONAL",
    "Attachment",
    "AttachmentRequest",
    "Audience",
    "MessageType",
    "Purpose",
    "Recipient",
    "get_type",
    "message_types",
    "purposes",
    "register",
    "register_audience",
    "register_purpose",
    "send",
]
