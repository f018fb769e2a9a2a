"""Real services for tests: PostgreSQL, Redis and Celery worker processes.

With ENGAGEMENT_HUB_REQUIRE_SERVICES=1 (CI) a missing service fails the test; on a
laptop without it the test is skipped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REQUIRE = os.environ.get("ENGAGEMENT_HUB_REQUIRE_SERVICES") == "1"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def unavailable(what: str) -> None:
    """Fail (CI) or skip (laptop) because ``what`` is not there."""
    if REQUIRE:
        pytest.fail(
            f"{what} is required (ENGAGEMENT_HUB_REQUIRE_SERVICES=1) but missing"
        )
    pytest.skip(f"{what} is not available")


def require_redis() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        unavailable(f"Redis at {REDIS_URL} ({error})")
    return REDIS_URL


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        unavailable("PostgreSQL (set DATABASE_URL=postgres://...)")


def database_url() -> str:
    """A URL for the database the test run uses (the test database, not the real
    one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    raise NotImplementedError(connection.vendor)


class WorkerProcess:
    """A real ``celery worker`` subprocess on the test database and a given broker."""

    def __init__(
        self,
        broker_url: str,
        queue: str,
        *,
        concurrency: int = 1,
        env: dict | None = None,
        log_path: Path | None = None,
    ):
        self.broker_url = broker_url
        self.queue = queue
        self.concurrency = concurrency
        self.extra_env = env or {}
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def environment(self) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "ENGAGEMENT_HUB_TEST_WORKER": "1",
            # Tasks that the worker's tasks enqueue go to the queue it reads.
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            **self.extra_env,
        }
        return env

    def start(self) -> WorkerProcess:
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "settings",
            "worker",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--concurrency={self.concurrency}",
            "--pool=prefork",
            "-Q",
            self.queue,
            f"--hostname=test-{self.queue}-{os.getpid()}@%h",
        ]
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the whole process group (the main process and its pool children)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Warm shutdown: SIGTERM to the main process only, which finishes the
        running task and ends its pool children (a signal to the whole group would
        kill the children first and leave the main process waiting for them).
        Whatever is left after 20 s, or orphaned, is killed."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2):
    """Poll ``predicate`` until it returns a truthy value; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")


__all__ = [
    "WorkerProcess",
    "database_url",
    "require_postgres",
    "require_redis",
    "unavailable",
    "wait_for",
]
