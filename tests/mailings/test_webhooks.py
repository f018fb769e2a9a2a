"""Tracking webhooks: authenticated, once per event, suppressing for the future."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse

from engagement_hub.mailings import services
from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    Suppression,
    TrackingEvent,
)

pytestmark = pytest.mark.django_db
SIGNING_KEY = "signing-key"
URL = "/anymail/mailgun/tracking/"


@pytest.fixture
def webhook_settings(settings, fake_esp):
    settings.ANYMAIL = {
        **settings.ANYMAIL,
        "WEBHOOK_SECRET": "hook:secret",
        "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
    }


def event(event_type: str, recipient: str, token: str, **extra) -> str:
    timestamp = str(int(time.time()))
    signature = hmac.new(
        SIGNING_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    data = {
        "event": event_type,
        "recipient": recipient,
        "timestamp": time.time(),
        "id": token,
        "message": {"headers": {"message-id": "abc@fake-esp.example"}},
        **extra,
    }
    return json.dumps(
        {
            "signature": {
                "timestamp": timestamp,
                "token": token,
                "signature": signature,
            },
            "event-data": data,
        }
    )


def post(client, body: str, auth: str | None = "hook:secret"):
    headers = {}
    if auth is not None:
        headers["HTTP_AUTHORIZATION"] = (
            "Basic " + base64.b64encode(auth.encode()).decode()
        )
    return client.post(URL, body, content_type="application/json", **headers)


def test_the_url_is_wired():
    assert reverse("anymail:mailgun_tracking_webhook") == URL


@pytest.mark.parametrize("auth", [None, "hook:wrong", "other:secret"])
def test_missing_or_wrong_secret_is_rejected_without_writing(
    client, webhook_settings, auth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, event("failed", "a@example.org", "t1", severity="permanent"), auth
        )
    assert response.status_code in (400, 401, 403)
    assert not TrackingEvent.objects.exists()
    assert not Suppression.objects.exists()


def test_the_same_event_twice_has_one_effect(
    client, webhook_settings, django_capture_on_commit_callbacks
):
    body = event("complained", "b@example.org", "t2")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert post(client, body).status_code == 200
    assert TrackingEvent.objects.count() == 1
    assert TrackingEvent.objects.get().processed_at is not None
    assert Suppression.objects.get().reason == "complained"


def test_bounced_address_is_skipped_by_the_next_mailing(
    client, webhook_settings, hub, django_capture_on_commit_callbacks, fake_esp
):
    body = event("failed", "bounce@example.org", "t3", severity="permanent")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 200
    assert Suppression.objects.filter(
        email="bounce@example.org", reason="bounced"
    ).exists()
    from engagement_hub.mailings.api import Recipient
    from engagement_hub.mailings.subscriptions import CONFIRMATION

    audience = [Recipient("bounce@example.org"), Recipient("fine@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        # A hard bounce stops even transactional mail.
        mailing = services.send(CONFIRMATION, audience)
    assert dict(
        Delivery.objects.filter(mailing=mailing).values_list("email", "status")
    ) == {"bounce@example.org": "skipped", "fine@example.org": "sent"}
    assert fake_esp.count_for("bounce@example.org") == 0
    assert Mailing.objects.get(pk=mailing.pk).status == "done"


def test_delivered_event_settles_an_unknown_delivery(
    client, webhook_settings, hub, django_capture_on_commit_callbacks
):
    mailing = Mailing.objects.create(
        message_type="mailings.confirmation",
        purpose="transactional",
        template="x",
        status="done",
    )
    row = Delivery.objects.create(
        mailing=mailing, email="c@example.org", language="de", status="unknown"
    )
    body = event(
        "delivered", "c@example.org", "t4", **{"user-variables": {"delivery": row.pk}}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 200
    row.refresh_from_db()
    assert (row.status, row.event) == ("sent", "delivered")
