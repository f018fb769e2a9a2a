"""The roles the hub sets up itself (Django groups with their permissions).

Every hub app may declare roles in a ``roles.py`` module with a ``ROLES`` list of
:class:`Role`; roles of the same name are merged, so a domain adds its own
permissions to a shared role (the city editors, say) without editing core, and an
``after_setup(groups)`` function for what it sets up beyond groups. The
``setup_roles`` management command (called by ``load_demo``) applies them; it is
idempotent and only ever adds what is missing, so permissions an administrator
added by hand stay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

# Group names (stored data, shown to administrators in German as the town names them).
CITY_EDITORS = "Stadtredaktion"
NEWSLETTER_EDITORS = "Newsletter-Redaktion"
REPRESENTATIVES = "Vereinsvertretungen"

ADMIN_ACCESS = "wagtailadmin.access_admin"


def model_permissions(
    model: str, actions: Iterable[str] = ("add", "change", "delete", "view")
):
    """``["app.add_model", ...]`` for ``model`` given as ``"app_label.ModelName"``."""
    app_label, model_name = model.split(".")
    return [f"{app_label}.{action}_{model_name.lower()}" for action in actions]


@dataclass
class Role:
    """One group and what it may do.

    ``permissions``: Django permissions as ``"app_label.codename"``.
    ``page_permissions``: pairs of a callable returning the pages (a queryset or
    list) and the page permission codenames granted on each of them (and thereby
    on their subtrees), e.g. ``["add_page", "change_page", "publish_page"]``.
    ``collection_permissions``: image and document permissions on the root
    collection (``"wagtailimages.add_image"``, ...).
    """

    name: str
    permissions: list[str] = field(default_factory=list)
    page_permissions: list[tuple[Callable[[], Iterable], list[str]]] = field(
        default_factory=list
    )
    collection_permissions: list[str] = field(default_factory=list)

    def merge(self, other: Role) -> Role:
        return Role(
            self.name,
            [*self.permissions, *other.permissions],
            [*self.page_permissions, *other.page_permissions],
            [*self.collection_permissions, *other.collection_permissions],
        )


def _roles_modules():
    """The ``roles`` module of every installed app that has one, in app order."""
    for app_config in apps.get_app_configs():
        try:
            yield import_module(f"{app_config.name}.roles")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.roles":
                raise


def collect_roles() -> dict[str, Role]:
    """Every installed app's ``roles.ROLES``, merged by name, in app order."""
    roles: dict[str, Role] = {}
    for module in _roles_modules():
        for role in getattr(module, "ROLES", []):
            roles[role.name] = (
                roles[role.name].merge(role) if role.name in roles else role
            )
    return roles


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist as error:
        raise LookupError(f"Unknown permission {dotted!r}") from error


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


def grant_page_permissions(
    group: Group, pages: Iterable, codenames: Iterable[str]
) -> int:
    """Grant ``codenames`` on each page to ``group`` (missing grants only); returns
    how many were added."""
    from wagtail.models import GroupPagePermission

    added = 0
    permissions = [_page_permission(codename) for codename in codenames]
    for page in pages:
        for permission in permissions:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=permission
            )
            added += created
    return added


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or complete every declared role's group; idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission

    groups = {}
    root_collection = Collection.get_first_root_node()
    for role in collect_roles().values():
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.add(
            *[_permission(p) for p in dict.fromkeys(role.permissions)]
        )
        for pages, codenames in role.page_permissions:
            grant_page_permissions(group, pages(), codenames)
        if root_collection is not None:
            for dotted in dict.fromkeys(role.collection_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(dotted),
                )
        groups[role.name] = group
    # What an app sets up beyond groups (the associations app: one group per club
    # and the review workflow) comes from its ``roles.after_setup(groups)``.
    for module in _roles_modules():
        after_setup = getattr(module, "after_setup", None)
        if after_setup is not None:
            after_setup(groups)
    return groups


def root_pages():
    from wagtail.models import Page

    return Page.get_root_nodes()


ROLES = [
    Role(
        CITY_EDITORS,
        permissions=[
            ADMIN_ACCESS,
            "wagtail_localize.submit_translation",
            *model_permissions("engagement_hub_core.Category"),
            *model_permissions("engagement_hub_core.TargetGroup"),
            *model_permissions("engagement_hub_core.District"),
            "engagement_hub_core.change_hubsettings",
        ],
        page_permissions=[
            (
                root_pages,
                ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            )
        ],
        collection_permissions=[
            *model_permissions(
                "wagtailimages.Image", ("add", "change", "delete", "choose")
            ),
            *model_permissions(
                "wagtaildocs.Document", ("add", "change", "delete", "choose")
            ),
        ],
    ),
    Role(REPRESENTATIVES, permissions=[ADMIN_ACCESS]),
]
