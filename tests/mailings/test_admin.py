"""Admin: send a test, send an issue, progress JSON, report, personal data."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
    Suppression,
)

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(hub):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    index.save_revision().publish()
    page = NewsletterPage(title="Ausgabe Mai", slug="mai")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client):
    """An editor who may send, but not see subscribers or personal data."""
    user = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    group = Group.objects.create(name="Senders")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_mailing"),
    )
    user.groups.add(group)
    client.force_login(user)
    return client


def test_send_test_to_myself(admin_client, issue, django_capture_on_commit_callbacks):
    url = reverse("engagement_hub_mailings_admin:send", args=[issue.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"send_test": "1"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["boss@example.org"] and message.subject.startswith("[Test]")
    assert Mailing.objects.get().is_test


def test_send_needs_confirmation_then_reports_progress(
    admin_client, issue, django_capture_on_commit_callbacks
):
    make_subscribers(5)
    url = reverse("engagement_hub_mailings_admin:send", args=[issue.pk])
    response = admin_client.post(url, {})
    assert response.status_code == 200 and not Mailing.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"confirm": "on"})
    mailing = Mailing.objects.get()
    assert response["Location"] == reverse(
        "engagement_hub_mailings_admin:report", args=[mailing.pk]
    )
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(
        page=issue, action="engagement_hub_mailings.send"
    ).exists()
    progress = admin_client.get(
        reverse("engagement_hub_mailings_admin:progress", args=[mailing.pk])
    ).json()
    assert progress["total"] == 5 and progress["sent"] == 5 and progress["done"]
    report = admin_client.get(response["Location"], {"status": "sent"})
    assert report.status_code == 200 and b"person1@example.org" in report.content
    assert b"<progress" in report.content and b"<noscript>" in report.content


def test_scheduled_issue_starts_when_due(
    admin_client, issue, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from engagement_hub.mailings.tasks import start_due_mailings

    make_subscribers(2)
    url = reverse("engagement_hub_mailings_admin:send", args=[issue.pk])
    later = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"confirm": "on", "send_at": later})
    mailing = Mailing.objects.get()
    assert mailing.status == "scheduled" and not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert start_due_mailings() == 0
    Mailing.objects.update(send_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert start_due_mailings() == 1
    assert Mailing.objects.get().status == "done"
    assert Delivery.objects.filter(status="sent").count() == 2


def test_editor_sees_progress_but_no_addresses(
    editor_client, issue, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("engagement_hub_mailings_admin:send", args=[issue.pk]),
            {"confirm": "on"},
        )
    mailing = Mailing.objects.get()
    report = editor_client.get(
        reverse("engagement_hub_mailings_admin:report", args=[mailing.pk])
    )
    assert report.status_code == 200 and b"person0@example.org" not in report.content
    privacy = editor_client.get(reverse("engagement_hub_core_personal_data"))
    assert privacy.status_code in (302, 403)


def test_unknown_mailing_is_404(admin_client):
    url = reverse("engagement_hub_mailings_admin:report", args=[999])
    assert admin_client.get(url, follow=True).status_code == 404


def test_personal_data_export_and_erase(admin_client, hub):
    subscriber = Subscriber.objects.create(email="me@example.org", status="subscribed")
    mailing = Mailing.objects.create(
        message_type="mailings.confirmation",
        purpose="transactional",
        template="x",
        status="done",
    )
    Delivery.objects.create(mailing=mailing, email="me@example.org", language="de")
    Suppression.objects.create(email="me@example.org", reason="opted_out")
    url = reverse("engagement_hub_core_personal_data")
    assert admin_client.get(url).status_code == 200
    export = admin_client.post(url, {"email": "me@example.org", "export": "1"})
    data = json.loads(export.content)
    mailings = data["mailings"]
    assert mailings["subscriber"]["status"] == "subscribed"
    assert len(mailings["deliveries"]) == 1
    bad = admin_client.post(url, {"email": "nonsense", "export": "1"})
    assert bad.status_code == 200 and b"errorlist" in bad.content
    admin_client.post(
        url, {"email": "me@example.org", "erase": "1", "keep_suppression": "1"}
    )
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Delivery.objects.exists()
    assert Suppression.objects.filter(email="me@example.org").exists()


def test_unknown_deliveries_are_resent_only_on_request(
    admin_client, hub, django_capture_on_commit_callbacks
):
    from engagement_hub.mailings.api import Recipient, send
    from engagement_hub.mailings.subscriptions import CONFIRMATION

    with django_capture_on_commit_callbacks(execute=True):
        mailing = send(CONFIRMATION, [Recipient("u@example.org")])
    Delivery.objects.update(status="unknown")
    url = reverse("engagement_hub_mailings_admin:report", args=[mailing.pk])
    assert b"confirm_resend" in admin_client.get(url).content
    admin_client.post(url, {})
    assert Delivery.objects.get().status == "unknown"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"confirm_resend": "1"})
    assert Delivery.objects.get().status == "sent"
    assert Mailing.objects.get().status == "done"
    assert len(mail.outbox) == 2


def test_a_club_representative_reads_no_subscriber_addresses(client, hub):
    """Personal data is never a snippet: wagtail-localize's snippet API and the
    subscriber views give an admin user without view_subscriber nothing."""
    make_subscribers(3)
    user = get_user_model().objects.create_user("club", "club@example.org", "pw")
    group = Group.objects.create(name="Club representatives")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    for url in (
        "/admin/localize/api/snippets/engagement_hub_mailings/subscriber/",
        "/admin/snippets/engagement_hub_mailings/subscriber/",
        "/admin/newsletter/subscribers/",
    ):
        response = client.get(url)
        assert b"person1@example.org" not in response.content, url
        assert response.status_code in (302, 403, 404), url


def test_subscribers_are_listed_for_those_allowed(admin_client, hub):
    make_subscribers(2)
    response = admin_client.get("/admin/newsletter/subscribers/")
    assert response.status_code == 200 and b"person1@example.org" in response.content
