"""City editors run the meetings: dates, invitations, registrations (personal
data they need to organise the meeting). Meeting pages are under the root pages
they already edit."""

from engagement_hub.core.roles import CITY_EDITORS, Role, model_permissions

ROLES = [
    Role(
        CITY_EDITORS,
        permissions=[
            *model_permissions(
                "engagement_hub_meetings.Occurrence", ("view", "change")
            ),
            "engagement_hub_meetings.add_invitation",
            "engagement_hub_meetings.view_registrations",
        ],
    ),
]
