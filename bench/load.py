"""Listings under load: ``python -m bench load [--size demo|1000] [-d SECONDS]``.

Serves the hub with gunicorn (2 sync workers, settings.test: DEBUG off; the cache is
Redis when REDIS_URL is set, else each worker's local memory) on 127.0.0.1 and
drives it with Debian's ``wrk`` (2 threads, 16 connections). Prints requests/s of
each page and the ratio to the bare Wagtail page measured the same way in the same
run. The data is the database ``bench directory`` builds (built here if missing).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from bench.harness import ROOT, ensure_baseline_page, setup_django

PAGES = [
    ("associations", "/de/vereine/"),
    ("associations, 3 filters", "/de/vereine/?category=sport&weekday=1&volunteers=yes"),
    ("offers", "/de/angebote/"),
    ("offers, 3 filters", "/de/angebote/?category=sport&age=10&weekday=1"),
    ("offers, full text", "/de/angebote/?q=garten"),
    ("offers, deep page", "/de/angebote/?page=200"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url}")


def _wrk(url: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=["demo", "1000"], default="1000")
    parser.add_argument("-d", type=int, default=10, help="seconds per page")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    name = f"bench-directory-{args.size}"
    fresh = (
        "DATABASE_URL" not in os.environ
        and not (ROOT / "var" / f"{name}.sqlite3").exists()
    )
    setup_django(name)
    from django.db import connection

    if fresh or not _has_data():
        from bench.directory import prepare

        prepare(args.size)
    baseline = ensure_baseline_page()
    connection.close()

    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings.test"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "settings.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        root = f"http://127.0.0.1:{port}"
        _wait(root + baseline)
        print(
            f"# load: gunicorn 2 sync workers + wrk -t2 -c16 -d{args.d}s, size "
            f"{args.size}, {connection.vendor}"
        )
        rows = []
        for label, url in [("bare Wagtail page (baseline)", baseline), *PAGES]:
            for _ in range(10):  # both workers build their caches first
                _wait(root + url)
            rows.append((label, url, _wrk(root + url, args.d)))
        base = rows[0][2]
        for label, url, rate in rows:
            print(
                f"{label:<30} {rate:8.1f} req/s  x{rate / base:5.2f} baseline   {url}"
            )
        print("# target: listings >= 0.4x the baseline's requests/s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _has_data() -> bool:
    from engagement_hub.offers.models import OfferPage

    return OfferPage.objects.exists()


if __name__ == "__main__":
    main()
