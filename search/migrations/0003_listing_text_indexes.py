"""Indexes for the directory listings' full-text search (``search/listing.py``),
which matches words inside compounds ("chor" finds "Seniorenchor"):

- PostgreSQL: a trigram GIN index on ``folded`` (extension ``pg_trgm``), used by
  ``folded LIKE '%word%'``; the ``tsvector`` GIN index of 0001 does the stemming.
- SQLite: an FTS5 table with the trigram tokenizer over ``folded`` (external
  content, kept in step with ``search_searchentry`` by triggers).
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "folded, content='search_searchentry', content_rowid='page_id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry "
    "BEGIN INSERT INTO search_searchentry_fts(rowid, folded) "
    "VALUES (new.page_id, new.folded); END",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry "
    "BEGIN INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, folded) "
    "VALUES ('delete', old.page_id, old.folded); END",
    "CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry "
    "BEGIN INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, folded) "
    "VALUES ('delete', old.page_id, old.folded); "
    "INSERT INTO search_searchentry_fts(rowid, folded) "
    "VALUES (new.page_id, new.folded); END",
    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_searchentry_folded_trgm "
    "ON search_searchentry USING gin (folded gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_searchentry_folded_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_summary")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
