"""Handing rendered messages to the email backend and sorting out what happened.

Mailgun (through django-anymail) gets one API call per batch: ``merge_data`` fills
the placeholders, ``merge_headers`` gives each recipient their own List-Unsubscribe
and every recipient sees only their own address. Other backends get one message per
recipient, personalised locally, over one connection.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field

import requests
from anymail.exceptions import (
    AnymailAPIError,
    AnymailInvalidAddress,
    AnymailRecipientsRefused,
)
from anymail.message import AnymailMessage
from django.core.mail import get_connection

from engagement_hub.core.conf import hub_settings

from .rendering import RenderedMessage, personalise

TRANSIENT = "transient"
PERMANENT = "permanent"
AMBIGUOUS = "ambiguous"


@dataclass
class Recipient:
    delivery_id: int
    email: str
    values: dict[str, str]
    message_id: str = ""
    attachments: list = field(default_factory=list)


@dataclass
class Outcome:
    """What the ESP did with each delivery of a batch."""

    accepted: dict[int, str] = field(default_factory=dict)
    failed: dict[int, tuple[str, str]] = field(default_factory=dict)

    def add_failure(self, delivery_id: int, error: Exception) -> None:
        self.failed[delivery_id] = (classify(error), describe(error))


def classify(error: Exception) -> str:
    """Transient errors may be retried; permanent ones never; ambiguous ones might
    have been accepted by the ESP and so are never resent automatically."""
    if isinstance(
        error,
        AnymailInvalidAddress
        | AnymailRecipientsRefused
        | smtplib.SMTPRecipientsRefused,
    ):
        return PERMANENT
    if isinstance(error, requests.ConnectTimeout):
        return TRANSIENT
    if isinstance(error, requests.Timeout | requests.ConnectionError):
        # The request may have reached the ESP; only a refused connection did not.
        return TRANSIENT if _connection_refused(error) else AMBIGUOUS
    if isinstance(error, AnymailAPIError):
        status = error.status_code
        if status is None or status == 429 or status >= 500:
            return TRANSIENT
        return PERMANENT
    if isinstance(error, smtplib.SMTPResponseException) and error.smtp_code < 500:
        return TRANSIENT
    if isinstance(error, smtplib.SMTPException):
        return PERMANENT
    return TRANSIENT


def _connection_refused(error: Exception) -> bool:
    text = repr(error.args) + repr(error.__cause__)
    return "NewConnectionError" in text or "Connection refused" in text


def describe(error: Exception) -> str:
    status = getattr(error, "status_code", None)
    prefix = f"HTTP {status}: " if status else ""
    return (prefix + f"{type(error).__name__}: {error}")[:1000]


def uses_esp_merge(backend_path: str) -> bool:
    """Can this backend fill ``%recipient.x%`` placeholders itself (batch sending)?"""
    return backend_path.startswith("anymail.backends.mailgun")


def backend_path() -> str:
    from django.conf import settings

    return hub_settings.MAIL_BACKEND or settings.EMAIL_BACKEND


def send(
    rendered: RenderedMessage,
    recipients: list[Recipient],
    *,
    from_email: str,
    reply_to: list[str],
    headers: dict[str, str],
    attachments: list | None = None,
    unsubscribe: bool = True,
) -> Outcome:
    """Send ``rendered`` to each recipient; never raises for ESP errors.

    ``attachments`` go to every recipient, each recipient's own ``attachments`` only
    to it (such recipients get a message of their own). ``unsubscribe`` adds the
    recipient's List-Unsubscribe header."""
    path = backend_path()
    connection = get_connection(path)
    common = {
        "from_email": from_email,
        "reply_to": reply_to,
        "headers": headers,
        "attachments": attachments or [],
        "unsubscribe": unsubscribe,
    }
    own_files = any(recipient.attachments for recipient in recipients)
    with connection:
        if uses_esp_merge(path) and len(recipients) > 1 and not own_files:
            outcome = _send_merged(connection, rendered, recipients, common)
            if outcome is not None:
                return outcome
        return _send_each(connection, rendered, recipients, common)


def _message(
    connection, rendered: RenderedMessage, to: list[str], common: dict, files=()
):
    message = AnymailMessage(
        subject=rendered.subject,
        body=rendered.text,
        to=to,
        connection=connection,
        from_email=common["from_email"],
        reply_to=common["reply_to"],
        headers=common["headers"],
    )
    message.attach_alternative(rendered.html, "text/html")
    for attachment in [*common["attachments"], *files]:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def _send_merged(connection, rendered, recipients, common) -> Outcome | None:
    """One ESP call for the batch; None if the batch must be sent one by one."""
    message = _message(connection, rendered, [r.email for r in recipients], common)
    message.merge_data = {r.email: r.values for r in recipients}
    if common["unsubscribe"]:
        message.merge_headers = {r.email: _own_headers(r) for r in recipients}
    message.merge_metadata = {r.email: {"delivery": r.delivery_id} for r in recipients}
    try:
        message.send()
    except (AnymailAPIError, AnymailInvalidAddress, AnymailRecipientsRefused) as error:
        if classify(error) == PERMANENT and not is_outage(error):
            # One bad address fails a whole Mailgun batch: isolate it.
            return None
        # The ESP is rate limiting or in trouble (429, 5xx), or its answer was
        # lost: the whole batch backs off, never one call per recipient.
        outcome = Outcome()
        for recipient in recipients:
            outcome.add_failure(recipient.delivery_id, error)
        return outcome
    return _accepted(message, recipients)


