"""Newsletter throughput: N subscribers (DE/EN), two Celery workers on Redis, the
fake Mailgun API. ``python -m bench.send [--recipients N] [--workers 2]``.
``--meetings``: instead, a meeting invitation with its .ics to N clubs (the
audience "all associations"; expansion and sending by the workers).

PostgreSQL when DATABASE_URL is set (a fresh database ``<name>_bench_send`` on that
server), otherwise a fresh SQLite file under var/. The expansion (audience ->
delivery rows, in chunks) runs in this process so its memory can be measured on
its own; the batches are sent by the workers. Prints messages per second, wall
time (expansion included), the peak memory of each worker (RSS of its process tree,
sampled) and of the expansion, and ESP calls per recipient. Redis: BENCH_REDIS_URL
(default redis://127.0.0.1:6379/14).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
BASE_URL = "https://hub.example"


def fresh_database() -> str:
    """A DATABASE_URL for an empty database of the bench's own."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        path = ROOT / "var" / "bench-send.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'hub'}_bench_send"
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


def setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    # Test settings: DEBUG off, no query log; mail goes to the fake ESP below.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)


def create_content(recipients: int):
    """Site, hub settings, a German issue with its English translation, subscribers."""
    from engagement_hub.core.demo_tools import get_or_create_child, translate
    from engagement_hub.core.models import HubSettings
    from engagement_hub.mailings.models import (
        NewsletterIndexPage,
        NewsletterPage,
        Subscriber,
    )
    from home.demo import prepare_site

    _de, en, home = prepare_site()
    HubSettings.objects.update_or_create(
        site=home.get_site(),
        defaults={
            "newsletter_sender_email": "newsletter@ludwigslust.example",
            "postal_address": "Schlossstraße 38\n19288 Ludwigslust",
        },
    )
    index = get_or_create_child(
        home, NewsletterIndexPage, "newsletter", title="Newsletter"
    )
    issue = get_or_create_child(
        index,
        NewsletterPage,
        "bench",
        title="Neues aus Ludwigslust",
        introduction="Die Vereine der Stadt stellen sich vor.",
        body=[
            ("heading", "Termine"),
            ("text", "<p>" + "Wir treffen uns im Rathaus. " * 40 + "</p>"),
            ("featured_pages", {"heading": "Tipps", "pages": [home]}),
        ],
    )
    translate(index, en, {})
    translate(issue, en, {"Neues aus Ludwigslust": "News from Ludwigslust"})
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{n}@bench.example",
                language="en" if n % 3 == 0 else "de",
                status=Subscriber.Status.SUBSCRIBED,
            )
            for n in range(recipients)
        ],
        batch_size=2000,
    )
    return issue


