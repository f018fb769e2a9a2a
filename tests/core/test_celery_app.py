"""The site's Celery app: settings that make delivery reliable, and a beat schedule
that names only tasks that exist."""

import pytest
from django.conf import settings

from settings.celery import app


def test_reliable_delivery_settings():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json"


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_scheduled_task_exists(entry):
    app.loader.import_default_modules()

    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks


def test_heartbeat_is_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "engagement_hub.core.heartbeat" in tasks
