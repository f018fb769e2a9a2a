from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "engagement_hub.offers"
    label = "engagement_hub_offers"
    verbose_name = _("Offers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from engagement_hub.associations import representatives

        from .models import OfferPage

        # An offer belongs to its association's representatives (every language);
        # the grants follow it when it is created or its association changes.
        representatives.register_club_pages(_offers_of, _club_of)
        post_save.connect(_offer_saved, sender=OfferPage, dispatch_uid="eh_offer_saved")


def _offers_of(key):
    from .models import OfferPage

    return OfferPage.objects.filter(association__translation_key=key)


def _club_of(page):
    from .models import OfferPage

    if not isinstance(page, OfferPage) or page.association_id is None:
        return None
    from engagement_hub.associations.models import AssociationPage

    return (
        AssociationPage.objects.filter(pk=page.association_id)
        .values_list("translation_key", flat=True)
        .first()
    )


def _offer_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and "association" not in update_fields and not created:
        return
    from engagement_hub.associations.models import ClubGroup
    from engagement_hub.associations.representatives import sync_page

    if not ClubGroup.objects.exists():
        return
    sync_page(instance)
