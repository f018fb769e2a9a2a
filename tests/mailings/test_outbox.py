"""The database is the outbox: a broker outage (down, or accepting connections
and never answering) neither fails nor hangs a web request, and the periodic job
sends every mail afterwards, once. Idempotency keys hold with two racing workers."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from engagement_hub.mailings.models import (
    Mailing,
    NewsletterIndexPage,
    NewsletterPage,
)
from engagement_hub.mailings.tasks import send_message, start_due_mailings
from settings.celery import app as celery_app
from tests.conftest import _reset_producer_pools
from tests.services import wait_for

from .conftest import make_subscribers

pytestmark = pytest.mark.services

DEAD_BROKER = "redis://127.0.0.1:1/0"


class BlackHole:
    """A TCP server that accepts connections and never answers."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self.server.close()
        for connection in self.connections:
            connection.close()


def use_broker(url: str) -> str:
    """Point this (web) process's producer at ``url``; returns the old URL."""
    import os

    old = celery_app.conf.broker_url
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    _reset_producer_pools()
    return old


def _issue(home) -> NewsletterPage:
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = NewsletterPage(title="Ausgabe Juli", slug="juli", introduction="Hallo")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def worker_env(fake_esp) -> dict:
    return {
        **fake_esp.environment(),
        "ENGAGEMENT_HUB_MAIL_BASE_URL": "https://hub.example",
    }


def test_broker_down_during_sign_up_and_send_then_both_go_out_once(
    workers, hub, fake_esp, client
):
    make_subscribers(3)
    issue = _issue(hub["de"])
    editor = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "pw"
    )
    workers("redis", env=worker_env(fake_esp))
    good = use_broker(DEAD_BROKER)
    try:
        with translation.override("de"):
            signup = reverse("engagement_hub_mailings:subscribe")
        started = time.monotonic()
        response = client.post(
            signup, {"email": "new@example.org", "language": "de", "consent": "on"}
        )
        assert response.status_code == 302  # the same page as always, no 500
        client.force_login(editor)
        response = client.post(
            reverse("engagement_hub_mailings_admin:send", args=[issue.pk]),
            {"confirm": "on"},
        )
        assert response.status_code == 302
        assert time.monotonic() - started < 10
        assert set(Mailing.objects.values_list("status", flat=True)) == {"draft"}
        assert fake_esp.accepted_count() == 0
    finally:
        use_broker(good)
    # The broker is back: the periodic outbox job starts both mailings.
    start_due_mailings.delay(0)
    wait_for(
        lambda: set(Mailing.objects.values_list("status", flat=True)) == {"done"},
        timeout=60,
    )
    start_due_mailings.delay(0)  # a second run sends nothing more
    time.sleep(2)
    counts = fake_esp.per_recipient()
    assert counts["new@example.org"] == 1
    assert all(counts[f"person{n}@example.org"] == 1 for n in range(3))
    assert set(counts.values()) == {1} and len(counts) == 4


def test_a_black_hole_broker_hangs_neither_health_nor_sign_up(
    db, client, settings, hub
):
    hole = BlackHole()
    settings.ENGAGEMENT_HUB_HEALTH_TOKEN = "monitoring-token"
    settings.CELERY_BROKER_URL = hole.url
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    good = use_broker(hole.url)
    try:
        started = time.monotonic()
        response = client.get("/health/", HTTP_X_HEALTH_TOKEN="monitoring-token")
        assert response.status_code == 503
        assert response.json()["broker"]["ok"] is False
        assert time.monotonic() - started < 10
        started = time.monotonic()
        with translation.override("de"):
            response = client.post(
                reverse("engagement_hub_mailings:subscribe"),
                {"email": "hole@example.org", "language": "de", "consent": "on"},
            )
        assert response.status_code == 302
        assert time.monotonic() - started < 10
        assert Mailing.objects.get().status == "draft"  # the outbox job sends it
    finally:
        celery_app.conf.task_always_eager = eager
        use_broker(good)
        hole.close()


def test_two_racing_workers_send_one_mailing_per_key(workers, hub, fake_esp):
    started = workers("redis", env=worker_env(fake_esp), count=2)
    wait_for(lambda: len(celery_app.control.ping(timeout=0.5)) >= 2, timeout=60)
    recipient = [{"email": "race@example.org", "context": {"confirm_url": "x"}}]
    for _ in range(12):
        send_message.delay("mailings.confirmation", recipient, {}, "race:1")
    wait_for(
        lambda: Mailing.objects.filter(key="race:1", status="done").exists(),
        timeout=60,
    )

    def all_ran() -> bool:
        logs = "".join(w.log_path.read_text() for w in started)
        return logs.count("engagement_hub.mailings.send_message") >= 12

    wait_for(all_ran, timeout=60)
    # Both workers took part in the race.
    for worker in started:
        assert "engagement_hub.mailings.send_message" in worker.log_path.read_text()
    assert Mailing.objects.filter(key="race:1").count() == 1
    time.sleep(1)
    assert fake_esp.count_for("race@example.org") == 1
