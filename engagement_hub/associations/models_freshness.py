"""One freshness check of a club: the reminder mails asking whether its entry is
still correct, and the answer (see ``freshness.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FreshnessCheck(models.Model):
    """A club (all translations of its page, by translation key) was asked on
    ``started_on`` whether its entry is still correct. The link in the mail names
    this row; it works until the check is answered (once) or expires."""

    translation_key = models.UUIDField(_("club"), db_index=True)
    started_on = models.DateField(_("started on"))
    first_sent_at = models.DateTimeField(_("first reminder sent"), null=True)
    second_sent_at = models.DateTimeField(_("second reminder sent"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("freshness check")
        verbose_name_plural = _("freshness checks")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "started_on"],
                name="eh_freshness_one_check_per_club_and_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} {self.started_on}"
