"""Operator-facing services: is the hub's infrastructure reachable?"""

import os
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection

FILESYSTEM_BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "control_folder")


def database_status() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return False, str(error)
    return True, connection.vendor


def broker_status(timeout: float = 2.0) -> tuple[bool, str]:
    """Open (and close) a connection to ``CELERY_BROKER_URL``."""
    from kombu import Connection

    url = settings.CELERY_BROKER_URL
    options = dict(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {})
    if str(url).startswith(("redis://", "rediss://")):
        # A broker that accepts the connection but never answers: give up in time.
        options.update(socket_connect_timeout=timeout, socket_timeout=timeout)
    if str(url).startswith("filesystem://"):
        # kombu's filesystem transport "connects" even to folders that do not exist.
        problem = _filesystem_broker_problem(options)
        if problem:
            return False, problem
    try:
        with Connection(
            url, transport_options=options, connect_timeout=timeout
        ) as conn:
            # One retry at once: a refused connection is reported without the
            # default two-second pause, a silent host within ``timeout``.
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=timeout
            )
            transport = conn.transport_cls
    except Exception as error:  # any transport error means "unreachable"
        return False, f"{type(error).__name__}: {error}"
    return True, str(transport)


def _filesystem_broker_problem(options: dict) -> str | None:
    """Why the embedded broker's folders are unusable, or None. Creates missing
    folders, as the Celery app does at start-up."""
    for key in FILESYSTEM_BROKER_FOLDERS:
        if not options.get(key):
            continue
        folder = Path(options[key])
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return f"{key}: {error.strerror}"
        if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            return f"{key}: not readable and writable"
    return None
