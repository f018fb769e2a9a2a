"""Reminder subscriptions (double opt-in) and reminders before deadlines."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.core import mail

from engagement_hub.funding import alerts
from engagement_hub.funding.models import FundingAlert
from engagement_hub.mailings.models import Consent, Mailing, OptOut, Subscriber


def sign_up(
    client, funding, capture, email="verein@example.org", language="de", **data
):
    index = funding["index"]
    url = index.get_translation(index.locale).url if language == "de" else None
    url = (url or index.url) + "alerts/"
    payload = {
        "email": email,
        "scope": "programme",
        "guide": funding["pages"]["jugend"].pk,
        "consent": "on",
    }
    payload.update(data)
    with capture(execute=True):
        return client.post(url, payload, REMOTE_ADDR="10.0.0.2")


def confirm_link() -> str:
    match = re.search(
        r"https://hub\.example(/\w\w/\S+/alerts/confirm/\?token=\S+)",
        mail.outbox[-1].body,
    )
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_double_opt_in_then_one_reminder_per_deadline(
    client, funding, hub, django_capture_on_commit_callbacks
):
    response = sign_up(client, funding, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    alert = FundingAlert.objects.get()
    assert alert.confirmed_at is None and alert.scope == "programme"
    consent = Consent.objects.get(pk=alert.consent_id)
    assert (
        consent.text_version == alerts.CONSENT_VERSION
        and "Fördertermin" in consent.text
    )
    subscriber = Subscriber.objects.get(email="verein@example.org")
    assert subscriber.status == "pending"  # the newsletter is not subscribed
    assert "Förder" in mail.outbox[-1].subject
    link = confirm_link()
    # GET asks; POST confirms.
    assert client.get(link).status_code == 200
    assert FundingAlert.objects.get().confirmed_at is None
    assert client.post(link).status_code == 200
    assert FundingAlert.objects.get().confirmed_at is not None
    assert client.post(link).status_code == 400  # used
    # Nothing due yet on 1 December (deadline 15 March).
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_reminders() == 0
    sent = len(mail.outbox)
    # 28 days before 15 March 2027 is 15 February.
    with (
        time_machine.travel("2027-02-15 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alerts.send_reminders() == 1
        assert alerts.send_reminders() == 0  # twice in a row: once
    assert len(mail.outbox) == sent + 1
    message = mail.outbox[-1]
    assert message.to == ["verein@example.org"]
    assert "Jugendfonds" in message.subject and "28" in message.subject
    assert "15. März 2027" in message.body
    with (
        time_machine.travel("2027-03-08 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alerts.send_reminders() == 1
    assert "7 Tagen" in mail.outbox[-1].subject
    # After the deadline: nothing.
    with (
        time_machine.travel("2027-03-20 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alerts.send_reminders() == 0


def test_missed_days_send_only_the_closest_reminder(
    client, funding, hub, django_capture_on_commit_callbacks
):
    sign_up(client, funding, django_capture_on_commit_callbacks)
    client.post(confirm_link())
    with (
        time_machine.travel("2027-03-10 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alerts.send_reminders() == 1
    assert list(
        Mailing.objects.filter(key__startswith="funding-deadline").values_list(
            "key", flat=True
        )
    )[0].endswith(":7")


def test_no_reminders_for_closed_programmes_or_unconfirmed(
    client, funding, hub, django_capture_on_commit_callbacks
):
    sign_up(client, funding, django_capture_on_commit_callbacks, scope="all")
    # unconfirmed: nothing
    with time_machine.travel("2027-02-15 08:00 +01:00", tick=False):
        assert alerts.send_reminders() == 0
    client.post(confirm_link())
    guide = funding["pages"]["jugend"]
    guide.closed = True
    guide.save_revision().publish()
    with time_machine.travel("2027-01-04 08:00 +01:00", tick=False):
        keys = [g.title for g, _d, _n in alerts.due_reminders()]
        # "Geschlossen" (closed, 1 February) and the closed Jugendfonds are left out;
        # the yearly Kulturpreis (31 January) is due.
        assert keys == ["Kulturpreis"]


def test_english_reminder_and_area_scope(
    client, funding, hub, site_tree, django_capture_on_commit_callbacks
):
    sport = funding["terms"]["sport"]
    sign_up(
        client,
        funding,
        django_capture_on_commit_callbacks,
        email="club@example.org",
        scope="area",
        area=str(sport.translation_key),
        guide="",
    )
    FundingAlert.objects.update(language="en")
    client.post(confirm_link())
    with (
        time_machine.travel("2027-02-15 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert alerts.send_reminders() == 1
    message = mail.outbox[-1]
    assert message.subject.startswith("Funding deadline in 28 days")
    assert "15 March 2027" in message.body or "March 15, 2027" in message.body


def test_opt_out_stops_reminders(
    client, funding, hub, django_capture_on_commit_callbacks
):
    sign_up(client, funding, django_capture_on_commit_callbacks)
    client.post(confirm_link())
    OptOut.objects.create(key="verein@example.org", purpose="funding_alerts")
    sent = len(mail.outbox)
    with (
        time_machine.travel("2027-02-15 08:00 +01:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        alerts.send_reminders()
    assert len(mail.outbox) == sent


@pytest.mark.parametrize(
    "token",
    ["nonsense", "eyJhIjoxfQ:1abc:def", "x" * 400],
)
def test_tampered_tokens(client, funding, token):
    response = client.get(funding["index"].url + "alerts/confirm/", {"token": token})
    assert response.status_code == 400
    assert "Link" in response.content.decode()


def test_bad_sign_up_input(client, funding, hub, django_capture_on_commit_callbacks):
    bad = sign_up(
        client, funding, django_capture_on_commit_callbacks, email="nope", consent=""
    )
    assert bad.status_code == 400
    no_area = sign_up(
        client, funding, django_capture_on_commit_callbacks, scope="area", area=""
    )
    assert no_area.status_code == 400
    bad_guide = sign_up(
        client, funding, django_capture_on_commit_callbacks, guide="999999"
    )
    assert bad_guide.status_code == 400
    assert not FundingAlert.objects.exists()


def test_check_reminders_go_to_the_owner_once(
    funding, hub, django_user_model, django_capture_on_commit_callbacks
):
    owner = django_user_model.objects.create_user("lotse", "lotse@example.org", "pw")
    guide = funding["pages"]["jugend"]
    guide.guide_owner = owner
    guide.last_checked = date(2026, 1, 1)
    guide.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        alerts.send_check_reminders()
        alerts.send_check_reminders()
    mails = [m for m in mail.outbox if m.to == ["lotse@example.org"]]
    assert len(mails) == 1 and "Jugendfonds" in mails[0].subject


def test_refresh_rolls_yearly_deadlines_over(funding):
    kultur = funding["pages"]["kultur"]
    with time_machine.travel("2027-02-02 08:00 +01:00", tick=False):
        assert alerts.refresh_deadlines() >= 1
    kultur.refresh_from_db()
    assert kultur.next_deadline == date(2028, 1, 31)


def test_erasure_removes_alerts(
    client, funding, hub, django_capture_on_commit_callbacks
):
    from engagement_hub.core import personal_data

    sign_up(client, funding, django_capture_on_commit_callbacks)
    exported = personal_data.export("verein@example.org")
    assert exported["funding"]
    personal_data.erase("verein@example.org")
    assert not FundingAlert.objects.exists()


def test_new_guides_in_an_area_are_announced_once(
    client, funding, hub, django_capture_on_commit_callbacks
):
    from tests.funding import factories

    sport = funding["terms"]["sport"]
    sign_up(
        client,
        funding,
        django_capture_on_commit_callbacks,
        scope="area",
        area=str(sport.translation_key),
        guide="",
        announce_new="on",
    )
    client.post(confirm_link())
    with django_capture_on_commit_callbacks(execute=True):
        new = factories.guide(funding["index"], "Neuer Sportfonds", categories=[sport])
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()  # a second publication: no second mail
    announced = [m for m in mail.outbox if "Neuer Sportfonds" in m.subject]
    assert len(announced) == 1 and announced[0].to == ["verein@example.org"]


def test_a_pending_newsletter_sign_up_survives_a_funding_sign_up(
    client, funding, hub, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from engagement_hub.mailings import subscriptions, tokens

    subscriptions.request_subscription("verein@example.org", "de", [])
    subscriber = Subscriber.objects.get(email="verein@example.org")
    consent = Consent.objects.get(subscriber=subscriber)
    newsletter_token = tokens.make(tokens.CONFIRM_SALT, s=subscriber.pk, c=consent.pk)
    sign_up(client, funding, django_capture_on_commit_callbacks)
    client.post(confirm_link())
    response = client.post(
        reverse("engagement_hub_mailings:confirm", args=[newsletter_token])
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "subscribed"
    assert FundingAlert.objects.get().confirmed_at is not None
