"""The producer API: typed messages, consent per purpose, idempotency keys,
recipients as rows."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from engagement_hub.mailings import newsletters, tokens
from engagement_hub.mailings.api import (
    TRANSACTIONAL,
    Audience,
    MessageType,
    Recipient,
    register,
    send,
)
from engagement_hub.mailings.models import Delivery, Mailing, OptOut, Suppression
from engagement_hub.mailings.subscriptions import CONFIRMATION

from .conftest import INVITE, make_subscribers

pytestmark = pytest.mark.django_db


def sent_to(mailing) -> dict[str, str]:
    return dict(Delivery.objects.filter(mailing=mailing).values_list("email", "status"))


def test_a_type_is_registered_once():
    with pytest.raises(ValueError):
        register(
            MessageType(
                name=INVITE.name, template="other", purpose="invitation", reason="x"
            )
        )
    with pytest.raises(ValueError):  # transactional mail cannot be stopped
        MessageType(
            name="x",
            template="x",
            purpose=TRANSACTIONAL,
            reason="x",
            stop="unsubscribe",
        )
    with pytest.raises(LookupError):
        send("no.such.type", [])


def test_the_reason_is_rendered_in_each_recipients_language(
    hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(
            CONFIRMATION,
            [Recipient("de@example.org", "de"), Recipient("en@example.org", "en")],
        )
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Sie erhalten diese E-Mail" in bodies["de@example.org"]
    assert "You get this email because" in bodies["en@example.org"]


def test_newsletter_unsubscribe_stops_only_the_newsletter(
    hub, django_capture_on_commit_callbacks, client
):
    (subscriber,) = make_subscribers(1)
    token = tokens.make(tokens.UNSUBSCRIBE_SALT, s=subscriber.pk)
    with translation.override("de"):
        client.post(reverse("engagement_hub_mailings:unsubscribe", args=[token]))
    recipient = [Recipient(subscriber.email, subscriber_id=subscriber.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        newsletter = send(newsletters.NEWSLETTER_ISSUE, recipient)
        invitation = send(INVITE, recipient)
        booking = send(CONFIRMATION, recipient)
    assert sent_to(newsletter) == {subscriber.email: "skipped"}
    assert sent_to(invitation) == {subscriber.email: "sent"}
    assert sent_to(booking) == {subscriber.email: "sent"}


def test_a_club_opts_out_of_invitations_only(
    hub, django_capture_on_commit_callbacks, client
):
    club = [Recipient("chair@club.example", party="association:7")]
    with django_capture_on_commit_callbacks(execute=True):
        send(INVITE, club)
    # The invitation's link opts the club (its party) out of invitations.
    link = mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(link.removeprefix("https://hub.example"))
    assert OptOut.objects.filter(key="association:7", purpose="invitation").exists()
    other_address = [Recipient("treasurer@club.example", party="association:7")]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = send(INVITE, other_address)
        booking = send(CONFIRMATION, other_address)
        other_club = send(INVITE, [Recipient("x@club2.example", party="association:8")])
    assert sent_to(invitation) == {"treasurer@club.example": "skipped"}
    assert sent_to(booking) == {"treasurer@club.example": "sent"}
    assert sent_to(other_club) == {"x@club2.example": "sent"}


@pytest.mark.parametrize("reason", ["bounced", "complained"])
def test_a_hard_bounce_or_complaint_stops_everything(
    hub, django_capture_on_commit_callbacks, reason
):
    Suppression.objects.create(email="gone@example.org", reason=reason)
    recipient = [Recipient("gone@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        mailings = [send(kind, recipient) for kind in (INVITE, CONFIRMATION)]
    assert all(sent_to(m) == {"gone@example.org": "skipped"} for m in mailings)
    assert not mail.outbox


def test_a_key_sends_one_mailing(hub, django_capture_on_commit_callbacks):
    recipient = [Recipient("r@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        first = send(INVITE, recipient, {"n": 1}, key="meeting-reminder:12:7")
        again = send(INVITE, recipient, {"n": 2}, key="meeting-reminder:12:7")
    assert first.pk == again.pk and Mailing.objects.count() == 1
    assert len(mail.outbox) == 1


def test_recipients_are_rows_never_context(hub, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        mailing = send(
            CONFIRMATION,
            [Recipient("a@example.org", context={"confirm_url": "https://x/1"})],
            {"shared": "value"},
        )
    mailing.refresh_from_db()
    assert mailing.context == {"shared": "value"}
    assert "a@example.org" not in str(mailing.context)
    row = Delivery.objects.get(mailing=mailing)
    assert (row.email, row.context) == ("a@example.org", {"confirm_url": "https://x/1"})


def test_an_audience_expands_in_chunks(
    hub, django_capture_on_commit_callbacks, monkeypatch
):
    from engagement_hub.mailings import delivery

    monkeypatch.setattr(delivery, "CHUNK", 7)
    make_subscribers(30)
    with django_capture_on_commit_callbacks(execute=True):
        mailing = send(
            newsletters.NEWSLETTER_ISSUE, Audience(newsletters.AUDIENCE, {"topics": []})
        )
    mailing.refresh_from_db()
    assert mailing.status == "done" and mailing.audience_params == {"topics": []}
    assert set(sent_to(mailing).values()) == {"sent"} and len(sent_to(mailing)) == 30
