"""Real-browser fixtures: a hub server process with the demo content, and Chromium.

The server runs in its own process on its own database (migrated and filled with
the session's demo snapshot, tests/demo_snapshot.py), so browser tests see exactly
what a resident sees, independent of the per-test database of the other tests.

- ``hub_server``: base URL, e.g. ``http://127.0.0.1:8123``
- ``page``: a Playwright page (Debian's /usr/bin/chromium); any request to another
  host than the hub, any 5xx answer and any Content-Security-Policy violation fails
  the test
- ``admin_page``: the same, signed in to the Wagtail admin as ``ADMIN_USER``
- ``assert_accessible(page)``: axe-core, WCAG 2.1 A/AA, zero violations
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import assert_accessible as _assert_accessible
from tests.demo_snapshot import drop_database, migrate_and_restore, scratch_database
from tests.services import unavailable

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ADMIN_USER = ("browser-admin", "browser-admin-password-0123")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory, demo_snapshot_file) -> str:
    tmp_dir = tmp_path_factory.mktemp("hub-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": scratch_database(tmp_dir, "browser"),
        "MEDIA_ROOT": str(tmp_dir / "media"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    python = sys.executable
    migrate_and_restore(env, demo_snapshot_file)
    _run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model as g; "
            f"g().objects.create_superuser({ADMIN_USER[0]!r}, "
            f"'browser-admin@example.org', {ADMIN_USER[1]!r})",
        ],
        env,
    )
    port = _free_port()
    log = open(tmp_dir / "server.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            python,
            "manage.py",
            "runserver",
            "--noreload",
            "--insecure",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/health/", timeout=2):
                break
        except urllib.error.HTTPError:
            break  # it answers (a 503 only says the broker is down)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail(
                    "hub server did not start:\n" + (tmp_dir / "server.log").read_text()
                )
            time.sleep(0.2)
    yield base_url
    process.terminate()
    process.wait(timeout=20)
    log.close()
    drop_database(env["DATABASE_URL"])


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API runs an event loop in this
    thread while it is started; stopping it after each module lets the ORM work in
    the tests that follow (and within the module, ORM calls are allowed)."""
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, hub_server):
    """A fresh browser context; requests to any host but the hub are blocked and
    reported as a failure."""
    context = browser.new_context(
        base_url=hub_server, viewport={"width": 1280, "height": 900}
    )
    foreign: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        scheme = urlsplit(route.request.url).scheme
        if scheme in {"http", "https", "ws", "wss"} and host not in LOCAL_HOSTS:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    server_errors: list[str] = []
    context.on(
        "response",
        lambda response: (
            response.status >= 500
            and server_errors.append(f"{response.status} {response.url}")
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and csp_violations.append(f"{page.url}: {message.text}")
        ),
    )
    yield page
    context.close()
    assert not foreign, f"requests to third-party hosts: {foreign}"
    assert not server_errors, f"server errors: {server_errors}"
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


@pytest.fixture
def admin_page(page):
    """``page``, signed in to the Wagtail admin as a superuser."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", ADMIN_USER[0])
    page.fill("input[name=password]", ADMIN_USER[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def assert_accessible():
    return _assert_accessible
