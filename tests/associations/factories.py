"""Builders for association pages and the taxonomy they link to (tests only)."""

from __future__ import annotations

from datetime import time

from django.utils import timezone
from wagtail.models import Page

from engagement_hub.associations.models import (
    AssociationIndexPage,
    AssociationMeetingTime,
    AssociationPage,
)
from engagement_hub.core.models import Category, District, TargetGroup


def terms(locale) -> dict:
    """A small German taxonomy (slugs as in the demo)."""
    return {
        "sport": Category.objects.get_or_create(
            locale=locale, slug="sport", defaults={"name": "Sport"}
        )[0],
        "kultur": Category.objects.get_or_create(
            locale=locale, slug="kultur", defaults={"name": "Kultur"}
        )[0],
        "kinder": TargetGroup.objects.get_or_create(
            locale=locale,
            slug="kinder",
            defaults={"name": "Kinder", "min_age": 0, "max_age": 12},
        )[0],
        "senioren": TargetGroup.objects.get_or_create(
            locale=locale, slug="senioren", defaults={"name": "Senioren", "min_age": 60}
        )[0],
        "innenstadt": District.objects.get_or_create(
            locale=locale, slug="innenstadt", defaults={"name": "Innenstadt"}
        )[0],
        "kummer": District.objects.get_or_create(
            locale=locale, slug="kummer", defaults={"name": "Kummer"}
        )[0],
    }


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def association_index(home: Page, slug: str = "vereine") -> AssociationIndexPage:
    existing = AssociationIndexPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    return publish_child(
        home, AssociationIndexPage(title="Vereine", slug=slug, locale=home.locale)
    )


def association(
    index: Page,
    title: str = "Testverein",
    *,
    categories=(),
    target_groups=(),
    languages=(),
    slots=(),
    **fields,
) -> AssociationPage:
    fields.setdefault("short_description", f"{title}: ein Verein zum Testen.")
    fields.setdefault("last_confirmed", timezone.localdate())
    page = AssociationPage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        **fields,
    )
    page.categories = list(categories)
    page.target_groups = list(target_groups)
    page.languages = list(languages)
    page.meeting_times = [
        AssociationMeetingTime(weekday=day, start_time=start or time(17, 0))
        for day, start in slots
    ]
    return publish_child(index, page)
