"""The engine with the fake ESP and eager tasks: states, retries, rendering, headers."""

from __future__ import annotations

import pytest
from django.utils import timezone

from engagement_hub.mailings import delivery, newsletters, services
from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    NewsletterIndexPage,
    NewsletterPage,
)
from engagement_hub.mailings.testing.fake_esp import (
    PERMANENT,
    TRANSIENT_FOREVER,
    TRANSIENT_ONCE,
)

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(hub):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    index.save_revision().publish()
    page = NewsletterPage(
        title="Ausgabe <Mai>",
        slug="mai",
        introduction="Neues & Wichtiges <script>alert(1)</script>",
        body=[("heading", "Termine"), ("text", "<p>Wir treffen uns.</p>")],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def send(issue, django_capture_on_commit_callbacks, **kwargs) -> Mailing:
    with django_capture_on_commit_callbacks(execute=True):
        mailing = newsletters.send_issue(issue, topic_keys=[], **kwargs)
    mailing.refresh_from_db()
    return mailing


def test_newsletter_reaches_every_subscriber_once(
    issue, fake_esp, django_capture_on_commit_callbacks, settings
):
    settings.ENGAGEMENT_HUB_MAIL_BATCH_SIZE = 7
    make_subscribers(30)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == 30
    counts = fake_esp.per_recipient()
    assert len(counts) == 30 and set(counts.values()) == {1}
    for message in fake_esp.messages():
        assert message.visible_to == [message.to]
        assert message.headers["List-Unsubscribe"].startswith("<https://hub.example/")
        assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = message.headers["List-Unsubscribe"].strip("<>")
        assert url in message.text
        assert url in message.html
    # One ESP call per batch and language, not per recipient.
    assert fake_esp.calls <= 30 / 7 + 2


def test_scripted_errors_end_in_the_right_state(
    issue, fake_esp, django_capture_on_commit_callbacks, settings
):
    settings.ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF = 0
    settings.ENGAGEMENT_HUB_MAIL_MAX_ATTEMPTS = 3
    make_subscribers(12)
    fake_esp.script("person1@example.org", TRANSIENT_ONCE)
    fake_esp.script("person2@example.org", PERMANENT)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    rows = {row.email: row for row in Delivery.objects.filter(mailing=mailing)}
    assert rows["person1@example.org"].status == "sent"
    assert rows["person2@example.org"].status == "failed"
    assert rows["person2@example.org"].attempts == 1
    # Refused once in the batch call, once alone (to isolate it): never retried.
    assert fake_esp.attempts_for("person2@example.org") == 2
    assert fake_esp.count_for("person2@example.org") == 0
    assert fake_esp.count_for("person1@example.org") == 1
    others = [
        row
        for email, row in rows.items()
        if email not in {"person1@example.org", "person2@example.org"}
    ]
    assert all(row.status == "sent" for row in others)
    assert all(count == 1 for count in fake_esp.per_recipient().values())


def test_empty_audience_is_done_at_once(issue, django_capture_on_commit_callbacks):
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    assert not Delivery.objects.exists()


def test_lost_batches_are_enqueued_again_by_the_sweeper(
    issue, fake_esp, django_capture_on_commit_callbacks
):
    """Deliveries whose batch task was lost (broker restart) are sent by the sweeper."""
    from datetime import timedelta

    from engagement_hub.mailings.tasks import sweep

    make_subscribers(4)
    mailing = newsletters.send_issue(issue, topic_keys=[])  # on-commit never runs
    delivery.expand(mailing.pk)  # deliveries exist, their tasks are "lost"
    assert Delivery.objects.filter(status="queued").count() == 4
    Delivery.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert result["enqueued"] == 4
    assert Mailing.objects.get(pk=mailing.pk).status == Mailing.Status.DONE
    assert set(fake_esp.per_recipient().values()) == {1}


def test_an_esp_outage_is_not_hammered(
    issue, fake_esp, django_capture_on_commit_callbacks, settings
):
    settings.ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF = 0
    settings.ENGAGEMENT_HUB_MAIL_MAX_ATTEMPTS = 2
    make_subscribers(40)
    for index in range(40):
        fake_esp.script(f"person{index}@example.org", TRANSIENT_FOREVER)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {2}
    # A 5xx backs the whole batch off: one call per attempt and language, never
    # one per recipient.
    assert fake_esp.calls <= 2 * 2


def test_a_line_break_in_the_sender_fails_the_deliveries_not_the_worker(
    issue, fake_esp, django_capture_on_commit_callbacks
):
    """Such a name is refused by the settings form; one already stored makes the
    deliveries fail permanently instead of leaving them ``sending``."""
    from engagement_hub.core.models import HubSettings

    HubSettings.objects.update(newsletter_sender_name="Hub\nBcc: x@evil.example")
    make_subscribers(3)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    rows = Delivery.objects.filter(mailing=mailing)
    assert set(rows.values_list("status", flat=True)) == {"failed"}
    assert "line break" in rows.first().last_error
    assert fake_esp.calls == 0


def test_the_settings_form_refuses_a_line_break_in_the_sender(hub):
    from django.core.exceptions import ValidationError

    from engagement_hub.core.models import HubSettings

    hub_settings = HubSettings.objects.get()
    hub_settings.newsletter_sender_name = "Hub\r\nBcc: x@evil.example"
    with pytest.raises(ValidationError) as error:
        hub_settings.full_clean()
    assert "newsletter_sender_name" in error.value.message_dict


def test_a_rate_limited_esp_gets_one_call_per_batch_and_attempt(
    issue, fake_esp, django_capture_on_commit_callbacks, settings
):
    """A 429 backs the whole batch off: never one call per recipient."""
    from engagement_hub.mailings.testing.fake_esp import RATE_LIMITED

    settings.ENGAGEMENT_HUB_MAIL_RETRY_BACKOFF = 0
    settings.ENGAGEMENT_HUB_MAIL_MAX_ATTEMPTS = 3
    settings.ENGAGEMENT_HUB_MAIL_BATCH_SIZE = 10
    make_subscribers(30)  # 20 German, 10 English: 3 batches
    for index in range(30):
        fake_esp.script(f"person{index}@example.org", RATE_LIMITED)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.DONE
    rows = Delivery.objects.filter(mailing=mailing)
    assert set(rows.values_list("status", flat=True)) == {"failed"}
    assert "429" in rows.first().last_error
    assert fake_esp.calls == 3 * 3  # batches x attempts


def test_unknown_deliveries_are_reconciled_with_the_esps_log(
    issue, fake_esp, django_capture_on_commit_callbacks
):
    """Accepted at the ESP -> sent (not resent); never accepted -> sent once."""
    from datetime import timedelta

    make_subscribers(4)
    mailing = send(issue, django_capture_on_commit_callbacks)
    assert fake_esp.accepted_count() == 4
    rows = list(Delivery.objects.filter(mailing=mailing).order_by("pk"))
    accepted, lost = rows[0], rows[1]
    # As after a crash: one row the ESP accepted, one whose request never arrived.
    fake_esp.state.messages = [
        message for message in fake_esp.state.messages if message.to != lost.email
    ]
    fake_esp.state.per_recipient[lost.email] = 0
    Delivery.objects.filter(pk__in=[accepted.pk, lost.pk]).update(
        status="unknown", esp_message_id=""
    )
    Mailing.objects.filter(pk=mailing.pk).update(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.reconcile_unknown(settle=timedelta(0))
    assert result == {"reconciled_sent": 1, "reconciled_resent": 1}
    accepted.refresh_from_db()
    lost.refresh_from_db()
    assert accepted.status == "sent" and accepted.esp_message_id
    assert lost.status == "sent"
    assert fake_esp.count_for(accepted.email) == 1
    assert fake_esp.count_for(lost.email) == 1
    assert Mailing.objects.get(pk=mailing.pk).status == "done"
