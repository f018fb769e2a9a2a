"""Signed tokens in mail links. Each purpose has its own salt, so a token made for
one purpose (or one subscriber) opens nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

UNSUBSCRIBE_SALT = "engagement_hub.mailings.unsubscribe"
PREFERENCES_SALT = "engagement_hub.mailings.preferences"
CONFIRM_SALT = "engagement_hub.mailings.confirm"


class InvalidToken(Exception):
    """The token is forged, damaged or made for another purpose."""


class ExpiredToken(InvalidToken):
    """The token was genuine but is too old."""


def make(salt: str, **payload) -> str:
    return signing.dumps(payload, salt=salt, compress=False)


def read(salt: str, token: str, max_age: timedelta | None = None) -> dict:
    """The payload of ``token``; raises ExpiredToken or InvalidToken."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except signing.BadSignature:
        raise InvalidToken from None
    if not isinstance(payload, dict):
        raise InvalidToken
    return payload
