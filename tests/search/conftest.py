"""The demo content, built once per module that asks for it, rolled back after."""

import io

import pytest


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """``load_demo`` in a transaction that lives as long as the module: each test
    runs in a savepoint inside it (``db``), so the demo is built once, not per test."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import TestCase

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # wagtail-localize publishes translations on commit; nothing commits here.
            with TestCase.captureOnCommitCallbacks(
                using=connection.alias, execute=True
            ):
                call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