def is_outage(error: Exception) -> bool:
    """A 429 or 5xx: the ESP as a whole, not one address."""
    status = getattr(error, "status_code", None)
    return status is not None and (status == 429 or status >= 500)


def _own_headers(recipient: Recipient) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{recipient.values['unsubscribe_url']}>"}


# After this many transient failures in a row the ESP itself is in trouble (not one
# address): the rest of the batch waits for the retry instead of hammering it.
OUTAGE_AFTER = 3


def _send_each(connection, rendered, recipients, common) -> Outcome:
    outcome = Outcome()
    in_a_row = 0
    for index, recipient in enumerate(recipients):
        try:
            _send_one(connection, rendered, recipient, common)
        except SEND_ERRORS as error:
            outcome.add_failure(recipient.delivery_id, error)
            in_a_row = in_a_row + 1 if classify(error) == TRANSIENT else 0
            if in_a_row >= OUTAGE_AFTER or is_outage(error):
                for waiting in recipients[index + 1 :]:
                    outcome.add_failure(waiting.delivery_id, error)
                break
            continue
        in_a_row = 0
        outcome.accepted[recipient.delivery_id] = recipient.message_id
    return outcome


SEND_ERRORS = (
    AnymailAPIError,
    AnymailInvalidAddress,
    AnymailRecipientsRefused,
    smtplib.SMTPException,
    OSError,
)


def _send_one(connection, rendered, recipient: Recipient, common) -> None:
    own = personalise(rendered, recipient.values)
    message = _message(
        connection, own, [recipient.email], common, files=recipient.attachments
    )
    if common["unsubscribe"]:
        message.extra_headers = {**common["headers"], **_own_headers(recipient)}
    message.metadata = {"delivery": recipient.delivery_id}
    message.send()
    accepted = _accepted(message, [recipient]).accepted
    recipient.message_id = accepted.get(recipient.delivery_id, "")


def _accepted(message, recipients: list[Recipient]) -> Outcome:
    status = getattr(message, "anymail_status", None)
    per_recipient = getattr(status, "recipients", None) or {}
    outcome = Outcome()
    for recipient in recipients:
        entry = per_recipient.get(recipient.email)
        message_id = getattr(entry, "message_id", None) or ""
        outcome.accepted[recipient.delivery_id] = str(message_id)[:255]
    return outcome


# -- asking the ESP what it accepted ----------------------------------------------


def lookup_accepted(rows) -> dict[int, str | None] | None:
    """For deliveries of unknown fate: what the ESP accepted. Maps delivery id to
    the ESP's message id (accepted) or None (provably not accepted); ids the ESP
    could not answer for are left out. None if this ESP cannot be asked.

    Mailgun keeps an event log (``GET /v3/<domain>/events``, filterable by
    ``event=accepted`` and ``recipient``, with the message's user-variables, where
    our delivery id travels as ``v:delivery``)."""
    if not backend_path().startswith("anymail.backends.mailgun"):
        return None
    from django.conf import settings

    anymail = getattr(settings, "ANYMAIL", {}) or {}
    api_key = anymail.get("MAILGUN_API_KEY")
    if not api_key:
        return None
    api_url = anymail.get("MAILGUN_API_URL", "https://api.mailgun.net/v3").rstrip("/")
    domain = anymail.get("MAILGUN_SENDER_DOMAIN") or _sender_domain()
    found: dict[int, str | None] = {}
    for row in rows:
        begin = row.handed_over_at or row.claimed_at or row.created_at
        try:
            response = requests.get(
                f"{api_url}/{domain}/events",
                auth=("api", api_key),
                params={
                    "event": "accepted",
                    "recipient": row.email,
                    "begin": begin.timestamp() - 60,
                    "ascending": "yes",
                    "limit": 300,
                },
                timeout=10,
            )
            response.raise_for_status()
            items = response.json().get("items", [])
        except (requests.RequestException, ValueError):
            continue
        found[row.pk] = None
        for item in items:
            variables = item.get("user-variables") or {}
            if str(variables.get("delivery")) == str(row.pk):
                headers = (item.get("message") or {}).get("headers") or {}
                found[row.pk] = str(headers.get("message-id") or "accepted")
                break
    return found


def _sender_domain() -> str:
    from email.utils import parseaddr

    from django.conf import settings

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
