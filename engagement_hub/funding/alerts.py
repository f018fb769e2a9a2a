"""Reminder subscriptions (double opt-in through the newsletter's subscriber and
consent records) and the periodic jobs that send reminders.

Every mail goes through the mail API with an idempotency key: a reminder is
``funding-deadline:<guide translation key>:<date>:<days>``, so a job that runs
twice (or two workers) sends it once."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engagement_hub.mailings import rendering, tokens
from engagement_hub.mailings.api import Recipient, send
from engagement_hub.mailings.models import Consent, Subscriber

from .conf import reminder_days, stale_after
from .deadlines import today
from .guides import FundingGuidePage
from .mail import ALERT_CONFIRMATION, CHECK_DUE, DEADLINE_REMINDER, NEW_GUIDE
from .subscriptions import FundingAlert

logger = logging.getLogger(__name__)

CONFIRM_SALT = "engagement_hub.funding.alert_confirm"
CONSENT_VERSION = "funding-alerts-1"
CONSENT_TEXT = _(
    "I would like to get email reminders of funding deadlines from the engagement "
    "hub (purpose: funding alerts). I can stop them at any time with the link in "
    "every reminder. My address is used only for this."
)


def consent_text(language: str) -> str:
    with translation.override(language):
        return str(CONSENT_TEXT)


def request_alert(
    email: str,
    language: str,
    scope: str,
    *,
    area_key=None,
    guide_key=None,
    announce_new: bool = False,
    confirm_url,
    source_url: str = "",
    ip: str | None = None,
) -> FundingAlert:
    """Record an unconfirmed alert and send its confirmation mail. The same work for
    known and unknown addresses; a newsletter subscription is left as it is."""
    email = email.strip().lower()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [Subscriber(email=email, language=language)], ignore_conflicts=True
        )
        subscriber = Subscriber.objects.select_for_update().get(email=email)
        consent = Consent.objects.create(
            subscriber=subscriber,
            text_version=CONSENT_VERSION,
            text=consent_text(language),
            language=language,
            source_url=source_url[:500],
            requested_ip=ip,
            # The scope is the alert's; newsletter topics stay empty.
            topics=[],
        )
        alert = FundingAlert.objects.create(
            subscriber=subscriber,
            consent=consent,
            scope=scope,
            area_key=area_key,
            guide_key=guide_key,
            language=language,
            announce_new=announce_new,
        )
        token = tokens.make(CONFIRM_SALT, a=alert.pk, c=consent.pk)
        with translation.override(language):
            url = rendering.base_url() + confirm_url(token)
        send(
            ALERT_CONFIRMATION,
            [
                Recipient(
                    email=email,
                    language=language,
                    subscriber_id=subscriber.pk,
                    context={"confirm_url": url},
                )
            ],
            {"scope": scope},
        )
    return alert


def alert_for_token(token: str) -> FundingAlert:
    """The unconfirmed alert of a confirmation token; raises tokens.InvalidToken
    (forged, tampered, expired, used)."""
    from engagement_hub.core.conf import hub_settings

    payload = tokens.read(
        CONFIRM_SALT, token, max_age=hub_settings.NEWSLETTER_CONFIRM_MAX_AGE
    )
    alert = (
        FundingAlert.objects.select_related("subscriber", "consent")
        .filter(pk=payload.get("a"), consent_id=payload.get("c"))
        .first()
    )
    if alert is None or alert.confirmed_at is not None:
        raise tokens.InvalidToken
    return alert


def confirm_alert(token: str, ip: str | None = None) -> FundingAlert:
    alert = alert_for_token(token)
    now = timezone.now()
    with transaction.atomic():
        used = FundingAlert.objects.filter(
            pk=alert.pk, confirmed_at__isnull=True
        ).update(confirmed_at=now)
        if not used:
            raise tokens.InvalidToken
        Consent.objects.filter(pk=alert.consent_id).update(
            confirmed_at=now, confirmed_ip=ip
        )
        # The address is proven; an unconfirmed newsletter sign-up is thus not
        # expired (the newsletter status itself is untouched).
        Subscriber.objects.filter(
            pk=alert.subscriber_id, confirmed_at__isnull=True
        ).update(confirmed_at=now)
        alert.confirmed_at = now
    return alert


# -- reminders ----------------------------------------------------------------------


def recipients_for(guide: FundingGuidePage):
    """Confirmed alerts covering ``guide`` (every language), one per address."""
    area_keys = [c.translation_key for c in guide.categories.all()]
    alerts = (
        FundingAlert.objects.filter(confirmed_at__isnull=False)
        .filter(
            Q(scope=FundingAlert.Scope.ALL)
            | Q(scope=FundingAlert.Scope.AREA, area_key__in=area_keys)
            | Q(scope=FundingAlert.Scope.PROGRAMME, guide_key=guide.translation_key)
        )
        .select_related("subscriber")
        .order_by("pk")
    )
    seen = set()
    for alert in alerts:
        email = alert.subscriber.email
        if email in seen:
            continue
        seen.add(email)
        yield Recipient(
            email=email, language=alert.language, subscriber_id=alert.subscriber_id
        )


def due_reminders(on: date | None = None):
    """(guide, deadline, days) of reminders due ``on``: the closest configured
    number of days whose reminder date has come, before the deadline, for open
    programmes only (source-language guides; each recipient reads their language)."""
    from datetime import timedelta

    on = on or today()
    days = reminder_days()
    if not days:
        return
    horizon = max(days)

    from wagtail.models import Locale

    from .deadlines import occurrences

    guides = (
        FundingGuidePage.objects.live()
        .filter(closed=False, locale=Locale.get_default())
        .exclude(deadline_kind="rolling")
        .prefetch_related("deadlines", "categories")
    )
    for guide in guides.order_by("pk"):
        for occurrence in occurrences(
            guide, on + timedelta(days=1), on + timedelta(days=horizon)
        ):
            left = (occurrence.date - on).days
            applicable = [n for n in days if left <= n]
            if applicable:
                yield guide, occurrence.date, min(applicable)


def send_reminders(on: date | None = None) -> int:
    """Send every due reminder once. Returns the number of mailings created."""
    on = on or today()
    created = 0
    from engagement_hub.mailings.models import Mailing

    for guide, deadline, days in list(due_reminders(on)):
        key = f"funding-deadline:{guide.translation_key}:{deadline.isoformat()}:{days}"
        recipients = list(recipients_for(guide))
        if not recipients:
            continue
        if Mailing.objects.filter(key=key).exists():
            continue
        with transaction.atomic():
            send(
                DEADLINE_REMINDER,
                recipients,
                {"deadline": deadline.isoformat(), "days": days, "guide": guide.pk},
                key=key,
                page=guide,
            )
        created += 1
    return created


def refresh_deadlines() -> int:
    """Recompute every guide's next deadline (a yearly date rolls over, a fixed one
    passes). Returns the number changed."""
    changed = 0
    for guide in FundingGuidePage.objects.prefetch_related("deadlines").iterator(
        chunk_size=500
    ):
        before = guide.next_deadline
        after = guide.refresh_next_deadline(rows=list(guide.deadlines.all()))
        if before != after:
            FundingGuidePage.objects.filter(pk=guide.pk).update(next_deadline=after)
            changed += 1
    return changed


def announce_new_guide(guide: FundingGuidePage) -> None:
    """Tell area subscribers who asked for it about a newly published guide (once)."""
    area_keys = [c.translation_key for c in guide.categories.all()]
    alerts = (
        FundingAlert.objects.filter(confirmed_at__isnull=False, announce_new=True)
        .filter(
            Q(scope=FundingAlert.Scope.ALL)
            | Q(scope=FundingAlert.Scope.AREA, area_key__in=area_keys)
        )
        .select_related("subscriber")
    )
    recipients = {
        a.subscriber.email: Recipient(a.subscriber.email, a.language, a.subscriber_id)
        for a in alerts
    }
    if recipients:
        send(
            NEW_GUIDE,
            list(recipients.values()),
            {"guide": guide.pk},
            key=f"funding-new:{guide.translation_key}",
            page=guide,
        )


def send_check_reminders(on: date | None = None) -> int:
    """Remind each guide's owner once per check cycle when the guide is due."""
    on = on or today()
    cutoff = on - stale_after()
    due = (
        FundingGuidePage.objects.filter(
            Q(last_checked__isnull=True) | Q(last_checked__lt=cutoff)
        )
        .filter(alias_of__isnull=True)
        .exclude(guide_owner__isnull=True)
        .exclude(guide_owner__email="")
        .select_related("guide_owner")
    )
    count = 0
    for guide in due:
        owner = guide.guide_owner
        checked = guide.last_checked.isoformat() if guide.last_checked else "never"
        send(
            CHECK_DUE,
            [Recipient(owner.email, _owner_language(owner))],
            {
                "guide": guide.pk,
                "last_checked": checked,
                "edit_path": reverse("wagtailadmin_pages:edit", args=[guide.pk]),
            },
            key=f"funding-check:{guide.pk}:{checked}",
            page=guide,
        )
        count += 1
    return count


def _owner_language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or "de"
    return "en" if language.startswith("en") else "de"
