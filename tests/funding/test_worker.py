"""The reminder job, run twice in a row by a real Celery worker, sends once."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from engagement_hub.funding import tasks
from engagement_hub.funding.models import FundingAlert
from engagement_hub.mailings.models import Consent, Delivery, Mailing, Subscriber
from tests.associations import factories as club_factories
from tests.funding import factories
from tests.services import wait_for

pytestmark = pytest.mark.services


@pytest.mark.parametrize("broker", ["filesystem", "redis"])
def test_reminder_job_twice_in_a_worker_sends_once(celery_worker, site_tree, broker):
    de = site_tree["locales"][0]
    terms = club_factories.terms(de)
    index = factories.funding_index(site_tree["de"])
    deadline = timezone.localdate() + timedelta(days=28)
    guide = factories.guide(
        index, "Arbeiterfonds", categories=[terms["sport"]], dates=[deadline]
    )
    subscriber = Subscriber.objects.create(email="worker@example.org")
    consent = Consent.objects.create(
        subscriber=subscriber, text="Ja", text_version="funding-alerts-1", language="de"
    )
    FundingAlert.objects.create(
        subscriber=subscriber,
        consent=consent,
        scope="programme",
        guide_key=guide.translation_key,
        confirmed_at=timezone.now(),
    )
    (worker,) = celery_worker(broker)
    with transaction.atomic():
        transaction.on_commit(lambda: tasks.reminders.delay())
    with transaction.atomic():
        transaction.on_commit(lambda: tasks.reminders.delay())
    key = f"funding-deadline:{guide.translation_key}:{deadline.isoformat()}:28"
    sent = wait_for(
        lambda: Delivery.objects.filter(
            mailing__key=key, email="worker@example.org", status="sent"
        ).first(),
        timeout=60,
    )
    assert sent is not None
    # Both runs finished: the second found the key and sent nothing.
    wait_for(lambda: worker.process.poll() is None and _runs_done(worker), timeout=30)
    assert Mailing.objects.filter(key__startswith="funding-deadline:").count() == 1
    assert Delivery.objects.filter(email="worker@example.org").count() == 1
    assert worker.process.poll() is None, "the worker died"


def _runs_done(worker) -> bool:
    import re

    log = worker.log_path.read_text() if worker.log_path.exists() else ""
    return (
        len(re.findall(r"engagement_hub\.funding\.reminders\[[^\]]+\] succeeded", log))
        >= 2
    )
