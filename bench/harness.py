"""Time pages in-process: median, p95 and SQL query count over N requests after warm-up.

Every run also measures a bare Wagtail page (the stock ``wagtailcore/page.html`` of a
plain ``Page``) and prints each page's ratio against it, so numbers from different
machines can be compared.

Call ``setup_django(database_name)`` before importing models.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_LABEL = "bare Wagtail page (baseline)"


def setup_django(database_name: str = "bench") -> None:
    """Configure Django on a database of its own (DATABASE_URL wins if set)."""
    sys.path.insert(0, str(ROOT))
    # Test settings: DEBUG off, local-memory cache, mail kept in memory, tasks eager.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = (
            f"sqlite:///{ROOT / 'var' / f'{database_name}.sqlite3'}"
        )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)


def ensure_baseline_page():
    """A plain Wagtail ``Page`` under the German home page, rendered by Wagtail's own
    template: the cost of Wagtail serving a page and nothing else."""
    from wagtail.models import Locale, Page

    home = Page.objects.filter(depth=2, locale=Locale.get_default()).first()
    page = Page.objects.child_of(home).filter(slug="bench-baseline").first()
    if page is None:
        page = Page(title="Baseline", slug="bench-baseline")
        home.add_child(instance=page)
        page.save_revision().publish()
    return page.url


def measure(client, label: str, url: str, n: int = 30, warmup: int = 3) -> dict:
    """Request ``url`` ``warmup`` + ``n`` times; times in ms, queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: {url} answered {response.status_code}")
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    return {
        "label": label,
        "url": url,
        "n": n,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)],
        "queries": len(queries),
    }


def run(pages: list[tuple[str, str]], n: int = 30, title: str = "") -> list[dict]:
    """Measure the baseline and each (label, url); print one line per page."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, BASELINE_LABEL, ensure_baseline_page(), n=n)
    results = [baseline] + [measure(client, label, url, n=n) for label, url in pages]
    if title:
        print(f"# {title}")
    width = max(len(r["label"]) for r in results)
    for result in results:
        ratio = result["median_ms"] / baseline["median_ms"]
        print(
            f"{result['label']:<{width}}  median {result['median_ms']:7.1f} ms"
            f"  p95 {result['p95_ms']:7.1f} ms  queries {result['queries']:3d}"
            f"  x{ratio:5.2f} baseline   {result['url']}"
        )
    return results
