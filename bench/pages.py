"""Page timings at demo size: `python -m bench` (or `make bench`).

Each domain adds its pages to PAGES (label, URL) below; larger data sets have their
own scripts (bench/directory.py).
"""

from __future__ import annotations

import argparse

from bench.harness import run, setup_django

PAGES = [
    ("home (de)", "/de/"),
    ("home (en)", "/en/"),
    ("standard page (de)", "/de/impressum/"),
    ("search (de)", "/de/suche/?q=Ludwigslust"),
    ("associations (de)", "/de/vereine/"),
    (
        "associations, 3 filters (en)",
        "/en/clubs/?category=sport&weekday=1&volunteers=yes",
    ),
    ("offers (de)", "/de/angebote/"),
    ("offers, 3 filters (en)", "/en/offers/?category=sport&age=10&weekday=1"),
    ("offers, full text (de)", "/de/angebote/?q=Kinder"),
    ("welcome page (de)", "/de/willkommen/"),
    ("welcome handout (de)", "/de/willkommen/handout/"),
    ("newsletter index (de)", "/de/newsletter/"),
    ("newsletter issue (en)", "/en/newsletter/dezember/"),
    ("newsletter sign-up (de)", "/de/newsletter-abo/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=30, help="timed requests per page")
    args = parser.parse_args()
    setup_django("bench")
    from django.core.management import call_command

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    run(PAGES, n=args.n, title=f"demo size, {args.n} requests per page")


if __name__ == "__main__":
    main()
