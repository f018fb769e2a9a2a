"""Export, erasure and retention; the sweeper's contract."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from engagement_hub.mailings import delivery
from engagement_hub.mailings.models import (
    Consent,
    Delivery,
    Mailing,
    Subscriber,
    TrackingEvent,
)
from engagement_hub.mailings.privacy import apply_retention
from engagement_hub.mailings.tasks import sweep

pytestmark = pytest.mark.django_db


def test_export_and_erase_commands():
    subscriber = Subscriber.objects.create(email="a@example.org", status="subscribed")
    Consent.objects.create(
        subscriber=subscriber, text="Ja", text_version="1", language="de"
    )
    out = StringIO()
    call_command("export_personal_data", "A@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert data["mailings"]["subscriber"]["consents"][0]["text"] == "Ja"
    call_command("erase_personal_data", "a@example.org", stdout=StringIO())
    assert not Subscriber.objects.exists() and not Consent.objects.exists()
    with pytest.raises(CommandError):
        call_command("erase_personal_data", "not an address")


def test_retention_deletes_old_details_only(settings):
    old = Mailing.objects.create(
        message_type="mailings.confirmation",
        template="x",
        status="done",
        finished_at=timezone.now() - timedelta(days=400),
    )
    new = Mailing.objects.create(
        message_type="mailings.confirmation",
        template="x",
        status="done",
        finished_at=timezone.now(),
    )
    for mailing in (old, new):
        Delivery.objects.create(mailing=mailing, email="r@example.org", language="de")
    event = TrackingEvent.objects.create(
        esp_name="Mailgun", event_id="1", event_type="delivered"
    )
    TrackingEvent.objects.filter(pk=event.pk).update(
        received_at=timezone.now() - timedelta(days=40)
    )
    assert apply_retention() == {
        "deliveries": 1,
        "tracking_events": 1,
        "rejected_webhooks": 0,
    }
    assert list(Delivery.objects.values_list("mailing", flat=True)) == [new.pk]
    assert set(apply_retention().values()) == {0}


def test_sweeper_requeues_what_never_left_and_marks_the_rest_unknown(
    django_capture_on_commit_callbacks,
):
    mailing = Mailing.objects.create(
        message_type="mailings.confirmation",
        purpose="transactional",
        template="engagement_hub/mailings/email/confirmation",
        status="sending",
    )
    long_ago = timezone.now() - timedelta(hours=1)
    never_left = Delivery.objects.create(
        mailing=mailing,
        email="n@example.org",
        language="de",
        status="sending",
        claimed_at=long_ago,
        enqueued_at=long_ago,
    )
    handed_over = Delivery.objects.create(
        mailing=mailing,
        email="h@example.org",
        language="de",
        status="sending",
        claimed_at=long_ago,
        handed_over_at=long_ago,
        enqueued_at=long_ago,
    )
    fresh = Delivery.objects.create(
        mailing=mailing,
        email="f@example.org",
        language="de",
        status="sending",
        claimed_at=timezone.now(),
        enqueued_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert result["requeued"] == 1 and result["unknown"] == 1
    statuses = dict(Delivery.objects.values_list("email", "status"))
    # The requeued row was sent again (it never reached the ESP); the handed-over
    # one is unknown and was not resent; the fresh claim is left alone.
    assert statuses == {
        "n@example.org": "sent",
        "h@example.org": "unknown",
        "f@example.org": "sending",
    }
    assert Delivery.objects.get(pk=never_left.pk).attempts == 1
    assert handed_over.pk and fresh.pk


def test_claims_are_exclusive():
    mailing = Mailing.objects.create(
        message_type="mailings.confirmation",
        purpose="transactional",
        template="x",
        status="sending",
    )
    row = Delivery.objects.create(mailing=mailing, email="x@example.org", language="de")
    first_token, first = delivery.claim([row.pk])
    second_token, second = delivery.claim([row.pk])
    assert [r.pk for r in first] == [row.pk] and second == []
    assert first_token != second_token


def test_system_checks_warn_about_unsafe_settings(settings):
    from engagement_hub.mailings.checks import check_mail_settings

    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
    settings.ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF_MAX = 900
    settings.ENGAGEMENT_HUB_MAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {}
    ids = {warning.id for warning in check_mail_settings()}
    assert ids == {"engagement_hub_mailings.W001", "engagement_hub_mailings.W002"}
    settings.ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF_MAX = 300
    settings.ANYMAIL = {"WEBHOOK_SECRET": "a:b"}
    assert check_mail_settings() == []
