"""Personal data of the funding guides: reminder subscriptions (the address is the
newsletter's Subscriber, erased there; the alerts go with it)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext

from engagement_hub.core import legal
from engagement_hub.core.conf import hub_settings

from .models import FundingAlert


def export(email: str) -> list[dict]:
    return [
        {
            "scope": alert.scope,
            "area": str(alert.area_key or ""),
            "programme": str(alert.guide_key or ""),
            "language": alert.language,
            "announce_new": alert.announce_new,
            "created_at": alert.created_at.isoformat(),
            "confirmed_at": alert.confirmed_at.isoformat()
            if alert.confirmed_at
            else None,
        }
        for alert in FundingAlert.objects.filter(subscriber__email=email)
    ]


def erase(email: str, **options) -> dict:
    return {
        "funding_alerts": FundingAlert.objects.filter(subscriber__email=email).delete()[
            0
        ]
    }


def retention() -> dict:
    """Unconfirmed alerts whose link expired are deleted with their consent request."""
    from engagement_hub.core.conf import hub_settings
    from engagement_hub.mailings.models import Consent

    cutoff = timezone.now() - hub_settings.NEWSLETTER_CONFIRM_MAX_AGE
    stale = FundingAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    )
    consent_ids = list(stale.values_list("consent_id", flat=True))
    count = stale.delete()[0]
    Consent.objects.filter(pk__in=consent_ids, confirmed_at__isnull=True).delete()
    return {"unconfirmed_funding_alerts": count}


def data_kinds(hub) -> list[legal.DataKind]:
    """The funding reminders' paragraph of the privacy policy."""
    return [
        legal.DataKind(
            "funding",
            gettext("Reminders of funding deadlines"),
            gettext("Your email address and the programmes or areas you follow."),
            gettext("To remind you of deadlines and new programmes."),
            gettext("Art. 6(1)(a) GDPR (your consent)."),
            gettext(
                "Until you cancel the reminder. Requests that are not confirmed "
                "are deleted after %(confirm)s."
            )
            % {"confirm": legal.days(hub_settings.NEWSLETTER_CONFIRM_MAX_AGE)},
        )
    ]


legal.register_data_kinds("funding", data_kinds, order=40)
