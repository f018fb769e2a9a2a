"""Typed messages: what a producer registers once, and the recipients it hands over.

The engine knows no domain. A producer (newsletter, meetings, rooms, funding, ...)
registers each kind of mail it sends as a :class:`MessageType` (cf. pretix's
``NotificationType`` registry) at import time of a module its ``AppConfig.ready``
imports, and sends it with :func:`engagement_hub.mailings.api.send`::

    INVITATION = register(MessageType(
        name="meetings.invitation",
        template="engagement_hub/meetings/email/invitation",
        purpose=INVITATION_PURPOSE,
        reason=_("You get this because your club is invited to the Vereinstreffen."),
        attachments=invitation_ics,
    ))

Everything a type declares is resolved when the mail is rendered, in the language of
each recipient: the reason is a lazy string, attachments a function of the
mailing's context, the language and (optionally) the recipient.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# -- purposes --------------------------------------------------------------------

NEWSLETTER = "newsletter"
INVITATION = "invitation"
REMINDER = "reminder"
TRANSACTIONAL = "transactional"


@dataclass(frozen=True)
class Purpose:
    """Why a mail is sent, the unit of consent. Mail of a purpose that can be stopped
    carries an unsubscribe link (and List-Unsubscribe header) that stops only this
    purpose; transactional mail (a confirmation, a booking) cannot be stopped, only a
    hard bounce or a complaint stops it."""

    key: str
    label: Promise | str
    can_stop: bool = True


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(purpose: Purpose) -> Purpose:
    """Add a purpose (idempotent for the same definition)."""
    existing = _PURPOSES.get(purpose.key)
    if existing is not None and existing != purpose:
        raise ValueError(f"Purpose {purpose.key!r} is already registered differently")
    _PURPOSES[purpose.key] = purpose
    return purpose


def get_purpose(key: str) -> Purpose:
    try:
        return _PURPOSES[key]
    except KeyError:
        raise LookupError(f"Unknown mail purpose {key!r}") from None


def purposes() -> list[Purpose]:
    return list(_PURPOSES.values())


def purpose_label(key: str) -> Promise | str:
    purpose = _PURPOSES.get(key)
    return purpose.label if purpose else key


register_purpose(Purpose(NEWSLETTER, _("newsletter")))
register_purpose(Purpose(INVITATION, _("invitations")))
register_purpose(Purpose(REMINDER, _("reminders")))
register_purpose(Purpose(TRANSACTIONAL, _("transactional mail"), can_stop=False))


# -- attachments -----------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message (``content`` as bytes or text)."""

    filename: str
    content: bytes | str
    mimetype: str = "application/octet-stream"

    def to_json(self) -> dict:
        raw = self.content.encode() if isinstance(self.content, str) else self.content
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content": base64.b64encode(raw).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict) -> Attachment:
        return cls(
            filename=data["filename"],
            content=base64.b64decode(data["content"]),
            mimetype=data.get("mimetype") or "application/octet-stream",
        )


@dataclass(frozen=True)
class AttachmentRequest:
    """What an attachment function gets: the mailing's context, the language of
    the message, and the recipient (only for ``attachments_per_recipient`` types;
    otherwise None and the result is shared by all recipients of the language)."""

    context: dict
    language: str
    email: str | None = None
    recipient_context: dict = field(default_factory=dict)


AttachmentFunction = Callable[[AttachmentRequest], Iterable[Attachment]]
# (the mailing's context, its page or None) -> what this mailing is about.
LabelFunction = Callable[[dict, object], str]


# -- message types ---------------------------------------------------------------

STOP_UNSUBSCRIBE = "unsubscribe"
STOP_NONE = "none"


