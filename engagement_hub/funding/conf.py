"""Settings of the funding guides (all optional)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def stale_after() -> timedelta:
    """ENGAGEMENT_HUB_FUNDING_STALE_AFTER: a guide not checked for this long is
    flagged on its page and listed for editors (default 180 days)."""
    value = getattr(settings, "ENGAGEMENT_HUB_FUNDING_STALE_AFTER", timedelta(days=180))
    return value if isinstance(value, timedelta) else timedelta(days=int(value))


def reminder_days() -> list[int]:
    """ENGAGEMENT_HUB_FUNDING_REMINDER_DAYS: days before a deadline a reminder goes
    out (default 28 and 7)."""
    value = getattr(settings, "ENGAGEMENT_HUB_FUNDING_REMINDER_DAYS", (28, 7))
    return sorted({int(day) for day in value if int(day) > 0}, reverse=True)
