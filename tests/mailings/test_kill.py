"""Exactly one message per recipient, whatever crashes: real workers on Redis, killed
with SIGKILL in the middle of a 2,000-recipient newsletter, then restarted; the
deliveries of unknown fate are reconciled with the ESP's event log (0 unknown)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest

from engagement_hub.mailings import newsletters, services
from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    NewsletterPage,
)
from tests.services import wait_for

from .conftest import make_issue, make_subscribers

pytestmark = pytest.mark.services

RECIPIENTS = 2000
KILL_AFTER = 600
BATCH = 10
PROCESSES = 2


def _issue(home) -> NewsletterPage:
    return make_issue(home, slug="juni", title="Ausgabe Juni")


def test_killed_workers_never_send_twice(workers, hub, fake_esp):
    make_subscribers(RECIPIENTS)
    issue = _issue(hub["de"])
    env = {
        **fake_esp.environment(),
        "ENGAGEMENT_HUB_MAIL_BATCH_SIZE": str(BATCH),
        "ENGAGEMENT_HUB_MAIL_BASE_URL": "https://hub.example",
    }
    first = workers("redis", concurrency=PROCESSES, env=env)
    killed = threading.Event()

    def kill_all() -> None:
        # Runs inside the ESP's request: the batch is accepted, its answer not sent.
        for worker in first:
            worker.kill()
        killed.set()

    fake_esp.when_accepted(KILL_AFTER, kill_all)
    started = time.monotonic()
    mailing = newsletters.send_issue(issue, topic_keys=[])
    wait_for(killed.is_set, timeout=30, interval=0.01)
    at_kill = fake_esp.per_recipient()
    assert KILL_AFTER <= sum(at_kill.values()) < RECIPIENTS, "the kill came too late"

    # The lease of every claim has run out (no worker is alive): sweep, restart.
    repaired = services.sweep(lease=timedelta(0), stale=timedelta(0))
    workers("redis", concurrency=PROCESSES, env=env)
    wait_for(
        lambda: Mailing.objects.get(pk=mailing.pk).status == Mailing.Status.DONE,
        timeout=90,
    )
    before = Counter(
        Delivery.objects.filter(mailing=mailing).values_list("status", flat=True)
    )
    # Ask the ESP about the rows of unknown fate: accepted ones become sent, the
    # others (their request died with the worker) are sent again.
    reconciled = services.reconcile_unknown(settle=timedelta(0))
    wait_for(
        lambda: Mailing.objects.get(pk=mailing.pk).status == Mailing.Status.DONE,
        timeout=90,
    )
    elapsed = time.monotonic() - started

    rows = list(Delivery.objects.filter(mailing=mailing))
    statuses = Counter(row.status for row in rows)
    seen = fake_esp.per_recipient()
    print(
        f"\nkill test: before reconciling {dict(before)}, sweep {repaired}, "
        f"reconciled {reconciled}, after {dict(statuses)}, ESP lookups "
        f"{fake_esp.state.lookups}, {elapsed:.1f} s"
    )
    # Every recipient has exactly one delivery row, sent, none of unknown fate.
    assert len(rows) == RECIPIENTS == len({row.email for row in rows})
    assert statuses == {"sent": RECIPIENTS}
    # The ESP saw exactly one message per recipient.
    assert len(seen) == RECIPIENTS and set(seen.values()) == {1}
    # At most the batches in flight were unknown.
    assert before.get("unknown", 0) <= BATCH * PROCESSES
    assert sum(reconciled.values()) == before.get("unknown", 0)