@dataclass(frozen=True)
class MessageType:
    """One kind of mail a producer sends.

    ``template`` names a template set (``<template>_subject.txt``, ``.txt``,
    ``.html``; they usually extend ``engagement_hub/mailings/email/base.*``).
    ``reason`` is shown in the footer, rendered in each recipient's language (pass a
    lazy string). ``stop`` is how a recipient stops this mail: ``"unsubscribe"`` (a
    link that withdraws consent for the purpose only) or ``"none"``; by default it
    follows the purpose. ``attachments`` is called at send time, once per language,
    or once per recipient with ``attachments_per_recipient`` (then every recipient
    gets its own ESP call).

    ``title`` names the kind of mail for people in the admin ("Confirmation of a
    newsletter sign-up"; a lazy string). ``label`` is called once when a mailing
    is created, with its context and page, and returns what this one mailing is
    about ("Vereinstreffen – 12.01.2027 18:00"); it is stored with the mailing, so
    lists of mailings name them without a query per row. Without ``label`` the
    page's title is used, if the mailing has a page.
    """

    name: str
    template: str
    purpose: str
    reason: Promise | str
    stop: str | None = None
    attachments: AttachmentFunction | None = None
    attachments_per_recipient: bool = False
    title: Promise | str = ""
    label: LabelFunction | None = None

    def __post_init__(self) -> None:
        purpose = get_purpose(self.purpose)
        if self.stop is None:
            stop = STOP_UNSUBSCRIBE if purpose.can_stop else STOP_NONE
            object.__setattr__(self, "stop", stop)
        if self.stop not in (STOP_UNSUBSCRIBE, STOP_NONE):
            raise ValueError(f"stop must be 'unsubscribe' or 'none', not {self.stop!r}")
        if self.stop == STOP_UNSUBSCRIBE and not purpose.can_stop:
            raise ValueError(f"Mail of purpose {self.purpose!r} cannot be stopped")

    @property
    def can_stop(self) -> bool:
        return self.stop == STOP_UNSUBSCRIBE


_TYPES: dict[str, MessageType] = {}


def register(message_type: MessageType) -> MessageType:
    """Register ``message_type`` under its name; returns it (use it as a constant).
    Registering the same name twice with another definition is an error."""
    existing = _TYPES.get(message_type.name)
    if existing is not None and existing != message_type:
        raise ValueError(f"Message type {message_type.name!r} is already registered")
    _TYPES[message_type.name] = message_type
    return message_type


def get_type(name: str) -> MessageType:
    try:
        return _TYPES[name]
    except KeyError:
        raise LookupError(
            f"Unknown message type {name!r}: is the producer's module imported "
            "in its AppConfig.ready()?"
        ) from None


def message_types() -> list[MessageType]:
    return list(_TYPES.values())


def type_title(name: str) -> Promise | str:
    """The human title of the message type ``name`` (its purpose's label when the
    type has none; the name itself when no producer registered it)."""
    message_type = _TYPES.get(name)
    if message_type is None:
        return name
    return message_type.title or purpose_label(message_type.purpose)


# -- recipients ------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """One recipient as a producer names it. ``context`` holds the recipient's own
    values (``{{ recipient.<key> }}`` in templates, e.g. a personal link);
    ``party`` names who else may opt out for this recipient (a club:
    ``"association:12"``)."""

    email: str
    language: str = "de"
    subscriber_id: int | None = None
    party: str = ""
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Audience:
    """Recipients chosen when sending starts, by a registered audience function
    (``register_audience``) with JSON-serialisable, non-personal ``params``."""

    name: str
    params: dict = field(default_factory=dict)


AudienceFunction = Callable[[dict], Iterator[Recipient]]
# params -> number of recipients per language code, counted in the database.
AudienceCount = Callable[[dict], dict[str, int]]
_AUDIENCES: dict[str, AudienceFunction] = {}
_AUDIENCE_COUNTS: dict[str, AudienceCount] = {}


def register_audience(
    name: str, function: AudienceFunction, count: AudienceCount | None = None
) -> AudienceFunction:
    """``function(params)`` yields the recipients (stream them: it is consumed in
    chunks, so a large audience never sits in memory). ``count(params)``, if
    given, returns how many recipients there are per language without loading
    them: the send form shows it, and a mailing's report shows its track at once,
    before the worker has expanded the audience into deliveries."""
    _AUDIENCES[name] = function
    if count is not None:
        _AUDIENCE_COUNTS[name] = count
    return function


def count_audience(name: str, params: dict) -> dict[str, int] | None:
    """Recipients per language of a registered audience, or None if it has no
    count function."""
    count = _AUDIENCE_COUNTS.get(name)
    return None if count is None else dict(count(params))


def get_audience(name: str) -> AudienceFunction:
    try:
        return _AUDIENCES[name]
    except KeyError:
        raise LookupError(f"Unknown audience {name!r}") from None


def type_name(message_type: MessageType | str) -> str:
    return message_type if isinstance(message_type, str) else message_type.name
