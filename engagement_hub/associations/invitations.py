"""Invitations of club representatives (issue 14).

A city editor invites an address to represent a club: :func:`invite` stores a
:class:`~.models.RepresentativeInvitation` (only the hash of the link's token) and
sends the invitation mail through the mail API in the invitee's language. The link
works once, until the configured number of days (``INVITATION_VALID_DAYS``) have
passed; :func:`accept` creates the account, sets its password and grants the club
(:func:`.representatives.grant`). An address that already represents a club gets
the new club at once and a mail asking to log in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.roles import REPRESENTATIVES
from engagement_hub.mailings.api import TRANSACTIONAL, MessageType, Recipient, register
from engagement_hub.mailings.rendering import base_url

from . import representatives
from .models import AssociationPage, ClubGroup, RepresentativeInvitation

T = "engagement_hub/associations/email/"

INVITATION_MAIL = register(
    MessageType(
        name="associations.representative_invitation",
        title=_("Invitation to represent a club"),
        template=T + "invitation",
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this because the town's editors invited this address to keep a "
            "club's entry current."
        ),
    )
)
DECISION_MAIL = register(
    MessageType(
        name="associations.review_decision",
        title=_("Review decision on submitted changes"),
        template=T + "decision",
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this because you submitted changes to the town's directory for "
            "review."
        ),
    )
)
REVIEW_REQUEST_MAIL = register(
    MessageType(
        name="associations.review_request",
        title=_("Request to review changes"),
        template=T + "review_request",
        purpose=TRANSACTIONAL,
        reason=_("You get this because you review changes to the town's directory."),
    )
)


class InvitationError(ValueError):
    """Bad input for an invitation; ``str()`` is a message for the editor."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def first_club(club: AssociationPage) -> AssociationPage:
    """The club's page in its first locale (the one groups are named after)."""
    return (
        AssociationPage.objects.filter(translation_key=club.translation_key)
        .order_by("pk")
        .first()
        or club
    )


def representatives_of(club: AssociationPage):
    """The accounts representing ``club`` (any of its translations)."""
    User = get_user_model()
    link = ClubGroup.objects.filter(translation_key=club.translation_key).first()
    if link is None:
        return User.objects.none()
    return User.objects.filter(groups=link.group_id).order_by("email")


def pending_invitations(club: AssociationPage):
    return RepresentativeInvitation.objects.filter(
        club_key=club.translation_key,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def _is_representative_only(user) -> bool:
    """An account that exists only to represent clubs (no other roles)."""
    if user.is_superuser:
        return False
    other = user.groups.exclude(name=REPRESENTATIVES).filter(club__isnull=True)
    return not other.exists() and user.groups.filter(name=REPRESENTATIVES).exists()


def accept_url(token: str, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        path = reverse("engagement_hub_associations:accept", args=[token])
    return base_url() + path


@transaction.atomic
def invite(club: AssociationPage, email: str, language: str = "de", invited_by=None):
    """Invite ``email`` to represent ``club``; returns the invitation.

    Raises :class:`InvitationError` for an invalid address, an address that
    already represents the club or has an account with other roles, or an
    invitation still pending."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvitationError(_("Please enter a valid email address.")) from error
    club = first_club(club)
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if representatives_of(club).filter(pk=user.pk).exists():
            raise InvitationError(_("This address already represents this club."))
        if not _is_representative_only(user):
            raise InvitationError(
                _(
                    "This address already has an account with other roles. Give it "
                    "the club by the users' administration instead."
                )
            )
    if pending_invitations(club).filter(email__iexact=email).exists():
        raise InvitationError(
            _("This address has already been invited and has not answered yet.")
        )
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = RepresentativeInvitation.objects.create(
        email=email,
        club_key=club.translation_key,
        club_title=club.title,
        language=language,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=hub_settings.INVITATION_VALID_DAYS),
        invited_by=invited_by,
    )
    context = {
        "club": club.title,
        "existing": user is not None,
        "days": hub_settings.INVITATION_VALID_DAYS,
    }
    if user is not None:
        # An existing representative: the club is theirs now, the mail says "log in".
        representatives.grant(user, club)
        invitation.accepted_at = now
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        personal = {"login_url": base_url() + reverse("wagtailadmin_login")}
    else:
        personal = {"accept_url": accept_url(token, language)}
    from engagement_hub.mailings.api import send

    send(
        INVITATION_MAIL,
        [Recipient(email=email, language=language, context=personal)],
        context,
        key=f"club-invitation-{invitation.pk}",
        created_by=invited_by,
    )
    return invitation


def find(token: str) -> RepresentativeInvitation | None:
    """The invitation of ``token`` if its link still works, else None."""
    if not token or len(token) > 100:
        return None
    invitation = RepresentativeInvitation.objects.filter(
        token_hash=hash_token(token)
    ).first()
    if invitation is None or invitation.accepted_at is not None:
        return None
    if invitation.expires_at <= timezone.now():
        return None
    return invitation


def new_user(invitation: RepresentativeInvitation):
    User = get_user_model()
    return User(username=invitation.email[:150], email=invitation.email)


@transaction.atomic
def accept(invitation: RepresentativeInvitation, user) -> None:
    """Save ``user`` (password set by the form), grant the club, close the link."""
    invitation = RepresentativeInvitation.objects.select_for_update().get(
        pk=invitation.pk
    )
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(_("This address already has an account. Please log in."))
    user.save()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = invitation.language
    profile.save()
    club = AssociationPage.objects.filter(translation_key=invitation.club_key).first()
    if club is None:
        raise InvitationError(_("The club of this invitation no longer exists."))
    representatives.grant(user, club)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
