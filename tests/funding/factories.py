"""Builders for funding guides (tests only)."""

from __future__ import annotations

from datetime import date

from wagtail.models import Page

from engagement_hub.funding.models import (
    FundingDeadline,
    FundingGuidePage,
    FundingIndexPage,
)
from tests.associations.factories import publish_child


def funding_index(home: Page, slug: str = "foerderung") -> FundingIndexPage:
    existing = FundingIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return publish_child(
        home, FundingIndexPage(title="Förderung", slug=slug, locale=home.locale)
    )


def guide(
    index: Page,
    title: str = "Testprogramm",
    *,
    categories=(),
    target_groups=(),
    dates=(),
    yearly=(),
    **fields,
) -> FundingGuidePage:
    fields.setdefault("short_description", f"{title}: ein Programm zum Testen.")
    fields.setdefault("plain_summary", f"{title} gibt Geld für Vereine.")
    fields.setdefault("funder_name", "Stiftung Test")
    fields.setdefault("funder_level", "foundation")
    fields.setdefault("what_is_funded", "Projekte von Vereinen.")
    fields.setdefault("last_checked", date.today())
    if yearly:
        fields.setdefault("deadline_kind", "yearly")
    elif not dates:
        fields.setdefault("deadline_kind", "rolling")
    page = FundingGuidePage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        **fields,
    )
    page.categories = list(categories)
    page.target_groups = list(target_groups)
    page.deadlines = [FundingDeadline(date=d) for d in dates] + [
        FundingDeadline(month=m, day=d) for m, d in yearly
    ]
    return publish_child(index, page)
