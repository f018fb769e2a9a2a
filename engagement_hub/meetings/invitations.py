"""Invitations to a date: the editor picks the audience (all associations or by
category, district or target group; newsletter subscribers of the "meetings"
topic; free addresses). Clubs are invited at their contact address with their
party (``association:<pk>``), so a club that opted out of invitations is skipped
by the mail API. Each invitation is a row (who was invited to which date)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale

from engagement_hub.mailings.api import Recipient, send

from . import mail
from .conf import meeting_setting
from .models import Invitation, Occurrence
from .notify import _context, _personal


@dataclass
class AudienceChoice:
    all_associations: bool = False
    categories: list[int] = field(default_factory=list)
    districts: list[int] = field(default_factory=list)
    target_groups: list[int] = field(default_factory=list)
    subscribers: bool = False
    addresses: list[str] = field(default_factory=list)
    address_language: str = "de"
    # The mail also names the next dates of the series and links its feed.
    whole_series: bool = False

    @property
    def associations_chosen(self) -> bool:
        return bool(
            self.all_associations
            or self.categories
            or self.districts
            or self.target_groups
        )

    def key(self) -> str:
        data = json.dumps(self.__dict__, sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def parse_addresses(text: str) -> list[str]:
    """Addresses separated by lines, commas or semicolons; raises ValidationError
    naming the first invalid one."""
    result = []
    for part in text.replace(";", "\n").replace(",", "\n").splitlines():
        address = part.strip().lower()
        if not address:
            continue
        validate_email(address)
        if address not in result:
            result.append(address)
    return result


def association_rows(choice: AudienceChoice):
    from engagement_hub.associations.models import AssociationPage

    if not choice.associations_chosen:
        return AssociationPage.objects.none()
    rows = (
        AssociationPage.objects.live()
        .filter(locale=Locale.get_default())
        .exclude(contact_email="")
    )
    if not choice.all_associations:
        condition = Q()
        if choice.categories:
            condition |= Q(categories__in=choice.categories)
        if choice.districts:
            condition |= Q(district__in=choice.districts)
        if choice.target_groups:
            condition |= Q(target_groups__in=choice.target_groups)
        rows = rows.filter(condition).distinct()
    return rows


def subscriber_rows(choice: AudienceChoice):
    from engagement_hub.mailings.models import Subscriber

    if not choice.subscribers:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(
        status=Subscriber.Status.SUBSCRIBED,
        topics__slug=meeting_setting("SUBSCRIBER_TOPIC"),
    ).distinct()


def audience(choice: AudienceChoice) -> Iterator[tuple[str, str, int | None]]:
    """``(email, language, association pk)``, each address once."""
    seen = set()
    for pk, email in association_rows(choice).values_list("pk", "contact_email"):
        email = email.strip().lower()
        if email not in seen:
            seen.add(email)
            yield email, "de", pk
    for email, language in subscriber_rows(choice).values_list("email", "language"):
        if email not in seen:
            seen.add(email)
            yield email, language, None
    for email in choice.addresses:
        if email not in seen:
            seen.add(email)
            yield email, choice.address_language, None


def count_by_language(choice: AudienceChoice) -> dict[str, int]:
    """How many addresses the invitation goes to, per language (each address once,
    as :func:`invite` sends it; clubs that opted out are skipped when sending)."""
    counts: dict[str, int] = {}
    for _email, language, _association in audience(choice):
        counts[language] = counts.get(language, 0) + 1
    return counts


# A series invitation names this many following dates.
SERIES_DATES = 4


def series_feed_url(occurrence: Occurrence) -> str:
    from engagement_hub.mailings.rendering import base_url

    page = occurrence.meeting
    return base_url() + page.url + page.reverse_subpage("series_feed")


class EmptyAudience(ValueError):
    pass


def invite(occurrence: Occurrence, choice: AudienceChoice, *, user=None):
    """Invite the audience to ``occurrence``; raises EmptyAudience. Returns the
    mailing (the same one when the same audience was already invited)."""
    if not occurrence.is_open:
        raise ValueError("closed")
    rows = list(audience(choice))
    if not rows:
        raise EmptyAudience
    with transaction.atomic():
        recipients = []
        invitations = []
        for email, language, association in rows:
            recipients.append(
                Recipient(
                    email=email,
                    language=language,
                    party=f"association:{association}" if association else "",
                    context=_personal(occurrence, email, language, association),
                )
            )
            invitations.append(
                Invitation(
                    occurrence=occurrence,
                    email=email,
                    language=language,
                    association_id=association,
                )
            )
        extra = {}
        if choice.whole_series and occurrence.meeting.is_series:
            extra["series_dates"] = list(
                occurrence.meeting.occurrences.filter(
                    starts_at__gt=occurrence.starts_at
                )
                .exclude(status="cancelled")
                .order_by("starts_at")
                .values_list("pk", flat=True)[:SERIES_DATES]
            )
            extra["series_feed"] = series_feed_url(occurrence)
        mailing = send(
            mail.MEETING_INVITATION,
            recipients,
            _context(occurrence, **extra),
            key=f"meeting-invitation:{occurrence.pk}:{choice.key()}",
            page=occurrence.meeting,
            created_by=user,
        )
        for invitation in invitations:
            invitation.mailing = mailing
        Invitation.objects.bulk_create(
            invitations, ignore_conflicts=True, batch_size=500
        )
    return mailing


__all__ = ["AudienceChoice", "EmptyAudience", "ValidationError", "invite"]
