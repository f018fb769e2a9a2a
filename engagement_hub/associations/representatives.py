"""Club representatives: a group per club with page permissions on the club's page
and on its content elsewhere in the tree (its offers, which live under the offer
directory), in every language.

Representatives may edit and submit for moderation (``change_page``), never
publish. Other apps register the pages that belong to a club with
:func:`register_club_pages`; :func:`sync_page` keeps the grants right when such a
page is created, translated or moves to another club (the offers app calls it on
save).

API: :func:`grant` / :func:`revoke` (also ``manage.py club_access``),
:func:`club_group`, :func:`clubs_of`, :func:`sync_club`, :func:`sync_all_clubs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from engagement_hub.core.roles import REPRESENTATIVES

from .models import AssociationPage, ClubGroup

# What a representative may do on their club's pages: edit and submit for review.
CLUB_PAGE_PERMISSIONS = ["change_page"]

# Callables taking a club's translation key and returning the pages (any locale) that
# belong to that club, e.g. its offers. Registered by other apps.
_club_pages: list[Callable[[UUID], Iterable]] = []
# Callables taking a page and returning the translation key of the club it belongs
# to (None if none), for pages of the registered kinds.
_owners: list[Callable[[object], UUID | None]] = []


def register_club_pages(pages: Callable[[UUID], Iterable], owner: Callable) -> None:
    """Register a kind of page that belongs to a club: ``pages(key)`` lists them for
    a club's translation key, ``owner(page)`` names the club's key of one of them
    (or None, e.g. not a page of this kind)."""
    _club_pages.append(pages)
    _owners.append(owner)


def _club_key(club) -> UUID:
    if isinstance(club, AssociationPage):
        return club.translation_key
    return club


def _group_name(club: AssociationPage) -> str:
    return f"Verein: {club.title} ({club.slug})"[:150]


def club_group(club: AssociationPage) -> Group:
    """The group of ``club``'s representatives (created with its grants if missing)."""
    link = (
        ClubGroup.objects.filter(translation_key=club.translation_key)
        .select_related("group")
        .first()
    )
    if link is not None:
        return link.group
    with transaction.atomic():
        name = _group_name(club)
        group, _ = Group.objects.get_or_create(name=name)
        ClubGroup.objects.create(group=group, translation_key=club.translation_key)
        sync_club(club.translation_key)
    return group


def _change_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=CLUB_PAGE_PERMISSIONS
        )
    )


def _pages_of(key: UUID) -> list:
    pages = list(AssociationPage.objects.filter(translation_key=key))
    for provider in _club_pages:
        pages.extend(provider(key))
    return pages


def sync_club(club) -> None:
    """Make the club group's page grants exactly the club's pages and its content."""
    from wagtail.models import GroupPagePermission

    key = _club_key(club)
    link = ClubGroup.objects.filter(translation_key=key).first()
    if link is None:
        return
    wanted = {page.pk for page in _pages_of(key)}
    permissions = _change_permissions()
    existing = GroupPagePermission.objects.filter(group_id=link.group_id)
    existing.exclude(page_id__in=wanted).delete()
    have = set(existing.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(
                group_id=link.group_id, page_id=page_id, permission=perm
            )
            for page_id in wanted
            for perm in permissions
            if (page_id, perm.pk) not in have
        ]
    )


def sync_all_clubs() -> None:
    """A group for every club (in its first locale), each with the right grants."""
    seen = set()
    for club in AssociationPage.objects.order_by("pk"):
        if club.translation_key in seen:
            continue
        seen.add(club.translation_key)
        club_group(club)
        sync_club(club.translation_key)


def sync_page(page) -> None:
    """After a club page or a page of a registered kind was saved: grant it to its
    club's group and take it from every other club's group."""
    from wagtail.models import GroupPagePermission

    if isinstance(page, AssociationPage):
        if not ClubGroup.objects.filter(translation_key=page.translation_key).exists():
            return
        sync_club(page.translation_key)
        return
    owner = None
    for find_owner in _owners:
        owner = find_owner(page)
        if owner is not None:
            break
    stale = GroupPagePermission.objects.filter(
        page_id=page.pk, group__club__isnull=False
    )
    if owner is not None:
        stale = stale.exclude(group__club__translation_key=owner)
    stale.delete()
    if owner is not None:
        link = ClubGroup.objects.filter(translation_key=owner).first()
        if link is not None:
            for permission in _change_permissions():
                GroupPagePermission.objects.get_or_create(
                    group_id=link.group_id, page_id=page.pk, permission=permission
                )


def _find_user(identifier: str):
    User = get_user_model()
    user = User.objects.filter(
        Q(**{User.USERNAME_FIELD: identifier}) | Q(email__iexact=identifier)
    ).first()
    if user is None:
        raise LookupError(identifier)
    return user


def _find_club(club) -> AssociationPage:
    if isinstance(club, AssociationPage):
        return club
    found = AssociationPage.objects.filter(slug=club).order_by("pk").first()
    if found is None:
        raise LookupError(club)
    return found


@transaction.atomic
def grant(user, club) -> Group:
    """Let ``user`` (a user, username or email) represent ``club`` (a page or slug):
    admin access through the representatives' role plus the club's group."""
    from engagement_hub.core.roles import setup_roles

    user = user if hasattr(user, "groups") else _find_user(user)
    club = _find_club(club)
    representatives = Group.objects.filter(name=REPRESENTATIVES).first()
    if representatives is None:
        representatives = setup_roles()[REPRESENTATIVES]
    group = club_group(club)
    user.groups.add(representatives, group)
    return group


@transaction.atomic
def revoke(user, club) -> None:
    """Take ``club`` from ``user``; without clubs left, admin access goes too."""
    user = user if hasattr(user, "groups") else _find_user(user)
    club = _find_club(club)
    link = ClubGroup.objects.filter(translation_key=club.translation_key).first()
    if link is not None:
        user.groups.remove(link.group)
    if not user.groups.filter(club__isnull=False).exists():
        user.groups.remove(*Group.objects.filter(name=REPRESENTATIVES))


def represents_a_club(user) -> bool:
    """Whether ``user`` represents any club (one query, no pages loaded)."""
    return ClubGroup.objects.filter(group__user=user).exists()


def clubs_of(user) -> list[AssociationPage]:
    """The clubs (first locale's page) ``user`` represents."""
    keys = ClubGroup.objects.filter(group__user=user).values_list(
        "translation_key", flat=True
    )
    clubs = {}
    for club in AssociationPage.objects.filter(translation_key__in=keys).order_by("pk"):
        clubs.setdefault(club.translation_key, club)
    return list(clubs.values())
