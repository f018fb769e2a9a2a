"""The project as an operator meets it: `manage.py` with good and bad configuration,
migrations in step with the models, lint and formatting clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

ROOT = Path(__file__).resolve().parent.parent
# Variables of the developer's or CI's shell that would change what is checked.
CONFIG_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "DEBUG",
    "ENGAGEMENT_HUB_CHECK_BROKER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    # Set while a browser test module runs (Playwright's loop); never in deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def environment(tmp_path: Path, **env: str) -> dict[str, str]:
    """This process's environment without configuration, plus ``env``."""
    result = {
        key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES
    }
    result.update(ENGAGEMENT_HUB_VAR_DIR=str(tmp_path / "var"), **env)
    return result


def manage(*args: str, tmp_path: Path, timeout: float = 60, **env: str):
    """Run ``manage.py`` in a fresh process with only the given configuration."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def production(tmp_path: Path, **env: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "engagement.ludwigslust.example",
        "CELERY_BROKER_URL": "filesystem://",
        **env,
    }


@pytest.mark.parametrize("url", ["not-a-url", "foo://x"])
def test_bad_database_url_is_named_without_traceback(tmp_path, url):
    result = manage("check", tmp_path=tmp_path, DATABASE_URL=url)

    assert result.returncode == 2, result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unreachable_broker_in_production_is_named(tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        **production(
            tmp_path,
            CELERY_BROKER_URL="redis://hub:broker-secret@127.0.0.1:1/0",
        ),
    )

    assert result.returncode != 0
    assert "CELERY_BROKER_URL" in result.stderr
    assert "engagement_hub.E001" in result.stderr
    assert "broker-secret" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_production_passes_the_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **production(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    ("missing", "named"),
    [("SECRET_KEY", "SECRET_KEY"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS")],
)
def test_production_without_required_setting_is_named(tmp_path, missing, named):
    env = production(tmp_path)
    del env[missing]

    result = manage("check", tmp_path=tmp_path, **env)

    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error:")
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_production_with_an_esp_needs_the_webhook_secret(tmp_path):
    env = production(tmp_path, EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend")
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode == 2
    assert "ANYMAIL_WEBHOOK_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_boolean_is_named(tmp_path):
    result = manage("check", tmp_path=tmp_path, DEBUG="maybe")

    assert result.returncode == 2
    assert "DEBUG must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


def test_migrations_match_the_models(tmp_path):
    result = manage("makemigrations", "--check", "--dry-run", tmp_path=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"]
)
def test_ruff(command):
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), *command], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_web_server_refuses_to_start_with_an_unreachable_broker(tmp_path):
    env = production(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    result = subprocess.run(
        [sys.executable, "-c", "import settings.wsgi"],
        cwd=ROOT,
        env=environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: CELERY_BROKER_URL" in result.stderr
