"""The associations app's part of the roles: what city editors may do with
representative invitations, and (after the groups exist) one group per club and
the review workflow for club edits."""

from engagement_hub.core.roles import CITY_EDITORS, Role

ROLES = [
    Role(
        CITY_EDITORS,
        permissions=[
            "engagement_hub_associations.add_representativeinvitation",
            "engagement_hub_associations.view_representativeinvitation",
        ],
    ),
]


def after_setup(groups) -> None:
    """Called by ``core.roles.setup_roles`` once every role's group exists."""
    from .moderation import setup_review_workflow
    from .representatives import sync_all_clubs

    sync_all_clubs()
    setup_review_workflow()
