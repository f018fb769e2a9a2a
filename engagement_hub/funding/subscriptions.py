"""Reminder subscriptions to funding guides (``FundingAlert``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingAlert(models.Model):
    """A reminder subscription: all funding news, one area, or one programme. The
    address, its language and the proof of consent are the newsletter's
    ``Subscriber`` and ``Consent`` records (purpose "funding alerts")."""

    class Scope(models.TextChoices):
        ALL = "all", _("All funding news")
        AREA = "area", _("One area")
        PROGRAMME = "programme", _("One programme")

    subscriber = models.ForeignKey(
        "engagement_hub_mailings.Subscriber",
        on_delete=models.CASCADE,
        related_name="funding_alerts",
    )
    consent = models.ForeignKey(
        "engagement_hub_mailings.Consent", on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    # Translation keys: the same alert covers every language of the area / guide.
    area_key = models.UUIDField(_("area"), null=True, blank=True)
    guide_key = models.UUIDField(_("programme"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    announce_new = models.BooleanField(_("announce new guides"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("funding alert")
        verbose_name_plural = _("funding alerts")
        indexes = [models.Index(fields=["scope", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({self.pk})"
