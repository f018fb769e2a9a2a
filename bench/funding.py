"""Funding guide timings at 2,000 guides: ``python -m bench funding [--size 2000]``.

Builds a fresh database (SQLite under var/, or DATABASE_URL) with the taxonomy and
``--size`` guides below one funding directory (fixed, yearly and any-time deadlines,
mixed applicants, areas and amounts), then measures, each against the bare Wagtail
page of the same run: the index (warm, and after the whole cache was cleared), the
index with facets, the finder with answers, the deadline calendar, the iCal feed and
a guide page, each warm, on the first request after an editor published one guide
(``bench.directory.after_publish``) and after the whole cache was cleared. The
query counts are those of the last request.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from bench.harness import BASELINE_LABEL, ROOT, measure, setup_django

FINDER = "finder/?group=association&topic=jugendliche&amount=2000&when=spring&go=1"


def prepare(size: int) -> str:
    from wagtail.models import Page

    from engagement_hub.core import demo as core_demo
    from engagement_hub.core.demo_tools import DemoContext
    from engagement_hub.core.models import Category, TargetGroup
    from engagement_hub.funding.models import (
        FundingDeadline,
        FundingGuidePage,
        FundingIndexPage,
    )
    from home.demo import prepare_site

    start = time.perf_counter()
    de, en, home = prepare_site()
    core_demo.load(DemoContext(de=de, en=en, home=home))
    index = FundingIndexPage(title="Förderlotse", slug="foerderung", locale=de)
    home.add_child(instance=index)
    index.save_revision().publish()
    categories = list(Category.objects.filter(locale=de))
    groups = list(TargetGroup.objects.filter(locale=de))
    rng = random.Random(12)
    today = date.today()
    index = Page.objects.get(pk=index.pk)
    for number in range(size):
        kind = ("fixed", "yearly", "rolling")[number % 3]
        low = Decimal(rng.choice([0, 200, 500, 1000, 5000]))
        page = FundingGuidePage(
            title=f"Förderprogramm {number + 1}",
            slug=f"programm-{number + 1}",
            locale=de,
            short_description="Geld für Vereine und Initiativen.",
            plain_summary="Ein Programm für Vereine, die etwas bewegen wollen.",
            funder_name=f"Stiftung {number % 40}",
            funder_level=rng.choice(
                ["eu", "federal", "land", "county", "town", "foundation"]
            ),
            what_is_funded="Projekte, Ausstattung, Veranstaltungen.",
            for_associations=number % 5 != 0,
            for_initiatives=number % 2 == 0,
            for_nonprofits=number % 3 == 0,
            funding_kind=rng.choice(["grant", "grant", "prize", "in_kind"]),
            region=rng.choice(["nationwide", "land", "county", "town"]),
            amount_min=low or None,
            amount_max=low + Decimal(rng.choice([1000, 2500, 10000, 50000])),
            deadline_kind=kind,
            last_checked=today - timedelta(days=rng.randint(0, 400)),
            live=True,
        )
        if kind == "fixed":
            page.deadlines = [
                FundingDeadline(date=today + timedelta(days=rng.randint(1, 300)))
            ]
        elif kind == "yearly":
            page.deadlines = [
                FundingDeadline(month=rng.randint(1, 12), day=rng.randint(1, 28))
            ]
        index.add_child(instance=page)
        page.categories.set(rng.sample(categories, 2))
        page.target_groups.set(rng.sample(groups, 2))
        if number == 0:
            page.save_revision().publish()
    print(f"# {size} guides ready in {time.perf_counter() - start:.1f} s")
    return index.specific.url


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("-n", type=int, default=20, help="timed warm requests")
    parser.add_argument("--cold", type=int, default=5, help="empty-cache rounds")
    args = parser.parse_args(argv)
    name = f"bench-funding-{args.size}"
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var" / f"{name}.sqlite3").unlink(missing_ok=True)
    setup_django(name)
    url = prepare(args.size)

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from bench.harness import ensure_baseline_page
    from engagement_hub.core.directory.listing import clear_local
    from engagement_hub.funding.models import FundingGuidePage

    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, BASELINE_LABEL, ensure_baseline_page(), n=args.n)
    base_ms = baseline["median_ms"]
    guide = FundingGuidePage.objects.live().order_by("pk").first()
    pages = [
        ("funding index", url),
        (
            "index, 3 facets",
            url + "?applicant=association&category=sport&deadline=dated",
        ),
        ("index, by deadline p10", url + "?sort=deadline&page=10"),
        ("finder with answers", url + FINDER),
        ("finder, no answers", url + "finder/?go=1"),
        ("deadline calendar", url + "calendar/"),
        ("iCal feed (all)", url + "calendar/ical/"),
        ("guide page", guide.url),
    ]
    print(f"# funding, {args.size} guides, {connection.vendor}, n={args.n}")
    print(
        f"{BASELINE_LABEL:<26} median {base_ms:6.1f} ms  "
        f"queries {baseline['queries']:2d}"
    )
    print(
        f"{'page':<26} {'warm ms':>8} {'p95':>6} {'q':>3} {'x':>6} | "
        f"{'after publish':>13} {'q':>3} {'x':>6} | {'empty cache':>11} {'x':>6}"
    )
    from bench.directory import after_publish

    for label, page_url in pages:
        warm = measure(client, label, page_url, n=args.n)
        fresh = after_publish(client, page_url, FundingGuidePage, args.cold)
        timings = []
        for _ in range(args.cold):
            cache.clear()
            clear_local()
            begin = time.perf_counter()
            client.get(page_url)
            timings.append((time.perf_counter() - begin) * 1000)
        cold = statistics.median(timings)
        print(
            f"{label:<26} {warm['median_ms']:8.1f} {warm['p95_ms']:6.1f} "
            f"{warm['queries']:3d} {warm['median_ms'] / base_ms:5.2f}x | "
            f"{fresh['median_ms']:13.1f} {fresh['queries']:3d} "
            f"{fresh['median_ms'] / base_ms:5.2f}x | "
            f"{cold:11.1f} {cold / base_ms:5.2f}x"
        )
    print(
        "# targets: listings and feeds warm <= 4x, after publish <= 10x, "
        "<= 12 queries; details <= 2x, <= 10 queries"
    )


if __name__ == "__main__":
    main()
