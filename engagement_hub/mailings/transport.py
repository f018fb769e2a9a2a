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
) -> Outcome:
    """Send ``rendered`` to each recipient; never raises for ESP errors."""
    path = backend_path()
    connection = get_connection(path)
    common = {"from_email": from_email, "reply_to": reply_to, "headers": headers}
    with connection:
        if uses_esp_merge(path) and len(recipients) > 1:
            outcome = _send_merged(connection, rendered, recipients, common)
            if outcome is not None:
                return outcome
        return _send_each(connection, rendered, recipients, common)


def _message(connection, rendered: RenderedMessage, to: list[str], common: dict):
    message = AnymailMessage(
        subject=rendered.subject,
        body=rendered.text,
        to=to,
        connection=connection,
        **common,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def _send_merged(connection, rendered, recipients, common) -> Outcome | None:
    """One ESP call for the batch; None if the batch must be sent one by one."""
    message = _message(connection, rendered, [r.email for r in recipients], common)
    message.merge_data = {r.email: r.values for r in recipients}
    message.merge_headers = {r.email: _own_headers(r) for r in recipients}
    message.merge_metadata = {r.email: {"delivery": r.delivery_id} for r in recipients}
    try:
        message.send()
    except (AnymailAPIError, AnymailInvalidAddress, AnymailRecipientsRefused) as error:
        kind = classify(error)
        if kind == AMBIGUOUS:
            outcome = Outcome()
            for recipient in recipients:
                outcome.add_failure(recipient.delivery_id, error)
            return outcome
        # One bad address fails a whole Mailgun batch: isolate it.
        return None
    return _accepted(message, recipients)


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
            if in_a_row >= OUTAGE_AFTER:
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
    message = _message(connection, own, [recipient.email], common)
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