class Worker:
    """One ``celery worker`` process (and its pool) with a memory sampler."""

    def __init__(
        self, env: dict, queue: str, log: Path, pool: str, concurrency: int, name: str
    ):
        self.log = log
        command = [
            sys.executable, "-m", "celery", "-A", "settings", "worker",
            "--loglevel=WARNING", "--without-gossip", "--without-mingle",
            "--without-heartbeat", f"--concurrency={concurrency}", f"--pool={pool}",
            "-Q", queue, f"--hostname=bench-{queue}-{name}@%h",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log.open("wb"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.peak_kb = 0
        self.peak_pss_kb = 0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def tree_rss_kb(self, field: str = "VmRSS:") -> int:
        """Sum of VmRSS over the worker's process group (main process and pool)."""
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                pgrp = int(stat.rsplit(")", 1)[1].split()[2])
                if pgrp != self.process.pid:
                    continue
                source = "status" if field == "VmRSS:" else "smaps_rollup"
                for line in (entry / source).read_text().splitlines():
                    if line.startswith(field):
                        total += int(line.split()[1])
            except (OSError, ValueError, IndexError):
                continue
        return total

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self.tree_rss_kb())
            # PSS shares copy-on-write pages of the forked pool among processes.
            self.peak_pss_kb = max(self.peak_pss_kb, self.tree_rss_kb("Pss:"))
            time.sleep(0.1)

    def start_sampling(self) -> None:
        self._sampler.start()

    def stop(self) -> None:
        self._stop.set()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def point_producer_at(queue: str) -> None:
    from settings.celery import app

    # Celery prefers the CELERY_BROKER_URL environment variable to its configuration.
    os.environ["CELERY_BROKER_URL"] = REDIS_URL
    app.conf.broker_url = REDIS_URL
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue


def wait_until_ready(workers: list[Worker], timeout: float = 90) -> None:
    """Ping the workers until all answer (they imported Django and connected)."""
    from settings.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in workers:
            if worker.process.poll() is not None:
                sys.exit(f"A worker stopped; see {worker.log}")
        if len(app.control.ping(timeout=0.5)) >= len(workers):
            return
    sys.exit(f"The workers did not start; see {workers[0].log}")


class SelfSampler:
    """Peak RSS of this process while a block runs (the expansion)."""

    def __init__(self):
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def rss_kb() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, self.rss_kb())
            time.sleep(0.02)

    def __enter__(self) -> SelfSampler:
        self.before_kb = self.rss_kb()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, self.rss_kb())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--pool",
        default="threads",
        choices=["threads", "prefork"],
        help=(
            "Celery pool of each worker. Sending is I/O-bound (ESP and database), so "
            "two threads of one process do the work of two forked processes with "
            "half the memory."
        ),
    )
    parser.add_argument(
        "--meetings",
        action="store_true",
        help="send a meeting invitation with .ics to --recipients clubs instead",
    )
    args = parser.parse_args()

    database_url = fresh_database()
    setup_django(database_url)
    from django.conf import settings
    from django.utils import timezone

    from engagement_hub.mailings import delivery, newsletters
    from engagement_hub.mailings.models import Delivery, Mailing
    from engagement_hub.mailings.testing.fake_esp import FakeESP

    settings.ENGAGEMENT_HUB_MAIL_BASE_URL = BASE_URL
    settings.ENGAGEMENT_HUB_MAIL_BATCH_SIZE = args.batch_size
    if args.meetings:
        from bench.meetings import prepare as prepare_meetings

        occurrence = prepare_meetings(1, 4, args.recipients)["page"].occurrences.first()
    else:
        issue = create_content(args.recipients)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    with FakeESP(keep_bodies=False) as esp:
        env = {
            **os.environ,
            **esp.environment(),
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "ENGAGEMENT_HUB_TEST_WORKER": "1",
            "ENGAGEMENT_HUB_MAIL_BATCH_SIZE": str(args.batch_size),
            "ENGAGEMENT_HUB_MAIL_BASE_URL": BASE_URL,
        }
        workers = [
            Worker(
                env,
                queue,
                ROOT / "var" / f"bench-send-worker-{n}.log",
                args.pool,
                args.concurrency,
                str(n),
            )
            for n in range(args.workers)
        ]
        try:
            point_producer_at(queue)
            wait_until_ready(workers)
            idle_kb = max(worker.tree_rss_kb() for worker in workers)
            for worker in workers:
                worker.start_sampling()
            started = time.monotonic()
            if args.meetings:
                from engagement_hub.meetings import invitations

                # The workers expand the audience and send the batches.
                with SelfSampler() as expansion:
                    mailing = invitations.invite(
                        occurrence, invitations.AudienceChoice(all_associations=True)
                    )
            else:
                # Scheduled far ahead, so that only this process expands it.
                mailing = newsletters.send_issue(
                    issue, topic_keys=[], send_at=timezone.now() + timedelta(days=1)
                )
                with SelfSampler() as expansion:
                    delivery.expand(mailing.pk)
            expanded = time.monotonic() - started
            while Mailing.objects.get(pk=mailing.pk).status != Mailing.Status.DONE:
                time.sleep(0.05)
                delivery.finish_if_complete(mailing.pk)
            wall = time.monotonic() - started
            time.sleep(0.2)
        finally:
            for worker in workers:
                worker.stop()
        sent = Delivery.objects.filter(mailing=mailing, status="sent").count()
        per_recipient = esp.per_recipient()
        peak = max(worker.peak_kb for worker in workers)
        peak_pss = max(worker.peak_pss_kb for worker in workers)
        print(f"database:            {settings.DATABASES['default']['ENGINE']}")
        if args.meetings:
            print("mailing:             meeting invitation with .ics per recipient")
        print(
            f"recipients:          {args.recipients} (batch size {args.batch_size}, "
            f"{args.workers} workers, {args.pool} pool, concurrency "
            f"{args.concurrency})"
        )
        print(f"sent:                {sent}")
        print(f"wall time:           {wall:.2f} s (expansion {expanded:.2f} s)")
        print(f"messages per second: {sent / wall:.0f}")
        print(
            f"worker peak memory:  {peak / 1024:.0f} MB per worker "
            f"(RSS sum of its process tree; idle {idle_kb / 1024:.0f} MB)"
        )
        print(f"worker peak PSS:     {peak_pss / 1024:.0f} MB (shared split)")
        print(
            f"expansion memory:    peak {expansion.peak_kb / 1024:.0f} MB RSS, "
            f"+{(expansion.peak_kb - expansion.before_kb) / 1024:.1f} MB during it"
        )
        print(f"ESP calls/recipient: {esp.calls / max(args.recipients, 1):.4f}")
        print(f"max per recipient:   {max(per_recipient.values(), default=0)}")


if __name__ == "__main__":
    main()
