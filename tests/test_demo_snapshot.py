"""The session's demo snapshot writes back exactly what load_demo made."""

from wagtail.models import Page

from tests.demo_snapshot import take


def _rows(snapshot) -> dict:
    tables = {}
    for table, columns, rows in snapshot.tables:
        lines = rows.splitlines() if isinstance(rows, bytes) else rows
        tables[table] = (columns, sorted(map(repr, lines)))
    return tables


def test_restored_tables_hold_the_snapshot_rows(demo, demo_snapshot):
    from django.db import connection

    assert Page.objects.filter(locale__language_code="en", depth=2).live().exists()
    assert _rows(take(connection)) == _rows(demo_snapshot)


def test_a_restore_replaces_what_the_test_wrote(db, demo_snapshot):
    from django.db import connection

    from tests.demo_snapshot import restore

    restore(connection, demo_snapshot)
    Page.objects.filter(depth=2).update(title="Changed by a test")
    restore(connection, demo_snapshot)
    assert not Page.objects.filter(title="Changed by a test").exists()
    assert _rows(take(connection)) == _rows(demo_snapshot)
