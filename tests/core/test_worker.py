"""Tasks reach a real Celery worker process, on the embedded broker and on Redis."""

import pytest
from django.db import transaction

from engagement_hub.core.models import WorkerHeartbeat
from engagement_hub.core.tasks import heartbeat
from tests.services import wait_for

pytestmark = pytest.mark.services


@pytest.mark.parametrize("broker", ["filesystem", "redis"])
def test_heartbeat_runs_in_a_worker_process(celery_worker, broker):
    (worker,) = celery_worker(broker)

    with transaction.atomic():
        transaction.on_commit(lambda: heartbeat.delay("test"))
        assert not WorkerHeartbeat.objects.filter(name="test").exists()

    beat = wait_for(lambda: WorkerHeartbeat.objects.filter(name="test").first())
    assert worker.process.poll() is None, "the worker died"
    assert beat.seen_at is not None
