"""The room finder: facets and the availability filter (shareable GET URLs)."""

from datetime import date, time

import pytest

from engagement_hub.core.directory.listing import clear_local
from engagement_hub.rooms.models import RoomClosure
from tests.rooms import factories

pytestmark = pytest.mark.django_db


def titles(client, index, query):
    clear_local()
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200, query
    listing = response.context["listing"]
    return sorted(card.title for card in listing.results), listing


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("capacity=30", ["Großer Saal", "Halle"]),
        ("capacity=10&accessibility=step-free", ["Großer Saal", "Halle"]),
        ("equipment=projector", ["Großer Saal"]),
        ("cost=free", ["Kleiner Raum"]),
        # Tuesday 10 March 2026, 18:00-20:00: the hall closes at 17:00.
        (
            "free_date=2026-03-10&free_from=18:00&free_to=20:00",
            ["Großer Saal", "Kleiner Raum"],
        ),
        (
            "free_weekday=1&free_from=09:00&free_to=12:00",
            ["Großer Saal", "Halle", "Kleiner Raum"],
        ),
        # Within the two days' notice: nothing can be requested.
        ("free_date=2026-03-05", []),
        # Good Friday is a public holiday in MV.
        ("free_date=2026-04-03", []),
    ],
)
def test_filters(client, rooms, query, expected):
    assert titles(client, rooms["index"], query)[0] == expected


def test_booked_room_is_not_free_buffer_included(client, rooms):
    factories.booking(
        rooms["saal"], date(2026, 3, 10), time(16), time(17, 45), status="approved"
    )
    found, _ = titles(
        client, rooms["index"], "free_date=2026-03-10&free_from=18:00&free_to=20:00"
    )
    assert found == ["Kleiner Raum"]
    # A pending request does not block.
    factories.booking(rooms["klein"], date(2026, 3, 10), time(18), time(19))
    found, _ = titles(
        client, rooms["index"], "free_date=2026-03-10&free_from=18:00&free_to=20:00"
    )
    assert found == ["Kleiner Raum"]
    # Weekly: booked on one of the next four Tuesdays.
    found, _ = titles(
        client, rooms["index"], "free_weekday=1&free_from=18:00&free_to=20:00"
    )
    assert found == ["Kleiner Raum"]


def test_closure_blocks(client, rooms):
    RoomClosure.objects.create(
        page=rooms["klein"],
        first_day=date(2026, 3, 9),
        last_day=date(2026, 3, 13),
        reason="Maler",
    )
    found, _ = titles(client, rooms["index"], "free_date=2026-03-10")
    assert found == ["Großer Saal", "Halle"]


@pytest.mark.parametrize(
    "query",
    [
        "free_date=banana",
        "free_date=2020-01-01",
        "free_from=18:00",
        "free_date=2026-03-10&free_from=20:00&free_to=18:00",
        "free_weekday=9",
        "free_date=2026-03-10&free_weekday=1",
        "free_date=" + "x" * 10000,
        "free_from=25:99&free_to=26:00&free_weekday=1",
    ],
)
def test_bad_availability_input_is_a_message(client, rooms, query):
    found, listing = titles(client, rooms["index"], query)
    assert found == ["Großer Saal", "Halle", "Kleiner Raum"]
    assert listing.notices


def test_filter_survives_in_links(client, rooms):
    _found, listing = titles(
        client,
        rooms["index"],
        "free_date=2026-03-10&free_from=18:00&free_to=20:00&capacity=30",
    )
    assert "free_date=2026-03-10" in listing.querystring
    labels = [label for label, _q in listing.active_filters]
    assert any("18:00" in str(label) for label in labels)


def test_the_room_finder_has_no_age_filter(client, rooms):
    """Rooms have no ages: no "age of the person" field, and ?age= is ignored."""
    url = rooms["index"].url
    html = client.get(url).content.decode()
    assert 'name="age"' not in html
    response = client.get(f"{url}?age=abc")
    assert response.status_code == 200
    assert response.context["listing"].total == client.get(url).context["listing"].total
    assert not response.context["listing"].notices
    assert "age" not in type(rooms["index"]).allowed_parameters()
