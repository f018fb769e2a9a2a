from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "engagement_hub.associations"
    label = "engagement_hub_associations"
    verbose_name = _("Associations")
    default_auto_field = "django.db.models.BigAutoField"
