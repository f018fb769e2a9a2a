"""Builders for offer pages (tests only); bulk ones reuse the scale generator."""

from __future__ import annotations

from datetime import time

from wagtail.models import Page

from engagement_hub.offers.models import (
    OfferIndexPage,
    OfferPage,
    OfferScheduleSlot,
    WelcomePage,
)
from tests.associations.factories import publish_child


def offer_index(home: Page, slug: str = "angebote") -> OfferIndexPage:
    existing = OfferIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return publish_child(
        home, OfferIndexPage(title="Angebote", slug=slug, locale=home.locale)
    )


def offer(
    index: Page,
    title: str = "Testangebot",
    *,
    categories=(),
    target_groups=(),
    languages=(),
    slots=(),
    **fields,
) -> OfferPage:
    fields.setdefault("short_description", f"{title}: ein Angebot zum Testen.")
    page = OfferPage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        **fields,
    )
    page.categories = list(categories)
    page.target_groups = list(target_groups)
    page.languages = list(languages)
    page.schedule = [
        OfferScheduleSlot(weekday=day, start_time=start or time(15, 0))
        for day, start in slots
    ]
    return publish_child(index, page)


def welcome_page(home: Page, entries, slug: str = "willkommen") -> WelcomePage:
    return publish_child(
        home,
        WelcomePage(
            title="Willkommen",
            slug=slug,
            locale=home.locale,
            introduction="<p>Hallo!</p>",
            entries=entries,
        ),
    )
