"""Operator-facing services: is the hub's infrastructure reachable?"""

from django.conf import settings
from django.db import DatabaseError, connection


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
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    try:
        with Connection(url, transport_options=options, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            transport = conn.transport_cls
    except Exception as error:  # noqa: BLE001 - any transport error means "unreachable"
        return False, f"{type(error).__name__}: {error}"
    return True, str(transport)
