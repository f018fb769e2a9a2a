"""The freshness job, run twice in a row by a real Celery worker, asks once."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from engagement_hub.associations import tasks
from engagement_hub.associations.models import FreshnessCheck
from engagement_hub.mailings.models import Delivery, Mailing
from tests.associations import factories as clubs
from tests.services import wait_for

pytestmark = pytest.mark.services


def test_freshness_job_twice_in_a_worker_sends_once(celery_worker, site_tree):
    index = clubs.association_index(site_tree["de"])
    clubs.association(
        index,
        "Alter Verein",
        contact_email="alt@example.org",
        last_confirmed=timezone.localdate() - timedelta(days=200),
    )
    (worker,) = celery_worker("redis")
    with transaction.atomic():
        transaction.on_commit(lambda: tasks.freshness_reminders.delay())
    with transaction.atomic():
        transaction.on_commit(lambda: tasks.freshness_reminders.delay())
    sent = wait_for(
        lambda: Delivery.objects.filter(email="alt@example.org", status="sent").first(),
        timeout=60,
    )
    assert sent is not None
    wait_for(lambda: _runs_done(worker), timeout=30)
    assert FreshnessCheck.objects.count() == 1
    assert Mailing.objects.filter(key__startswith="freshness:").count() == 1
    assert Delivery.objects.filter(email="alt@example.org").count() == 1
    assert worker.process.poll() is None, "the worker died"


def _runs_done(worker) -> bool:
    log = worker.log_path.read_text() if worker.log_path.exists() else ""
    pattern = r"engagement_hub\.associations\.freshness_reminders\[[^\]]+\] succeeded"
    return len(re.findall(pattern, log)) >= 2
