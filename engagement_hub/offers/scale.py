"""Large synthetic directories for benchmarks: pages inserted in bulk with computed
tree paths (no ``add_child`` per page), German only, live and found by the listing."""

from __future__ import annotations

import random
import uuid
from datetime import time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from engagement_hub.associations.models import (
    AssociationIndexPage,
    AssociationMeetingTime,
    AssociationPage,
)
from engagement_hub.core.models import Category, District, Language, TargetGroup

from .models import CostKind, OfferIndexPage, OfferKind, OfferPage, OfferScheduleSlot

BATCH = 500
WORDS = [
    "Sport",
    "Musik",
    "Garten",
    "Lesen",
    "Tanz",
    "Schach",
    "Natur",
    "Theater",
    "Kochen",
    "Radfahren",
    "Nähen",
    "Geschichte",
    "Computer",
    "Malen",
    "Laufen",
]


def get_or_create_index(home: Page, model, slug: str, title: str) -> Page:
    index = model.objects.child_of(home).filter(slug=slug).first()
    if index is None:
        index = model(slug=slug, title=title, locale=home.locale)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def insert_pages(parent: Page, model, pages: list) -> list:
    """Insert unsaved ``model`` instances as the last children of ``parent``.

    Django cannot ``bulk_create`` multi-table models, so the ``wagtailcore_page``
    rows go in with ``bulk_create`` and the specific rows with ``_insert`` (the
    same private API bulk_create uses), both in batches.
    """
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    start = (int(last.path[-Page.steplen :], 36) if last else 0) + 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    depth = parent.depth + 1
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, start + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now - timedelta(
            minutes=offset
        )
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    local_fields = [
        f for f in model._meta.local_concrete_fields if f.name != "page_ptr"
    ]
    for start_index in range(0, len(pages), BATCH):
        batch = pages[start_index : start_index + BATCH]
        bases = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(page, f.attname) for f in base_fields})
                for page in batch
            ]
        )
        for page, base in zip(batch, bases, strict=True):
            page.pk = page.page_ptr_id = base.pk
            page.id = base.pk
        model.objects._insert(
            batch,
            fields=[model._meta.get_field("page_ptr"), *local_fields],
            using="default",
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def _terms():
    return (
        list(Category.objects.values_list("pk", flat=True)),
        list(TargetGroup.objects.values_list("pk", flat=True)),
        list(District.objects.all()),
        list(Language.objects.values_list("pk", flat=True)),
    )


@transaction.atomic
def generate(home: Page, associations: int, offers: int, seed: int = 1) -> tuple:
    """Add ``associations`` and ``offers`` pages below the directories of ``home``."""
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not security
    categories, groups, districts, languages = _terms()
    association_index = get_or_create_index(
        home, AssociationIndexPage, "vereine", "Vereine und Initiativen"
    )
    offer_index = get_or_create_index(home, OfferIndexPage, "angebote", "Angebote")
    run = uuid.uuid4().hex[:6]

    clubs = insert_pages(
        association_index,
        AssociationPage,
        [_association(rng, run, n, districts) for n in range(associations)],
    )
    _relate(AssociationPage, clubs, rng, categories, groups, languages)
    AssociationMeetingTime.objects.bulk_create(
        [
            AssociationMeetingTime(
                page_id=club.pk,
                sort_order=0,
                weekday=rng.randrange(7),
                start_time=time(rng.randrange(8, 21), rng.choice([0, 30])),
            )
            for club in clubs
        ],
        batch_size=BATCH,
    )
    items = insert_pages(
        offer_index,
        OfferPage,
        [_offer(rng, run, n, districts, clubs) for n in range(offers)],
    )
    _relate(OfferPage, items, rng, categories, groups, languages)
    OfferScheduleSlot.objects.bulk_create(
        [
            OfferScheduleSlot(
                page_id=item.pk,
                sort_order=slot,
                weekday=rng.randrange(7),
                start_time=time(rng.randrange(8, 21), rng.choice([0, 30])),
            )
            for item in items
            for slot in range(1 + item.pk % 2)
        ],
        batch_size=BATCH,
    )
    return association_index, offer_index


def _association(rng, run, n, districts) -> AssociationPage:
    word = rng.choice(WORDS)
    low = rng.choice([None, 6, 12, 18, 60])
    return AssociationPage(
        title=f"{word}verein {n + 1}",
        slug=f"skala-{run}-verein-{n + 1}",
        short_description=f"Ein erfundener Verein für {word} (Testdaten).",
        district_id=rng.choice(districts).pk if districts else None,
        min_age=low,
        max_age=None if low is None or low >= 18 else low + 6,
        membership_fee=rng.choice([None, Decimal("0"), Decimal("24"), Decimal("60")]),
        step_free_access=rng.random() < 0.5,
        accessible_toilet=rng.random() < 0.3,
        looking_for_volunteers=rng.random() < 0.4,
        last_confirmed=timezone.localdate() - timedelta(days=rng.randrange(800)),
        town="Ludwigslust",
    )


def _offer(rng, run, n, districts, clubs) -> OfferPage:
    word = rng.choice(WORDS)
    paid = rng.random() < 0.5
    low = rng.choice([None, 3, 6, 10, 14, 18, 60])
    return OfferPage(
        title=f"{word} am Nachmittag {n + 1}",
        slug=f"skala-{run}-angebot-{n + 1}",
        short_description=f"Ein erfundenes Angebot rund um {word} (Testdaten).",
        association_id=rng.choice(clubs).pk if clubs and rng.random() < 0.9 else None,
        kind=rng.choice(OfferKind.values),
        district_id=rng.choice(districts).pk if districts else None,
        min_age=low,
        max_age=None if low is None or low >= 18 else low + 5,
        cost_kind=CostKind.PAID if paid else CostKind.FREE,
        price=Decimal(rng.randrange(1, 30)) if paid else None,
        step_free_access=rng.random() < 0.5,
        hearing_loop=rng.random() < 0.1,
        town="Ludwigslust",
    )


def _relate(model, pages, rng, categories, groups, languages) -> None:
    for name, choices in (
        ("categories", categories),
        ("target_groups", groups),
        ("languages", languages),
    ):
        if not choices:
            continue
        through = getattr(model, name).through
        source = f"{model._meta.model_name}_id"
        target = next(
            f.attname
            for f in through._meta.fields
            if f.is_relation and f.attname != source
        )
        rows = []
        for page in pages:
            for pk in set(rng.sample(choices, k=min(2, len(choices)))):
                rows.append(through(**{source: page.pk, target: pk}))
        through.objects.bulk_create(rows, batch_size=BATCH)
