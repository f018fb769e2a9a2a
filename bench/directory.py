"""Directory page timings: ``python -m bench directory --size demo|1000``.

``demo`` measures the demo content (30 associations, 80 offers per language);
``1000`` builds a fresh database (SQLite under var/, or DATABASE_URL) with 1,000
associations and 5,000 offers (``generate_scale_data``) and measures the same pages.

Each listing is measured three ways, each against the bare Wagtail page of the same
run (the harness's baseline):

- ``warm``: a repeated request (median and p95 over n requests);
- ``after publish``: the first request after an editor published one entry of that
  directory (the publish itself is not timed), median over ``--cold`` rounds;
- ``empty cache``: the first request after the whole cache was cleared (every
  listing index and card rebuilt), median over ``--cold`` rounds.

Detail pages are measured warm. The query count is that of the last request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.harness import BASELINE_LABEL, ROOT, measure, setup_django

FILTERED = "?category=sport&age=10&weekday=1"
ASSOCIATION_FILTERS = "?category=sport&weekday=1&volunteers=yes"


def prepare(size: str) -> None:
    from django.core.management import call_command

    start = time.perf_counter()
    if size == "demo":
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    else:
        from engagement_hub.core import demo as core_demo
        from engagement_hub.core.demo_tools import DemoContext
        from home.demo import prepare_site

        de, en, home = prepare_site()
        core_demo.load(DemoContext(de=de, en=en, home=home))
        call_command(
            "generate_scale_data",
            associations=1000,
            offers=5000,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        # The bulk insert bypasses publishing: index it for the listings' ?q=.
        call_command("rebuild_site_search", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"# data ready in {time.perf_counter() - start:.1f} s")


def pages(size: str) -> tuple[list, list]:
    """(listings as (label, url, entry model), details as (label, url))."""
    from engagement_hub.associations.models import AssociationPage
    from engagement_hub.offers.models import OfferPage

    club = AssociationPage.objects.live().filter(locale__language_code="de").first()
    offer = OfferPage.objects.live().filter(locale__language_code="de").first()
    deep = 40 if size == "1000" else 2
    listings = [
        ("associations", "/de/vereine/", AssociationPage),
        (
            "associations, 3 filters",
            "/de/vereine/" + ASSOCIATION_FILTERS,
            AssociationPage,
        ),
        ("associations, full text", "/de/vereine/?q=verein", AssociationPage),
        ("associations, deep page", f"/de/vereine/?page={deep}", AssociationPage),
        ("offers", "/de/angebote/", OfferPage),
        ("offers, 3 filters", "/de/angebote/" + FILTERED, OfferPage),
        ("offers, full text", "/de/angebote/?q=garten", OfferPage),
        ("offers, deep page", f"/de/angebote/?page={deep * 5}", OfferPage),
    ]
    details = [("association detail", club.url), ("offer detail", offer.url)]
    return listings, details


def _timed(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed, len(queries)


def after_publish(client, url: str, model, rounds: int) -> dict:
    """Publish one live entry of ``model`` (a new revision), then time one request."""
    entries = list(
        model.objects.live()
        .filter(locale__language_code="de")
        .exclude(**({"kind": "volunteering"} if hasattr(model, "kind") else {}))
        .order_by("?")[:rounds]
    )
    timings, queries = [], 0
    for entry in entries:
        entry.short_description = entry.short_description[:290] + " (neu)"
        # Scale data skips some required fields; the publish is what counts here.
        entry.save_revision(clean=False).publish()
        elapsed, queries = _timed(client, url)
        timings.append(elapsed)
    return {"median_ms": statistics.median(timings), "queries": queries}


def empty_cache(client, url: str, rounds: int) -> dict:
    from django.core.cache import cache

    from engagement_hub.core.directory.listing import clear_local

    timings, queries = [], 0
    for _ in range(rounds):
        cache.clear()
        clear_local()
        elapsed, queries = _timed(client, url)
        timings.append(elapsed)
    return {"median_ms": statistics.median(timings), "queries": queries}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=["demo", "1000"], default="demo")
    parser.add_argument("-n", type=int, default=30, help="timed warm requests")
    parser.add_argument("--cold", type=int, default=7, help="cold rounds per page")
    args = parser.parse_args(argv)
    name = f"bench-directory-{args.size}"
    if "DATABASE_URL" not in os.environ:
        # A fresh database each run: sizes never mix.
        (ROOT / "var" / f"{name}.sqlite3").unlink(missing_ok=True)
    setup_django(name)
    prepare(args.size)

    from django.db import connection
    from django.test import Client

    from bench.harness import ensure_baseline_page

    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, BASELINE_LABEL, ensure_baseline_page(), n=args.n)
    base_ms = baseline["median_ms"]
    listings, details = pages(args.size)
    print(
        f"# directory, size {args.size}, {connection.vendor}, n={args.n}, "
        f"cold rounds={args.cold}"
    )
    print(
        f"{BASELINE_LABEL:<26} median {base_ms:6.1f} ms  "
        f"queries {baseline['queries']:2d}"
    )
    print(
        f"{'page':<26} {'warm ms':>8} {'p95':>6} {'q':>3} {'x':>6} | "
        f"{'after publish':>13} {'q':>3} {'x':>6} | {'empty cache':>11} {'q':>3} "
        f"{'x':>6}"
    )
    for label, url, model in listings:
        warm = measure(client, label, url, n=args.n)
        fresh = after_publish(client, url, model, args.cold)
        empty = empty_cache(client, url, args.cold)
        print(
            f"{label:<26} {warm['median_ms']:8.1f} {warm['p95_ms']:6.1f} "
            f"{warm['queries']:3d} {warm['median_ms'] / base_ms:5.2f}x | "
            f"{fresh['median_ms']:13.1f} {fresh['queries']:3d} "
            f"{fresh['median_ms'] / base_ms:5.2f}x | "
            f"{empty['median_ms']:11.1f} {empty['queries']:3d} "
            f"{empty['median_ms'] / base_ms:5.2f}x"
        )
    for label, url in details:
        warm = measure(client, label, url, n=args.n)
        print(
            f"{label:<26} {warm['median_ms']:8.1f} {warm['p95_ms']:6.1f} "
            f"{warm['queries']:3d} {warm['median_ms'] / base_ms:5.2f}x"
        )
    print("# targets: listings warm <= 4x, after publish <= 10x, <= 12 queries;")
    print("#          details <= 2x and <= 10 queries")


if __name__ == "__main__":
    main()
