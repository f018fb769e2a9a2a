"""Invitations through the mail API -> personal RSVP link -> confirmation with
.ics -> cancel -> move-up; public registration with email confirmation and rate
limit; reminders once each; moves and cancellations; minutes; bad tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.utils import timezone

from engagement_hub.mailings.models import Delivery, OptOut
from engagement_hub.meetings import invitations, notify
from engagement_hub.meetings.links import _wrap, make_token
from engagement_hub.meetings.models import Invitation, Occurrence, Rsvp
from engagement_hub.meetings.rsvp import respond

from .conftest import event_of, ics_of, links, rsvp_link

pytestmark = pytest.mark.django_db


CONTENTSTATE = (
    '{"blocks":[{"key":"a","text":"Mehr Austausch gewünscht.","type":"unstyled",'
    '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


@pytest.fixture
def date(calendar):
    return calendar["series"].occurrences.order_by("starts_at").first()


def invite(date, captured, **choice):
    with captured(execute=True):
        return invitations.invite(date, invitations.AudienceChoice(**choice))


def test_invitation_to_all_clubs_with_ics_and_links(
    client, calendar, date, site_tree, django_capture_on_commit_callbacks
):
    from engagement_hub.core.demo_tools import translate

    with django_capture_on_commit_callbacks(execute=True):
        translate(calendar["index"], site_tree["locales"][1], {"Treffen": "Meetings"})
        translate(
            calendar["series"],
            site_tree["locales"][1],
            {"Vereinstreffen": "Club meeting"},
        )
    invite(
        date,
        django_capture_on_commit_callbacks,
        all_associations=True,
        addresses=["guest@example.org"],
        address_language="en",
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {
        "vorstand@turnverein.example",
        "chor@example.org",
        "guest@example.org",
    }
    german = by_address["chor@example.org"]
    english = by_address["guest@example.org"]
    assert "Einladung" in german.subject
    assert "Invitation" in english.subject
    event = event_of(ics_of(german))
    assert str(event["uid"]) == f"meeting-date-{date.pk}@hub.example"
    assert event["sequence"] == 0
    assert any("?answer=yes" in url for url in links(german))
    assert "/en/" in rsvp_link(english)
    assert "Club meeting" in english.subject
    assert event_of(ics_of(english))["summary"] == "Club meeting"
    assert Invitation.objects.filter(occurrence=date).count() == 3
    # the same audience again: the same mailing, nothing sent twice
    mail.outbox.clear()
    invite(
        date,
        django_capture_on_commit_callbacks,
        all_associations=True,
        addresses=["guest@example.org"],
        address_language="en",
    )
    assert mail.outbox == []


def test_audience_by_district_and_opt_out(
    calendar, date, django_capture_on_commit_callbacks
):
    OptOut.objects.create(
        key=f"association:{calendar['other'].pk}", purpose="invitation"
    )
    invite(
        date,
        django_capture_on_commit_callbacks,
        districts=[calendar["terms"]["kummer"].pk, calendar["terms"]["innenstadt"].pk],
    )
    assert [m.to[0] for m in mail.outbox] == ["vorstand@turnverein.example"]
    assert Delivery.objects.filter(email="chor@example.org", status="skipped").exists()


def test_an_empty_audience_is_refused(calendar, date):
    with pytest.raises(invitations.EmptyAudience):
        invitations.invite(date, invitations.AudienceChoice())
    with pytest.raises(invitations.EmptyAudience):
        invitations.invite(date, invitations.AudienceChoice(districts=[10**6]))


def test_journey_invite_answer_cancel_move_up(
    client, calendar, date, django_capture_on_commit_callbacks
):
    Occurrence.objects.filter(pk=date.pk).update(capacity=1)
    invite(
        date,
        django_capture_on_commit_callbacks,
        addresses=["first@example.org", "second@example.org"],
    )
    first_link = rsvp_link(
        next(m for m in mail.outbox if m.to == ["first@example.org"])
    )
    second_link = rsvp_link(
        next(m for m in mail.outbox if m.to == ["second@example.org"])
    )
    mail.outbox.clear()
    # a GET changes nothing
    page = client.get(first_link + "?answer=yes")
    assert page.status_code == 200
    assert 'value="yes"' in page.content.decode()
    assert not Rsvp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            first_link, {"answer": "yes", "people": 1, "name": "Erika"}
        )
    assert response.status_code == 200
    assert Rsvp.objects.get(email="first@example.org").status == "confirmed"
    (confirmation,) = mail.outbox
    assert event_of(ics_of(confirmation))["summary"] == "Vereinstreffen"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(second_link, {"answer": "yes", "people": 1})
    assert Rsvp.objects.get(email="second@example.org").status == "waitlisted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first_link, {"answer": "no", "people": 1})
    assert Rsvp.objects.get(email="second@example.org").status == "confirmed"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "first@example.org",
        "second@example.org",
    ]


@pytest.mark.parametrize(
    "people", ["0", "-3", "11", "999999999999999999999", "abc", ""]
)
def test_bad_numbers_from_the_form(client, calendar, date, people):
    link = "/de/treffen/rsvp/" + make_token(date.pk, "x@example.org") + "/"
    response = client.post(link, {"answer": "yes", "people": people})
    assert response.status_code == 400
    assert not Rsvp.objects.exists()


def test_bad_tokens_get_a_clear_page(client, calendar, date, settings):
    good = make_token(date.pk, "x@example.org")
    foreign = _wrap(signing.dumps({"o": date.pk, "e": "x@example.org"}, salt="other"))
    for token in ["nonsense", good[:-3] + "abc", foreign, "x" * 5000]:
        response = client.get(f"/de/treffen/rsvp/{token}/")
        assert response.status_code == 404
        assert "Link" in response.content.decode()
    missing = make_token(10**9, "x@example.org")
    assert client.get(f"/de/treffen/rsvp/{missing}/").status_code == 404
    settings.ENGAGEMENT_HUB_MEETINGS_TOKEN_MAX_AGE = timedelta(seconds=-1)
    assert client.get(f"/de/treffen/rsvp/{good}/").status_code == 404


def test_past_and_cancelled_dates_show_a_closed_page(client, calendar, date):
    link = "/de/treffen/rsvp/" + make_token(date.pk, "x@example.org") + "/"
    Occurrence.objects.filter(pk=date.pk).update(status="cancelled")
    response = client.post(link, {"answer": "yes", "people": 1})
    assert response.status_code == 200
    assert (
        "abgesagt" in response.content.decode()
        or "cancelled" in response.content.decode()
    )
    Occurrence.objects.filter(pk=date.pk).update(
        status="scheduled", starts_at=timezone.now() - timedelta(days=1)
    )
    assert client.get(link).status_code == 200
    assert not Rsvp.objects.exists()


def test_public_registration_with_email_confirmation(
    client, calendar, date, django_capture_on_commit_callbacks
):
    url = f"/de/treffen/vereinstreffen/date/{date.pk}/register/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"name": "Petra", "email": "petra@example.org", "people": 2}
        )
    assert response.status_code == 200
    assert not Rsvp.objects.exists()  # nothing before the confirmation
    (message,) = mail.outbox
    confirm = next(u for u in links(message) if "/confirm/" in u).replace(
        "https://hub.example", ""
    )
    assert client.get(confirm).status_code == 200
    assert not Rsvp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    rsvp = Rsvp.objects.get()
    assert (rsvp.email, rsvp.people, rsvp.name) == ("petra@example.org", 2, "Petra")
    # confirming twice counts once
    client.post(confirm)
    assert Rsvp.objects.count() == 1


def test_public_registration_bad_input_and_rate_limit(client, calendar, date, settings):
    url = f"/de/treffen/vereinstreffen/date/{date.pk}/register/"
    assert (
        client.post(url, {"name": "", "email": "nope", "people": 1}).status_code == 400
    )
    assert (
        client.post(
            url, {"name": "A", "email": "a@example.org", "people": 10**20}
        ).status_code
        == 400
    )
    assert client.get(url).status_code == 302
    settings.ENGAGEMENT_HUB_MEETINGS_RSVP_RATE_PER_ADDRESS = 2
    codes = [
        client.post(
            url, {"name": "A", "email": "r@example.org", "people": 1}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 429, 429]
    assert (
        client.post(
            "/de/treffen/vereinstreffen/date/999999/register/",
            {"email": "a@example.org"},
        ).status_code
        == 404
    )


def test_reminders_once_each(calendar, date, django_capture_on_commit_callbacks):
    respond(date.pk, "yes@example.org", answer="yes", notify=False)
    respond(date.pk, "no@example.org", answer="no", notify=False)
    seven_before = date.starts_at - timedelta(days=7, hours=-1)
    with (
        time_machine.travel(seven_before, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify.send_reminders()
        notify.send_reminders()
    assert [m.to for m in mail.outbox] == [["yes@example.org"]]
    with (
        time_machine.travel(date.starts_at - timedelta(hours=20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify.send_reminders()
        notify.send_reminders()
    assert len(mail.outbox) == 2
    assert "Erinnerung" in mail.outbox[1].subject


def test_moving_and_cancelling_a_date_sends_updates(
    admin_client, calendar, date, django_capture_on_commit_callbacks
):
    invite(date, django_capture_on_commit_callbacks, addresses=["inv@example.org"])
    respond(date.pk, "reg@example.org", answer="yes", notify=False)
    mail.outbox.clear()
    new_start = timezone.localtime(date.starts_at + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/meetings/{date.pk}/",
            {
                "action": "date",
                "starts_at": new_start.strftime("%Y-%m-%d %H:%M"),
                "ends_at": (new_start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
                "status": "scheduled",
                "capacity": "",
                "note": "Neuer Termin",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    date.refresh_from_db()
    assert date.status == "moved" and date.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "inv@example.org",
        "reg@example.org",
    ]
    event = event_of(ics_of(mail.outbox[0]))
    assert event["sequence"] == 1
    assert str(event["uid"]) == f"meeting-date-{date.pk}@hub.example"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/meetings/{date.pk}/",
            {
                "action": "date",
                "starts_at": new_start.strftime("%Y-%m-%d %H:%M"),
                "ends_at": (new_start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
                "status": "cancelled",
                "capacity": "",
                "note": "",
            },
        )
    calendar_ = ics_of(mail.outbox[0])
    assert calendar_["method"] == "CANCEL"
    assert event_of(calendar_)["sequence"] == 2
    assert event_of(calendar_)["status"] == "CANCELLED"
    html = admin_client.get("/de/treffen/vereinstreffen/").content.decode()
    assert "abgesagt" in html.lower() or "cancelled" in html.lower()


def test_minutes_are_sent_once(
    admin_client, calendar, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(days=3)
    past = Occurrence.objects.create(
        meeting=calendar["series"],
        original_date=timezone.localdate() - timedelta(days=3),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    Invitation.objects.create(occurrence=past, email="club@example.org")
    Rsvp.objects.create(
        occurrence=past, email="came@example.org", answer="yes", status="confirmed"
    )
    response = admin_client.post(
        f"/admin/meetings/{past.pk}/", {"action": "send_minutes"}
    )
    assert response.status_code == 302 and mail.outbox == []
    admin_client.post(
        f"/admin/meetings/{past.pk}/",
        {"action": "minutes", "minutes": CONTENTSTATE, "attendance": 12},
    )
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(f"/admin/meetings/{past.pk}/", {"action": "send_minutes"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "came@example.org",
        "club@example.org",
    ]
    assert "Mehr Austausch" in mail.outbox[0].alternatives[0][0]


def test_series_invitation_names_the_next_dates(
    calendar, date, django_capture_on_commit_callbacks
):
    invite(
        date,
        django_capture_on_commit_callbacks,
        addresses=["series@example.org"],
        whole_series=True,
    )
    (message,) = mail.outbox
    assert "/de/treffen/vereinstreffen/feed/" in message.body
    following = calendar["series"].occurrences.order_by("starts_at")[1]
    assert str(timezone.localtime(following.starts_at).year) in message.body
    assert message.body.count("\n- ") == 4
