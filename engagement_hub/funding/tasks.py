"""Periodic jobs of the funding guides (see FundingConfig.periodic_tasks)."""

from celery import shared_task


@shared_task(name="engagement_hub.funding.reminders")
def reminders() -> dict:
    """Daily: roll next deadlines over, send due deadline reminders once each."""
    from .alerts import refresh_deadlines, send_reminders

    return {"refreshed": refresh_deadlines(), "reminders": send_reminders()}


@shared_task(name="engagement_hub.funding.check_due")
def check_due() -> int:
    """Daily: remind guide owners of guides due for a check (once per cycle)."""
    from .alerts import send_check_reminders

    return send_check_reminders()
