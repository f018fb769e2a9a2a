"""Anonymous page cache: requests/s of the same public pages with and without it.

``python -m bench.pagecache [-n 300]`` loads the demo into var/bench-pagecache.sqlite3
(or DATABASE_URL), then for each page sends ``n`` anonymous GETs straight through
Django's WSGI handler (the whole middleware stack, no test client, no socket), first
with the page cache off (``ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT=0``), then on (after one
request that fills it). Prints requests/s uncached, cached and the ratio (target
>= 10x), plus the X-Page-Cache state seen. The cache is whatever ``CACHES`` says:
local memory, or Redis when REDIS_URL is set (that round trip is then included).
"""

from __future__ import annotations

import argparse
import io
import os
import time

from bench.harness import setup_django


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def serve(handler, path: str) -> tuple[str, dict]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status
        seen["headers"] = dict(headers)

    body = handler(environ(path), start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return seen["status"], seen["headers"]


def rate(handler, path: str, n: int) -> tuple[float, str]:
    status, headers = serve(handler, path)  # warm-up (and, when on, fills the cache)
    if not status.startswith("200"):
        raise RuntimeError(f"{path} answered {status}")
    start = time.perf_counter()
    for _ in range(n):
        _status, headers = serve(handler, path)
    elapsed = time.perf_counter() - start
    return n / elapsed, headers.get("X-Page-Cache", "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=300, help="requests per page and mode")
    args = parser.parse_args()
    setup_django("bench-pagecache")
    from django.conf import settings
    from django.core.cache import caches
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.test.utils import override_settings

    from engagement_hub.associations.models import AssociationPage
    from engagement_hub.offers.models import OfferPage

    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    club = AssociationPage.objects.live().filter(locale__language_code="de").first()
    offer = OfferPage.objects.live().filter(locale__language_code="de").first()
    pages = [
        ("home (de)", "/de/"),
        ("home (en)", "/en/"),
        ("associations", "/de/vereine/"),
        ("offers", "/de/angebote/"),
        ("association detail", club.url),
        ("offer detail", offer.url),
    ]
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"# anonymous page cache, {backend}, n={args.n} per page and mode, in-process"
    )
    handler = WSGIHandler()
    caches["default"].clear()
    total_off = total_on = 0.0
    cached_pages = 0
    for label, path in pages:
        with override_settings(ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT=0):
            off, _ = rate(handler, path, args.n)
        with override_settings(ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT=300):
            on, state = rate(handler, path, args.n)
        note = state
        if state != "hit":
            note = "not cacheable: " + _reason(handler, path)
        else:
            total_off += args.n / off
            total_on += args.n / on
            cached_pages += 1
        print(
            f"{label:<20} uncached {off:8.1f} req/s  cached {on:9.1f} req/s  "
            f"x{on / off:6.1f}  ({note})  {path}"
        )
    count = args.n * cached_pages
    if cached_pages:
        print(
            f"# the {cached_pages} cacheable pages: uncached {count / total_off:.1f} "
            f"req/s, cached {count / total_on:.1f} req/s, "
            f"x{total_off / total_on:.1f} (target >= 10x)"
        )


def _reason(handler, path: str) -> str:
    from django.test import Client

    response = Client(HTTP_HOST="localhost").get(path)
    if b"csrfmiddlewaretoken" in response.content:
        return "it carries a CSRF token (a form)"
    if response.cookies:
        return "it sets a cookie"
    return "see engagement_hub/core/pagecache.py storable()"


if __name__ == "__main__":
    main()
