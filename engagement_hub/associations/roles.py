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
