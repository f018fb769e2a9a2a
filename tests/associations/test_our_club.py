"""A representative's "Our club" page: the registrations for the club's own events,
the club's answers to other meetings and its room bookings, and nothing of another
club (issue 14)."""

from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from engagement_hub.associations import representatives
from engagement_hub.meetings.models import Rsvp
from tests.meetings.conftest import calendar  # noqa: F401 (the fixture)
from tests.rooms import factories as rooms

URL = reverse("engagement_hub_associations_admin:our_club")


@pytest.fixture
def world(calendar):  # noqa: F811
    club, other = calendar["club"], calendar["other"]
    festival = calendar["single"].occurrences.get()
    meetup = calendar["series"].occurrences.order_by("starts_at").first()
    Rsvp.objects.create(
        occurrence=festival,
        email="max@example.org",
        name="Max Gast",
        answer="yes",
        status="confirmed",
        people=2,
    )
    Rsvp.objects.create(
        occurrence=meetup,
        email="vorstand@turnverein.example",
        name="Vorstand TV",
        association=club,
        answer="yes",
        status="confirmed",
    )
    Rsvp.objects.create(
        occurrence=meetup,
        email="chor@example.org",
        name="Chorleitung",
        association=other,
        answer="maybe",
        status="maybe",
    )
    index = rooms.room_index(calendar["home"])
    hall = rooms.room(index, "Gemeindesaal")
    day = timezone.localdate() + timedelta(days=9)
    rooms.booking(
        hall,
        day,
        time(18),
        time(20),
        request=rooms.booking_request(hall, association=club, purpose="Turnabend"),
    )
    rooms.booking(
        hall,
        day + timedelta(days=1),
        time(18),
        time(20),
        request=rooms.booking_request(hall, association=other, purpose="Chorprobe"),
    )
    user = get_user_model().objects.create_user("vertretung", "v@example.org", "pw")
    representatives.grant(user, club)
    return {"user": user, **calendar}


def test_a_representative_sees_their_club_and_nothing_else(client, world):
    client.force_login(world["user"])
    html = client.get(URL).content.decode()
    assert "Turnverein Techentin" in html
    # Registrations for the club's own event, with the guest's address.
    assert "Max Gast" in html and "max@example.org" in html and "Sommerfest" in html
    # The club's own answer to the city's meeting, and its room booking.
    assert "Vorstand TV" in html and "Turnabend" in html
    # Nothing of the other club.
    for other in ("Chorleitung", "chor@example.org", "Chorprobe"):
        assert other not in html


def test_the_menu_item_only_for_representatives(client, world):
    client.force_login(world["user"])
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    editor = get_user_model().objects.create_superuser("chef", "c@example.org", "pw")
    client.force_login(editor)
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    # Anybody who represents no club sees that, not anybody's data.
    html = client.get(URL).content.decode()
    assert "Sie vertreten keinen Verein." in html or "You do not represent" in html
    assert "Max Gast" not in html
