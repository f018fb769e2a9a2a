"""Reading configuration from the environment, with messages that name the setting."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env(default_sqlite: Path) -> dict:
    """Parse ``DATABASE_URL``; a SQLite file next to the project when unset."""
    url = env("DATABASE_URL", f"sqlite:///{default_sqlite}")
    try:
        config = dj_database_url.parse(
            url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0)
        )
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL Django understands ({error}). "
            "Examples: postgres://user@127.0.0.1:5432/hub or sqlite:////srv/hub/db.sqlite3"
        ) from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {url!r}.")
    if config["ENGINE"].endswith("sqlite3"):
        if config.get("NAME") and config["NAME"] != ":memory:":
            # A fresh checkout has no var/ folder yet.
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Several processes (web, worker, beat) share the file: wait for locks instead
        # of failing, and let writers not block readers.
        config.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


def anymail_from_env() -> dict:
    """Every ``ANYMAIL_<NAME>`` variable becomes ``ANYMAIL["<NAME>"]``."""
    prefix = "ANYMAIL_"
    return {
        key[len(prefix) :]: value
        for key, value in os.environ.items()
        if key.startswith(prefix) and value
    }
