"""Booking requests: the form's bad input, double opt-in by mail, the decision in
the admin with conflicts, the confirmation .ics, cancellation, reminders."""

import re
from datetime import date, time, timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement_hub.rooms import services
from engagement_hub.rooms.models import Booking, BookingRequest, BookingStatus
from tests.rooms import factories

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Erika Muster",
    "email": "Erika@Example.org",
    "purpose": "Chorprobe",
    "attendees": "30",
    "day": "2026-03-10",
    "start": "18:00",
    "end": "20:00",
    "repeat": "weekly",
    "repeat_until": "2026-03-31",
    "accept_rules": "on",
}


@pytest.fixture
def run_mail(django_capture_on_commit_callbacks):
    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


def request_url(room):
    return room.url + "request/"


def test_request_confirm_approve_and_ics(client, admin_client, rooms, run_mail):
    saal = rooms["saal"]
    response = run_mail(client.post, request_url(saal), FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    booking_request = BookingRequest.objects.get()
    assert booking_request.email == "erika@example.org"
    assert [
        timezone.localtime(b.starts_at).date() for b in booking_request.bookings.all()
    ] == [date(2026, 3, 10), date(2026, 3, 17), date(2026, 3, 24), date(2026, 3, 31)]
    assert set(booking_request.bookings.values_list("status", flat=True)) == {
        "unconfirmed"
    }
    # Not in the calendar until the address is confirmed... and then requested.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/request/confirm/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert run_mail(client.post, "/" + path).status_code == 200
    assert set(booking_request.bookings.values_list("status", flat=True)) == {"pending"}
    # Tampered link.
    assert client.get("/" + path[:-3] + "xx/").status_code == 404
    # The admin: list, detail, approve all.
    assert admin_client.get("/admin/room-requests/").status_code == 200
    detail = f"/admin/room-requests/{booking_request.pk}/"
    assert "Erika" in admin_client.get(detail).content.decode()
    mail.outbox.clear()
    response = run_mail(admin_client.post, detail, {"action": "approve_all"})
    assert response.status_code == 302
    assert set(booking_request.bookings.values_list("status", flat=True)) == {
        "approved"
    }
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    ics = [a for a in message.attachments if a[0].endswith(".ics")]
    assert ics
    calendar = icalendar.Calendar.from_ical(ics[0][1])
    assert len(list(calendar.walk("VEVENT"))) == 4
    # Approving twice: nothing changes, a clear message.
    response = admin_client.post(detail, {"action": "approve_all"}, follow=True)
    assert "No date was chosen or still open" in response.content.decode() or (
        "Kein Termin" in response.content.decode()
    )
    # Cancel through the signed link: a CANCEL .ics.
    manage = re.search(r"https?://\S+/booking/\S+/", message.body).group(0)
    manage_path = "/" + manage.split("://", 1)[1].split("/", 1)[1]
    mail.outbox.clear()
    response = run_mail(client.post, manage_path, {"action": "cancel"})
    assert response.status_code == 200
    assert set(booking_request.bookings.values_list("status", flat=True)) == {
        "cancelled"
    }
    cancel = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert cancel["method"] == "CANCEL"
    assert client.get(manage_path[:-4] + "abc/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "17:00"}, "end must be after"),
        ({"day": "2026-03-01", "repeat": ""}, "past"),
        ({"day": "2026-03-05", "repeat": ""}, "at least 2 days"),
        ({"day": "2028-03-05", "repeat": ""}, "can be booked until"),
        ({"start": "05:00"}, "outside the bookable hours"),
        ({"attendees": "101"}, "at most 100"),
        ({"repeat_until": "2027-06-01", "repeat": "weekly"}, "can be booked until"),
        ({"repeat_until": ""}, "last date of the series"),
        ({"accept_rules": ""}, "required"),
        ({"day": "2026-04-03", "repeat": ""}, "public holiday"),
        ({"email": "x" * 5000}, "email"),
    ],
)
def test_bad_request_input(client, rooms, changes, message, settings):
    settings.LANGUAGE_CODE = "en"
    rooms["saal"].max_days_ahead = 365
    data = {**FORM, **{k: v for k, v in changes.items() if v != ""}}
    for key, value in changes.items():
        if value == "":
            data.pop(key, None)
    response = client.post(
        "/en" + request_url(rooms["saal"])[3:] if False else request_url(rooms["saal"]),
        data,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_series_of_a_thousand_dates_is_refused(client, rooms):
    rooms["saal"].max_days_ahead = 5000
    rooms["saal"].save_revision().publish()
    data = {**FORM, "repeat_until": "2045-01-01"}
    response = client.post(request_url(rooms["saal"]), data)
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_booked_time_is_refused_in_the_form(client, rooms):
    factories.booking(
        rooms["saal"], date(2026, 3, 17), time(19), time(21), status="approved"
    )
    response = client.post(request_url(rooms["saal"]), FORM)
    assert response.status_code == 400
    assert BookingRequest.objects.count() == 1  # the booked one


def test_conflicting_approval_gets_a_message(admin_client, rooms, run_mail):
    saal = rooms["saal"]
    first = factories.booking(saal, date(2026, 3, 10), time(18), time(20))
    second = factories.booking(saal, date(2026, 3, 10), time(20, 15), time(21))
    detail = f"/admin/room-requests/{second.request_id}/"
    body = admin_client.get(detail).content.decode()
    assert "18:00" in body  # the conflict is shown before deciding
    run_mail(services.approve, first.pk)
    response = admin_client.post(
        detail, {"action": "approve", "booking": [second.pk]}, follow=True
    )
    second.refresh_from_db()
    assert second.status == BookingStatus.PENDING
    text = response.content.decode()
    assert "overlaps" in text or "überschneidet" in text


def test_decline_per_date_and_twice(admin_client, rooms, run_mail):
    saal = rooms["saal"]
    booking_request = factories.booking_request(saal)
    one = factories.booking(
        saal, date(2026, 3, 10), time(18), time(20), request=booking_request
    )
    two = factories.booking(
        saal, date(2026, 3, 17), time(18), time(20), request=booking_request
    )
    detail = f"/admin/room-requests/{booking_request.pk}/"
    run_mail(
        admin_client.post,
        detail,
        {"action": "decline", "booking": [one.pk], "reason": "Belegt durch die Stadt"},
    )
    run_mail(admin_client.post, detail, {"action": "approve", "booking": [two.pk]})
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, one.decline_reason) == ("declined", "Belegt durch die Stadt")
    assert two.status == "approved"
    with pytest.raises(services.AlreadyDecided):
        services.approve(one.pk)
    # Garbage in the form is ignored.
    assert (
        admin_client.post(
            detail, {"action": "approve", "booking": ["x", "999999"]}
        ).status_code
        == 302
    )


