"""Fixtures shared by all tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from settings.celery import app as celery_app
from tests.services import WorkerProcess, require_redis


@pytest.fixture
def site_tree(db, django_capture_on_commit_callbacks):
    """German home page (site root) with its English translation; returns both."""
    from home.demo import prepare_site

    # wagtail-localize publishes translations on commit; the test never commits.
    with django_capture_on_commit_callbacks(execute=True):
        de, en, home_de = prepare_site()
    return {"de": home_de, "en": home_de.get_translation(en), "locales": (de, en)}


@pytest.fixture(scope="session")
def demo_snapshot_file(tmp_path_factory) -> Path:
    """``load_demo``'s result, built once per test session on a scratch database
    (tests/demo_snapshot.py). Servers with a database of their own fill it with
    ``tests.demo_snapshot.migrate_and_restore``."""
    from tests.demo_snapshot import build_file

    return build_file(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def demo_snapshot(demo_snapshot_file):
    from tests.demo_snapshot import Snapshot

    return Snapshot.load(demo_snapshot_file)


@pytest.fixture
def demo(db, demo_snapshot):
    """The whole demo content, as `load_demo` creates it (English pages live), in
    this test's transaction."""
    from django.db import connection

    from tests.demo_snapshot import restore

    restore(connection, demo_snapshot)


@pytest.fixture(scope="module")
def demo_once(django_db_setup, demo_snapshot, django_db_blocker):
    """The demo in a transaction that lives as long as the module: each test runs
    in a savepoint inside it (``db``), so the demo is written once per module."""
    from django.db import connection, transaction

    from tests.demo_snapshot import restore

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            restore(connection, demo_snapshot)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _configure_producer(broker_url: str, transport_options: dict, queue: str) -> dict:
    """Point this process's Celery app at a broker; return the old configuration."""
    conf = celery_app.conf
    old = {
        "env": os.environ.get("CELERY_BROKER_URL"),
        "broker_url": conf.get("broker_url"),
        "broker_transport_options": conf.broker_transport_options,
        "task_always_eager": conf.task_always_eager,
        "task_default_queue": conf.task_default_queue,
    }
    # Celery prefers the CELERY_BROKER_URL environment variable to its configuration.
    os.environ["CELERY_BROKER_URL"] = broker_url
    conf.broker_url = broker_url
    conf.broker_transport_options = transport_options
    conf.task_always_eager = False
    conf.task_default_queue = queue
    _reset_producer_pools()
    return old


def _restore_producer(old: dict) -> None:
    old = dict(old)
    env = old.pop("env")
    if env is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = env
    for key, value in old.items():
        setattr(celery_app.conf, key, value)
    _reset_producer_pools()


def _reset_producer_pools() -> None:
    """Forget the connections to the previous broker. kombu keeps its pools in a
    global registry keyed by connection: closing one there leaves it closed for
    the next test on the same broker, so the registry is emptied as well."""
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(transactional_db, tmp_path: Path) -> Iterator:
    """Start real Celery worker processes: ``celery_worker("redis")`` or
    ``celery_worker("filesystem")`` (the embedded broker). Tasks sent by the test go
    to a queue of their own that only these workers read."""
    workers: list[WorkerProcess] = []
    state: dict = {}

    def start(
        broker: str = "redis",
        *,
        concurrency: int = 1,
        env: dict | None = None,
        count: int = 1,
    ) -> list[WorkerProcess]:
        if "old" not in state:
            queue = f"test-{uuid.uuid4().hex[:8]}"
            if broker == "redis":
                url, options, extra = require_redis(), {"visibility_timeout": 3600}, {}
            else:
                folder = tmp_path / "broker"
                url = "filesystem://"
                options = {
                    "data_folder_in": str(folder / "queue"),
                    "data_folder_out": str(folder / "queue"),
                    "control_folder": str(folder / "control"),
                    "store_processed": False,
                }
                for sub in ("queue", "control"):
                    (folder / sub).mkdir(parents=True, exist_ok=True)
                extra = {"CELERY_FILESYSTEM_BROKER_DIR": str(folder)}
            state.update(
                old=_configure_producer(url, options, queue),
                url=url,
                queue=queue,
                extra=extra,
            )
        started = []
        for _ in range(count):
            worker = WorkerProcess(
                state["url"],
                state["queue"],
                concurrency=concurrency,
                env={**state["extra"], **(env or {})},
                log_path=tmp_path / f"worker-{len(workers)}.log",
            ).start()
            workers.append(worker)
            started.append(worker)
        return started

    yield start
    for worker in workers:
        worker.stop()
    if "old" in state:
        _restore_producer(state["old"])


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_directory_cache():
    """Every test starts without cached listings (the database is rolled back)."""
    from django.core.cache import cache

    from engagement_hub.core.directory.listing import clear_local

    cache.clear()
    clear_local()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the session, end connections that processes started by tests (workers,
    servers) left open on PostgreSQL, so the test database can be dropped, and say
    whose they were."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, client_addr, state, query_start, query "
            "FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        for row in cursor.fetchall():
            print(f"\nleft-over database connection: {row}")
            cursor.execute("SELECT pg_terminate_backend(%s)", [row[0]])
