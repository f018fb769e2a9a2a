"""The admin of the dates: only roles that may see registrations see them; CSV
export; invitations from the admin with an empty audience; privacy (export,
erase, retention keeping the counts)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from engagement_hub.core import personal_data
from engagement_hub.core.roles import (
    CITY_EDITORS,
    NEWSLETTER_EDITORS,
    REPRESENTATIVES,
)
from engagement_hub.meetings.models import Invitation, Occurrence, Rsvp
from engagement_hub.meetings.rsvp import respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def date(calendar):
    occurrence = calendar["series"].occurrences.order_by("starts_at").first()
    respond(
        occurrence.pk,
        "anna@example.org",
        answer="yes",
        name="=HYPERLINK()",
        notify=False,
    )
    return occurrence


def user_in(group_name: str):
    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user(
        f"{group_name}@example.org", f"{group_name}@example.org", "x"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    "group, expected",
    [(CITY_EDITORS, 200), (NEWSLETTER_EDITORS, 403), (REPRESENTATIVES, 403)],
)
def test_only_city_editors_see_registrations(client, date, group, expected):
    client.force_login(user_in(group))
    for url in (
        "/admin/meetings/",
        f"/admin/meetings/{date.pk}/",
        f"/admin/meetings/{date.pk}/export.csv",
        f"/admin/meetings/{date.pk}/invite/",
    ):
        response = client.get(url)
        if expected == 200:
            assert response.status_code == 200, url
        else:  # denied: 403, or Wagtail's redirect to the dashboard
            assert response.status_code in (302, 403), url
            assert b"anna@example.org" not in response.content


def test_anonymous_gets_the_login(client, date):
    response = client.get(f"/admin/meetings/{date.pk}/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_csv_export_without_formulas(admin_client, date):
    Invitation.objects.create(occurrence=date, email="club@example.org")
    response = admin_client.get(f"/admin/meetings/{date.pk}/export.csv")
    text = response.content.decode("utf-8-sig")
    assert "anna@example.org" in text
    assert "'=HYPERLINK()" in text
    assert "club@example.org" in text


def test_detail_shows_people_and_waitlist(admin_client, date):
    html = admin_client.get(f"/admin/meetings/{date.pk}/").content.decode()
    assert "anna@example.org" in html
    assert admin_client.get("/admin/meetings/999999/").status_code in (302, 404)


def test_invite_from_the_admin(admin_client, date, django_capture_on_commit_callbacks):
    url = f"/admin/meetings/{date.pk}/invite/"
    response = admin_client.post(url, {"address_language": "de"})
    assert response.status_code == 200
    assert (
        "niemanden" in response.content.decode()
        or "Nobody" in response.content.decode()
    )
    response = admin_client.post(
        url, {"addresses": "kein-adresse", "address_language": "de"}
    )
    assert response.status_code == 200 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"all_associations": "on", "address_language": "de"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    html = admin_client.get(f"/admin/meetings/{date.pk}/").content.decode()
    assert "vorstand@turnverein.example" in html
    assert "<progress" in html


def test_bad_date_edit_is_a_form_error(admin_client, date):
    response = admin_client.post(
        f"/admin/meetings/{date.pk}/",
        {
            "action": "date",
            "starts_at": "2030-01-02 18:00",
            "ends_at": "2030-01-02 17:00",
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    date.refresh_from_db()
    assert date.sequence == 0


def test_export_and_erase(date):
    data = personal_data.export("Anna@Example.org")
    assert data["meetings"]["registrations"][0]["name"] == "=HYPERLINK()"
    respond(date.pk, "waiting@example.org", answer="yes", notify=False)
    Occurrence.objects.filter(pk=date.pk).update(capacity=1)
    respond(date.pk, "late@example.org", answer="yes", notify=False)
    counts = personal_data.erase("anna@example.org")
    assert counts["meetings"]["registrations"] == 1
    assert not Rsvp.objects.filter(email="anna@example.org").exists()


def test_retention_keeps_the_counts(calendar, settings):
    start = timezone.now() - timedelta(days=100)
    old = Occurrence.objects.create(
        meeting=calendar["series"],
        original_date=(timezone.localdate() - timedelta(days=100)),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    Rsvp.objects.create(
        occurrence=old,
        email="a@example.org",
        answer="yes",
        status="confirmed",
        people=3,
    )
    Rsvp.objects.create(
        occurrence=old, email="b@example.org", answer="no", status="declined"
    )
    Invitation.objects.create(occurrence=old, email="c@example.org")
    assert personal_data.apply_retention()["meetings"] == {"dates": 1}
    old.refresh_from_db()
    assert (old.kept_yes, old.kept_no, old.rsvps_purged) == (3, 1, True)
    assert not old.rsvps.exists() and not old.invitations.exists()
    assert personal_data.apply_retention()["meetings"] == {"dates": 0}


def test_the_invite_form_counts_the_recipients_before_sending(client, date):
    from wagtail.users.models import UserProfile

    editor = user_in(CITY_EDITORS)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(editor)
    url = f"/admin/meetings/{date.pk}/invite/"

    response = client.post(
        url,
        {
            "all_associations": "on",
            "addresses": "gast@example.org, guest@example.org",
            "address_language": "en",
            "count": "1",
        },
    )

    assert response.status_code == 200 and not mail.outbox
    text = response.content.decode()
    # The two clubs of the calendar fixture in German, the two addresses in English.
    assert "Die Einladung geht an <strong>4</strong> Adressen." in text
    assert "Deutsch: 2 · Englisch: 2" in text
    assert not Invitation.objects.exists()


def test_invitation_mailings_are_named_by_meeting_and_date(
    admin_client, date, django_capture_on_commit_callbacks
):
    from engagement_hub.mailings.models import Mailing

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/meetings/{date.pk}/invite/",
            {"addresses": "gast@example.org", "address_language": "de"},
        )

    mailing = Mailing.objects.get(message_type="meetings.invitation")
    local = timezone.localtime(date.starts_at)
    assert mailing.label == f"{date.meeting.title} – {local:%d.%m.%Y %H:%M}"
    assert str(mailing).endswith(mailing.label)
    html = admin_client.get(f"/admin/meetings/{date.pk}/").content.decode()
    assert "meetings.invitation" not in html
