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


def event(
    event_type: str, recipient: str, token: str, signed_ago: float = 0, **extra
) -> str:
    timestamp = str(int(time.time() - signed_ago))
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
    assert reverse("engagement_hub_webhooks:tracking", args=["mailgun"]) == URL


@pytest.mark.parametrize(
    "esp", ["sendgrid", "postmark", "amazon_ses", "mailjet", "brevo", "nothing"]
)
def test_only_the_configured_esps_webhook_is_mounted(client, webhook_settings, esp):
    """Forged events to the routes of ESPs the hub does not use find nothing."""
    body = json.dumps([{"event": "unsubscribe", "email": "victim@example.org"}])
    response = client.post(
        f"/anymail/{esp}/tracking/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"hook:secret").decode(),
        follow=True,
    )
    # Not found (after LocaleMiddleware's redirect into a language, also 404).
    assert response.status_code == 404
    assert not TrackingEvent.objects.exists() and not Suppression.objects.exists()


def test_without_a_secret_the_webhook_is_closed(client, settings, fake_esp):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": None}
    response = post(client, event("complained", "c@example.org", "t0"), auth=None)
    assert response.status_code in (302, 404)
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        json.dumps([{"event-data": {"event": "failed"}}]),
    ],
)
def test_malformed_bodies_get_400_and_are_kept(client, settings, fake_esp, body):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "hook:secret"}
    response = post(client, body)
    assert response.status_code == 400
    from engagement_hub.mailings.models import RejectedWebhook

    assert RejectedWebhook.objects.get().body == body
    assert not TrackingEvent.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"recipient": ["a@example.org", "b@example.org"]},
        {"user-variables": {"delivery": "1" * 30}},
        {"event": None},
    ],
)
def test_signed_but_impossible_events_get_400(client, webhook_settings, extra):
    body = json.loads(event("complained", "a@example.org", "t9"))
    body["event-data"].update(extra)
    if extra == {"event": None}:
        del body["event-data"]["event"]
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    from engagement_hub.mailings.models import RejectedWebhook

    assert RejectedWebhook.objects.count() == 1
    assert not TrackingEvent.objects.exists() and not Suppression.objects.exists()


@pytest.mark.parametrize("auth", [None, "hook:wrong", "other:secret"])
def test_missing_or_wrong_secret_is_rejected_without_writing(
    client, webhook_settings, auth, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, event("failed", "a@example.org", "t1", severity="permanent"), auth
        )
    assert response.status_code == 401
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


@pytest.mark.parametrize(("signed_ago", "status"), [(60, 200), (16 * 60, 406)])
def test_replayed_events_with_an_old_signature_are_refused(
    client, webhook_settings, django_capture_on_commit_callbacks, signed_ago, status
):
    body = event("complained", "c@example.org", f"t-{signed_ago}", signed_ago)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, body)

    assert response.status_code == status
    assert Suppression.objects.exists() is (status == 200)


def test_an_old_signature_without_the_secret_is_still_unauthorized(
    client, webhook_settings
):
    body = event("complained", "d@example.org", "t-old", 3600)

    assert post(client, body, auth="hook:wrong").status_code == 401
