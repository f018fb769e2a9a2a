from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "engagement_hub.offers"
    label = "engagement_hub_offers"
    verbose_name = _("Offers")
    default_auto_field = "django.db.models.BigAutoField"
