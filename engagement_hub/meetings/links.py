"""Signed personal links of the meetings: the RSVP link of an invitation (kept
for the token's lifetime) and the short-lived confirmation link of a public
registration. A token carries the date, the address and a few extras."""

from __future__ import annotations

import base64

from django.core import signing

from .conf import meeting_setting

RSVP_SALT = "engagement_hub.meetings.rsvp"
CONFIRM_SALT = "engagement_hub.meetings.public-confirm"
# Public confirmation links are short-lived.
CONFIRM_MAX_AGE = 3 * 24 * 3600


class InvalidToken(Exception):
    pass


# -- tokens --------------------------------------------------------------


def _wrap(signed: str) -> str:
    """Wagtail's page routes allow only ``[A-Za-z0-9_-]`` in a path segment; the
    signed value (with ``:`` and ``.``) is base64url-encoded once more."""
    return base64.urlsafe_b64encode(signed.encode()).rstrip(b"=").decode()


def _unwrap(token: str) -> str:
    if not token or len(token) > 2000:
        raise ValueError
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")


def make_token(occurrence_id: int, email: str, **extra) -> str:
    payload = {"o": occurrence_id, "e": email.strip().lower(), **extra}
    return _wrap(signing.dumps(payload, salt=RSVP_SALT, compress=True))


def read_token(token: str, salt: str = RSVP_SALT, max_age=None) -> dict:
    if max_age is None:
        max_age = meeting_setting("TOKEN_MAX_AGE")
    try:
        payload = signing.loads(_unwrap(token), salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise InvalidToken from None
    if not isinstance(payload, dict) or not isinstance(payload.get("o"), int):
        raise InvalidToken
    if not isinstance(payload.get("e"), str) or "@" not in payload["e"]:
        raise InvalidToken
    return payload


def make_confirm_token(occurrence_id: int, email: str, **extra) -> str:
    payload = {"o": occurrence_id, "e": email.strip().lower(), **extra}
    return _wrap(signing.dumps(payload, salt=CONFIRM_SALT, compress=True))


def read_confirm_token(token: str) -> dict:
    return read_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
