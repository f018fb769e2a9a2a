"""Each app contributes its periodic jobs through its AppConfig; the site's beat
schedule is their union, and every entry names a registered task."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from engagement_hub.core.periodic import beat_schedule
from settings.celery import app as celery_app


def test_the_site_schedule_holds_every_apps_jobs():
    from django.apps import apps

    expected = {}
    for config in apps.get_app_configs():
        expected.update(getattr(config, "periodic_tasks", {}))
    assert expected, "the hub's apps contribute periodic jobs"
    assert expected == settings.CELERY_BEAT_SCHEDULE


def test_every_scheduled_task_is_registered():
    celery_app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in celery_app.tasks, name


def test_apps_named_by_config_path_contribute_too():
    by_module = beat_schedule(["engagement_hub.mailings"])
    by_config = beat_schedule(["engagement_hub.mailings.apps.MailingsConfig"])
    assert by_module == by_config
    assert "mailings-sweep" in by_module


def test_apps_without_jobs_or_foreign_apps_contribute_nothing():
    assert beat_schedule(["django.contrib.auth", "engagement_hub.offers"]) == {}


def test_other_packages_are_read_only_when_asked_for():
    assert beat_schedule(["home"]) == {}
    assert beat_schedule(["home"], packages=("home",)) == {}


def test_two_apps_may_not_claim_the_same_job_name():
    with pytest.raises(ImproperlyConfigured, match="core-heartbeat"):
        beat_schedule(["engagement_hub.core", "engagement_hub.core"])