def test_managers_see_only_their_rooms(client, rooms, django_user_model):
    from django.contrib.auth.models import Group

    from engagement_hub.core.roles import setup_roles
    from engagement_hub.rooms.models import Operator

    setup_roles()
    operator = Operator.objects.create(name="Schule")
    assert operator.manager_group is not None
    saal = rooms["saal"]
    saal.operator = operator
    saal.save_revision().publish()
    own = factories.booking(saal, date(2026, 3, 10), time(18), time(20))
    other = factories.booking(
        rooms["klein"],
        date(2026, 3, 10),
        time(18),
        time(20),
        request=factories.booking_request(rooms["klein"], name="Max Geheim"),
    )
    user = django_user_model.objects.create_user("manager", "m@example.org", "pw")
    user.groups.add(operator.manager_group, Group.objects.get(name="Raumverwaltung"))
    client.force_login(user)
    listing = client.get(reverse("engagement_hub_rooms_requests")).content.decode()
    assert "Erika" in listing and "Max Geheim" not in listing
    detail = "engagement_hub_rooms_request"
    assert client.get(reverse(detail, args=[own.request_id])).status_code == 200
    assert (
        client.get(reverse(detail, args=[other.request_id]), follow=True).status_code
        == 404
    )


def test_reminders_once(rooms, run_mail):
    factories.booking(
        rooms["saal"], date(2026, 3, 5), time(18), time(20), status="approved"
    )
    mail.outbox.clear()
    assert run_mail(services.send_reminders) == 1
    assert run_mail(services.send_reminders) == 0
    assert len(mail.outbox) == 1


def test_privacy_export_erase_retention(rooms):
    from engagement_hub.core import personal_data

    booking = factories.booking(rooms["saal"], date(2026, 3, 10), time(18), time(20))
    exported = personal_data.export("erika@example.org")["rooms"]
    assert exported[0]["purpose"] == "Chorprobe"
    personal_data.erase("erika@example.org")
    booking.request.refresh_from_db()
    assert booking.request.erased and "erika" not in booking.request.email
    assert Booking.objects.filter(pk=booking.pk).exists()  # counts kept
    old = factories.booking(rooms["saal"], date(2026, 3, 10), time(20, 30), time(21))
    from engagement_hub.rooms.privacy import apply_retention

    assert apply_retention(now=timezone.now() + timedelta(days=170)) == {
        "booking_requests": 0
    }
    assert apply_retention(now=timezone.now() + timedelta(days=190)) == {
        "booking_requests": 1
    }
    old.request.refresh_from_db()
    assert old.request.erased
