"""Room managers: one group per operator (created with it) and optionally one per
room; members see and decide only their rooms' requests. City editors decide for
every room and edit the operators."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from engagement_hub.core.roles import (
    ADMIN_ACCESS,
    CITY_EDITORS,
    Role,
    model_permissions,
)

ROOM_MANAGERS = "Raumverwaltung"
MANAGER_PERMISSIONS = [ADMIN_ACCESS, "engagement_hub_rooms.view_bookingrequest"]

ROLES = [
    Role(ROOM_MANAGERS, permissions=MANAGER_PERMISSIONS),
    Role(
        CITY_EDITORS,
        permissions=[
            "engagement_hub_rooms.decide_all_bookings",
            "engagement_hub_rooms.view_bookingrequest",
            *model_permissions("engagement_hub_rooms.Operator"),
        ],
    ),
]


def operator_group_name(operator) -> str:
    return f"{ROOM_MANAGERS}: {operator.name}"[:150]


def ensure_operator_group(sender, instance, created=False, raw=False, **kwargs):
    """Give every operator its own manager group (with admin access)."""
    if raw or instance.manager_group_id:
        return
    group, _ = Group.objects.get_or_create(name=operator_group_name(instance))
    for dotted in MANAGER_PERMISSIONS:
        app_label, codename = dotted.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    type(instance).objects.filter(pk=instance.pk).update(manager_group=group)
    instance.manager_group = group


def rooms_managed_by(user):
    """The (source-language) rooms whose requests ``user`` sees and decides."""
    from django.db.models import Q

    from .models import RoomPage

    rooms = RoomPage.objects.filter(locale__language_code=_default_language())
    if not user.is_active:
        return rooms.none()
    if user.is_superuser or user.has_perm("engagement_hub_rooms.decide_all_bookings"):
        return rooms
    groups = user.groups.all()
    return rooms.filter(
        Q(manager_group__in=groups) | Q(operator__manager_group__in=groups)
    )


def _default_language() -> str:
    from wagtail.models import Locale

    return Locale.get_default().language_code


def can_manage(user, room) -> bool:
    return rooms_managed_by(user).filter(pk=room.pk).exists()
