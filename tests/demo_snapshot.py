"""The demo content, built once per test session and restored wherever a test needs it.

``load_demo`` takes one to two minutes (wagtail-localize translations, revisions, the
search index), and a dozen test modules and two browser servers need its result.
The session runs it once, in a subprocess on a scratch database of the suite's kind
(SQLite or PostgreSQL), and copies every table's rows into a file; a test (or a
server's own database) then gets exactly that state by emptying the tables and
writing the rows back, which takes a second or two.

- PostgreSQL: ``COPY ... TO STDOUT`` / ``COPY ... FROM STDIN`` (every type round-trips
  as the server writes it); the tables are emptied with one ``TRUNCATE``.
- SQLite: ``SELECT`` / ``INSERT`` of the values as stored. Full-text tables (FTS5
  virtual tables and their shadow tables) are left out: the search backend's
  triggers fill them from the index table as its rows are written back.

Foreign keys are deferred (Django creates them ``DEFERRABLE INITIALLY DEFERRED``), so
the order in which tables are written does not matter.

``python -m tests.demo_snapshot take FILE`` / ``restore FILE`` write the database of
``DATABASE_URL`` (migrated) into a file and back.
"""

# The SQL names tables and columns read from the database's own catalogue.
# ruff: noqa: S608

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Tables whose rows the snapshot leaves alone: migrations are the schema's, not data.
SKIPPED = {"django_migrations"}


@dataclass
class Snapshot:
    vendor: str
    # (table, columns, rows): rows are COPY text on PostgreSQL, tuples on SQLite.
    tables: list[tuple[str, list[str], object]] = field(default_factory=list)

    def save(self, path: Path) -> Path:
        # Plain data, not the class: the file is written by `python -m` (__main__).
        data = (self.vendor, self.tables)
        path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        return path

    @staticmethod
    def load(path: Path) -> Snapshot:
        vendor, tables = pickle.loads(Path(path).read_bytes())  # noqa: S301 (ours)
        return Snapshot(vendor, tables)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    rows = cursor.fetchall()
    virtual = [
        name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")
    ]
    return [
        name
        for name, _sql in rows
        if name not in SKIPPED
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def _postgres_columns(cursor) -> dict[str, list[str]]:
    """Writable columns of each table of the current schema (not generated ones)."""
    cursor.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
        "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
        "WHERE c.table_schema = current_schema() AND c.is_generated = 'NEVER' "
        "ORDER BY c.table_name, c.ordinal_position"
    )
    columns: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        if table not in SKIPPED:
            columns.setdefault(table, []).append(column)
    return columns


def take(connection) -> Snapshot:
    """Every row of every table, as they are now (inside the caller's transaction)."""
    snapshot = Snapshot(connection.vendor)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            for table, columns in _postgres_columns(cursor).items():
                names = ", ".join(_quote(c) for c in columns)
                chunks = []
                with cursor.copy(f"COPY {_quote(table)} ({names}) TO STDOUT") as copy:
                    for block in copy:
                        chunks.append(bytes(block))
                snapshot.tables.append((table, columns, b"".join(chunks)))
        return snapshot
    if connection.vendor != "sqlite":
        raise NotImplementedError(f"no demo snapshot for {connection.vendor}")
    with connection.cursor() as cursor:
        for table in _sqlite_tables(cursor):
            cursor.execute(f"SELECT * FROM {_quote(table)} LIMIT 0")
            columns = [column[0] for column in cursor.description]
            # "+column" is an expression, which has no declared type: the values
            # come back as stored, without Django's converters (time, datetime).
            values = ", ".join(f"+{_quote(c)}" for c in columns)
            cursor.execute(f"SELECT {values} FROM {_quote(table)}")
            snapshot.tables.append((table, columns, cursor.fetchall()))
    return snapshot


def restore(connection, snapshot: Snapshot, *, reset_sequences: bool = False) -> None:
    """Make the database hold exactly the snapshot's rows (inside the caller's
    transaction; the caller commits or rolls back). ``reset_sequences``: move
    PostgreSQL's id sequences past the restored ids (a fresh database's sequences
    start below them; SQLite moves its own)."""
    if snapshot.vendor != connection.vendor:
        raise ValueError(
            f"a {snapshot.vendor} snapshot cannot fill {connection.vendor}"
        )
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            existing = set(_postgres_columns(cursor))
            # Checks that earlier writes of this transaction deferred run now:
            # TRUNCATE refuses a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(_quote(t) for t in sorted(existing)))
            for table, columns, data in snapshot.tables:
                if not data:
                    continue
                names = ", ".join(_quote(c) for c in columns)
                with cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
                    copy.write(data)
            if reset_sequences:
                _reset_postgres_sequences(cursor)
        return
    with connection.cursor() as cursor:
        for table in _sqlite_tables(cursor):
            cursor.execute(f"DELETE FROM {_quote(table)}")
        for table, columns, rows in snapshot.tables:
            if not rows:
                continue
            names = ", ".join(_quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", rows
            )


def _reset_postgres_sequences(cursor) -> None:
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() "
        "AND (is_identity = 'YES' OR column_default LIKE 'nextval(%%')"
    )
    for table, column in cursor.fetchall():
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), "
            f"COALESCE(MAX({_quote(column)}), 0) + 1, false) FROM {_quote(table)}",
            [_quote(table), column],
        )


def scratch_database(folder: Path, label: str) -> str:
    """The URL of a new, empty database of the suite's kind (PostgreSQL if
    ``DATABASE_URL`` points there, else an SQLite file in ``folder``)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _, _name = url.rpartition("/")
        # One per test process: concurrent runs must not drop each other's database.
        name = f"engagement_hub_{label}_{os.getpid()}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name}")
        return f"{base}/{name}"
    return f"sqlite:///{folder / f'{label}.sqlite3'}"


def drop_database(url: str) -> None:
    """Drop a database made by :func:`scratch_database` (SQLite files stay with
    their temporary folder)."""
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def run(command: list[str], env: dict) -> None:
    """Run a command of the project (``manage.py ...``), failing with its output."""
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
        )


def server_env(database_url: str, **extra: str) -> dict:
    """The environment of a project process on ``database_url`` (test settings)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": database_url,
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def migrate_and_restore(env: dict, snapshot_file: Path) -> None:
    """Migrate the database of ``env`` and write the snapshot into it."""
    run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], env)
    run(
        [sys.executable, "-m", "tests.demo_snapshot", "restore", str(snapshot_file)],
        env,
    )


def build_file(folder: Path) -> Path:
    """Run ``load_demo`` on a scratch database and save its snapshot in ``folder``."""
    url = scratch_database(folder, "demo")
    env = server_env(url, MEDIA_ROOT=str(folder / "media"))
    target = folder / "demo.pickle"
    try:
        run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([sys.executable, "manage.py", "load_demo"], env)
        run([sys.executable, "-m", "tests.demo_snapshot", "take", str(target)], env)
    finally:
        drop_database(url)
    return target


def _main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("take", "restore"):
        print("usage: python -m tests.demo_snapshot take|restore FILE", file=sys.stderr)
        return 2
    import django

    django.setup()
    from django.db import connection, transaction

    with transaction.atomic():
        if argv[1] == "take":
            take(connection).save(Path(argv[2]))
        else:
            restore(connection, Snapshot.load(Path(argv[2])), reset_sequences=True)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
