"""The funding app's signal receivers, connected once from ``FundingConfig.ready``:
the tokens of the cached pages (``caching``) and the announcement of a new guide."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import caching
from .guides import FundingGuidePage


def connect() -> None:
    page_published.connect(
        caching.guide_published,
        sender=FundingGuidePage,
        dispatch_uid="eh-funding-published",
    )
    page_unpublished.connect(
        caching.guide_removed,
        sender=FundingGuidePage,
        dispatch_uid="eh-funding-unpublished",
    )
    post_delete.connect(
        caching.guide_removed,
        sender=FundingGuidePage,
        dispatch_uid="eh-funding-deleted",
    )
    post_page_move.connect(
        caching.guide_moved, sender=FundingGuidePage, dispatch_uid="eh-funding-moved"
    )
    page_published.connect(
        guide_first_published, sender=FundingGuidePage, dispatch_uid="eh_funding_new"
    )


def guide_first_published(sender, instance, revision=None, **kwargs):
    """The first publication of a guide (in the default language) is announced to
    subscribers of its area who asked for it (once: the mail API's key)."""
    first = instance.first_published_at
    if first is None or instance.last_published_at != first:
        return
    if instance.locale_id != Locale.get_default().pk:
        return

    def announce():
        from .alerts import announce_new_guide

        announce_new_guide(instance)

    transaction.on_commit(announce)
