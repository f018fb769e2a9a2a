"""The rooms demo: about 12 rooms in both languages, bookings (some pending),
offers taking place in rooms; every page renders."""

import pytest

from engagement_hub.rooms.models import Booking, BookingStatus, RoomPage

pytestmark = pytest.mark.django_db


def test_demo_rooms(client, demo):
    de = RoomPage.objects.live().filter(locale__language_code="de")
    assert de.count() == 12
    assert RoomPage.objects.live().filter(locale__language_code="en").count() == 12
    assert Booking.objects.filter(status=BookingStatus.APPROVED).count() > 10
    assert Booking.objects.filter(status=BookingStatus.PENDING).exists()
    for room in RoomPage.objects.live():
        response = client.get(room.url)
        assert response.status_code == 200, room.url
    index = de.first().get_parent()
    assert client.get(index.url).status_code == 200
    assert (
        client.get(
            index.url + "?free_weekday=1&free_from=18:00&free_to=20:00"
            "&capacity=30&accessibility=step-free"
        ).status_code
        == 200
    )
    # Something regularly happens in a room, in both languages.
    uses = [room for room in RoomPage.objects.live() if room.regular_uses()]
    assert {room.locale.language_code for room in uses} == {"de", "en"}
