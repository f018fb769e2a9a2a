"""The newsletter editors' role: newsletter pages, mailings, subscribers (personal
data) and their exports. Not wagtail-localize's ``submit_translation``: it is not
page-bound and would let them translate every page; city editors translate.
City editors get the newsletter's topics (a taxonomy)."""

from engagement_hub.core.roles import (
    ADMIN_ACCESS,
    CITY_EDITORS,
    NEWSLETTER_EDITORS,
    Role,
    model_permissions,
)


def newsletter_indexes():
    from .models import NewsletterIndexPage

    return NewsletterIndexPage.objects.all()


ROLES = [
    Role(
        NEWSLETTER_EDITORS,
        permissions=[
            ADMIN_ACCESS,
            *model_permissions("engagement_hub_mailings.Topic"),
            *model_permissions("engagement_hub_mailings.Mailing"),
            *model_permissions("engagement_hub_mailings.Subscriber"),
            *model_permissions("engagement_hub_mailings.Delivery", ("view",)),
            *model_permissions("engagement_hub_mailings.Consent", ("view",)),
            "engagement_hub_core.manage_personal_data",
        ],
        page_permissions=[
            (newsletter_indexes, ["add_page", "change_page", "publish_page"])
        ],
        collection_permissions=[
            "wagtailimages.add_image",
            "wagtailimages.choose_image",
        ],
    ),
    Role(CITY_EDITORS, permissions=model_permissions("engagement_hub_mailings.Topic")),
]
