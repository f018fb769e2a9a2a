"""Directory page timings: ``python -m bench.directory --size demo|1000``.

``demo`` measures the demo content (30 associations, 80 offers per language);
``1000`` builds a fresh SQLite database under var/ with 1,000 associations and
5,000 offers (``generate_scale_data``) and measures the same pages. Every line
shows median, p95, the query count and the ratio against the home page (and the
harness's bare-Wagtail baseline) measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import time

from bench.harness import ROOT, run, setup_django

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
    print(f"# data ready in {time.perf_counter() - start:.1f} s")


def pages() -> list[tuple[str, str]]:
    from engagement_hub.associations.models import AssociationPage
    from engagement_hub.offers.models import OfferPage

    club = AssociationPage.objects.live().filter(locale__language_code="de").first()
    offer = OfferPage.objects.live().filter(locale__language_code="de").first()
    return [
        ("home (de)", "/de/"),
        ("associations", "/de/vereine/"),
        ("associations, 3 filters", "/de/vereine/" + ASSOCIATION_FILTERS),
        ("associations, full text", "/de/vereine/?q=verein"),
        ("association detail", club.url),
        ("offers", "/de/angebote/"),
        ("offers, 3 filters", "/de/angebote/" + FILTERED),
        ("offers, full text", "/de/angebote/?q=garten"),
        ("offer detail", offer.url),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=["demo", "1000"], default="demo")
    parser.add_argument("-n", type=int, default=30, help="timed requests per page")
    args = parser.parse_args()
    name = f"bench-directory-{args.size}"
    if "DATABASE_URL" not in os.environ:
        # A fresh database each run: sizes never mix.
        (ROOT / "var" / f"{name}.sqlite3").unlink(missing_ok=True)
    setup_django(name)
    prepare(args.size)
    results = run(pages(), n=args.n, title=f"directory, size {args.size}, n={args.n}")
    home = next(r for r in results if r["label"] == "home (de)")
    print("# against the home page of the same run")
    for result in results:
        if result["label"].startswith(("home", "bare")):
            continue
        print(
            f"{result['label']:<26} median {result['median_ms']:7.1f} ms  "
            f"p95 {result['p95_ms']:7.1f} ms  queries {result['queries']:3d}  "
            f"x{result['median_ms'] / home['median_ms']:5.2f} home"
        )


if __name__ == "__main__":
    main()
