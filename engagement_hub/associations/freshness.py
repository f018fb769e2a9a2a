"""Freshness: clubs keep their own entries current.

Every ``FRESHNESS_INTERVAL_MONTHS`` the representatives of a club whose entry was
not confirmed for that long (the users in the club's group, see
``representatives.py``; the club's contact address when it has none) get the mail
"Is your entry still correct?" in their language, with a one-click "Yes, still
correct" link and an "Edit" link (the admin edit view). Without an answer a second
reminder follows after ``FRESHNESS_SECOND_REMINDER_DAYS``. The link (signed, works
once, ``FRESHNESS_LINK_MAX_AGE``) sets ``last_confirmed`` on every translation of
the club's page in place: the live row and its live and latest revisions, so no
new revision appears and the next publication keeps the date.

:func:`run` is the daily job (``engagement_hub.associations.freshness_reminders``);
it is idempotent: one check per club and interval (a unique row per day and the
mail API's keys), so running it twice sends each mail once.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.conf import hub_settings
from engagement_hub.mailings.api import (
    MessageType,
    Purpose,
    Recipient,
    register,
    register_purpose,
    send,
)
from engagement_hub.mailings.tokens import ExpiredToken, InvalidToken, make, read

from .models import AssociationPage, ClubGroup, FreshnessCheck

SALT = "engagement_hub.associations.freshness"

CLUB_ENTRIES = register_purpose(
    Purpose("club_entries", _("questions about your club's entry"))
)
FRESHNESS_REMINDER = register(
    MessageType(
        name="associations.freshness",
        title=_("Is the club's entry still correct?"),
        template="engagement_hub/associations/email/freshness",
        purpose=CLUB_ENTRIES.key,
        reason=_(
            "You get this because you represent this club in the town's directory of "
            "associations, or because this is the club's contact address there."
        ),
    )
)


def interval() -> relativedelta:
    return relativedelta(months=hub_settings.FRESHNESS_INTERVAL_MONTHS)


def today() -> date:
    return timezone.localdate()


def make_token(check: FreshnessCheck) -> str:
    return make(SALT, c=check.pk)


def check_for_token(token: str) -> FreshnessCheck:
    """The check a link names; raises ExpiredToken (too old, or a newer check
    replaced it) or InvalidToken."""
    payload = read(SALT, token, max_age=hub_settings.FRESHNESS_LINK_MAX_AGE)
    check = FreshnessCheck.objects.filter(pk=payload.get("c")).first()
    if check is None:
        raise InvalidToken
    newer = FreshnessCheck.objects.filter(
        translation_key=check.translation_key, started_on__gt=check.started_on
    )
    if check.confirmed_at is None and newer.exists():
        raise ExpiredToken
    return check


def club_pages(key) -> list[AssociationPage]:
    """The club's pages in every language, the default language's first."""
    pages = list(
        AssociationPage.objects.filter(translation_key=key)
        .select_related("locale")
        .order_by("pk")
    )
    from wagtail.models import Locale

    default = Locale.get_default().pk
    pages.sort(key=lambda page: page.locale_id != default)
    return pages


def _language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or "de"
    return "en" if language.startswith("en") else "de"


def _page_in(pages: list[AssociationPage], language: str) -> AssociationPage:
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0]


def recipients_for(pages: list[AssociationPage], token: str) -> list[Recipient]:
    """The club's representatives (active users with an address), or its contact
    address; each with the links in their language."""
    key = pages[0].translation_key
    User = get_user_model()
    people: list[tuple[str, str]] = []
    link = ClubGroup.objects.filter(translation_key=key).first()
    if link is not None:
        users = (
            User.objects.filter(groups=link.group_id, is_active=True)
            .exclude(email="")
            .select_related("wagtail_userprofile")
            .order_by("pk")
        )
        people = [(user.email, _language(user)) for user in users]
    if not people:
        contact = next((p for p in pages if p.contact_email), None)
        if contact is not None:
            people = [(contact.contact_email, contact.locale.language_code)]
    recipients = {}
    for email, language in people:
        language = "en" if language.startswith("en") else "de"
        page = _page_in(pages, language)
        with translation.override(language):
            confirm_path = reverse(
                "engagement_hub_associations:confirm_entry", args=[token]
            )
        recipients.setdefault(
            email.lower(),
            Recipient(
                email=email,
                language=language,
                party=f"association:{pages[0].pk}",
                context={
                    "confirm_path": confirm_path,
                    "edit_path": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                },
            ),
        )
    return list(recipients.values())


def _send(check: FreshnessCheck, pages: list[AssociationPage], number: int) -> int:
    recipients = recipients_for(pages, make_token(check))
    if recipients:
        last = pages[0].last_confirmed
        send(
            FRESHNESS_REMINDER,
            recipients,
            {
                "number": number,
                "last_confirmed": last.isoformat() if last else "",
            },
            key=f"freshness:{check.translation_key}:{check.started_on}:{number}",
            page=pages[0],
        )
    return len(recipients)


def due_keys(on: date) -> list:
    """Translation keys of live clubs not confirmed for an interval and not asked
    in the last interval."""
    cutoff = on - interval()
    stale = (
        AssociationPage.objects.live()
        .filter(alias_of__isnull=True)
        .filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lte=cutoff))
        .values_list("translation_key", flat=True)
    )
    fresh = set(
        AssociationPage.objects.filter(last_confirmed__gt=cutoff).values_list(
            "translation_key", flat=True
        )
    )
    asked = set(
        FreshnessCheck.objects.filter(started_on__gt=cutoff).values_list(
            "translation_key", flat=True
        )
    )
    return sorted(set(stale) - fresh - asked, key=str)


def start_checks(on: date | None = None) -> int:
    """The first reminder of every club that is due; returns the mails sent."""
    on = on or today()
    sent = 0
    for key in due_keys(on):
        try:
            with transaction.atomic():
                check = FreshnessCheck.objects.create(
                    translation_key=key, started_on=on
                )
        except IntegrityError:
            continue  # another run started this club's check today
        pages = club_pages(key)
        count = _send(check, pages, 1)
        FreshnessCheck.objects.filter(pk=check.pk).update(
            first_sent_at=timezone.now(), recipients=count
        )
        sent += count
    return sent


def send_second_reminders(on: date | None = None) -> int:
    """The second reminder of unanswered checks of this interval."""
    on = on or today()
    days = hub_settings.FRESHNESS_SECOND_REMINDER_DAYS
    if not days:
        return 0
    checks = FreshnessCheck.objects.filter(
        confirmed_at__isnull=True,
        second_sent_at__isnull=True,
        first_sent_at__isnull=False,
        started_on__gt=on - interval(),
        started_on__lte=on - relativedelta(days=days),
    )
    sent = 0
    for check in checks:
        pages = club_pages(check.translation_key)
        if not pages:
            continue
        confirmed = [p.last_confirmed for p in pages if p.last_confirmed]
        if confirmed and max(confirmed) >= check.started_on:
            continue  # an editor confirmed it meanwhile
        updated = FreshnessCheck.objects.filter(
            pk=check.pk, second_sent_at__isnull=True
        ).update(second_sent_at=timezone.now())
        if updated:
            sent += _send(check, pages, 2)
    return sent


def run(on: date | None = None) -> int:
    """The daily job: first reminders of due clubs, second reminders."""
    return start_checks(on) + send_second_reminders(on)


def confirm_club(key, on: date | None = None) -> int:
    """Set ``last_confirmed`` on every translation of the club, in place (the live
    rows and their live and latest revisions: no new revision). Returns the pages."""
    from wagtail.models import Revision

    from engagement_hub.core import pagecache

    on = on or today()
    pages = AssociationPage.objects.filter(translation_key=key)
    revision_ids = {
        pk
        for pair in pages.values_list("latest_revision_id", "live_revision_id")
        for pk in pair
        if pk
    }
    count = pages.update(last_confirmed=on)
    for revision in Revision.objects.filter(pk__in=revision_ids):
        revision.content["last_confirmed"] = on.isoformat()
        revision.save(update_fields=["content"])
    transaction.on_commit(pagecache.purge)
    return count


class AlreadyConfirmed(Exception):
    pass


def confirm(token: str) -> FreshnessCheck:
    """Answer a check through its link, once. Raises AlreadyConfirmed,
    ExpiredToken or InvalidToken."""
    check = check_for_token(token)
    with transaction.atomic():
        check = FreshnessCheck.objects.select_for_update().get(pk=check.pk)
        if check.confirmed_at is not None:
            raise AlreadyConfirmed
        check.confirmed_at = timezone.now()
        check.save(update_fields=["confirmed_at"])
        confirm_club(check.translation_key)
    return check
