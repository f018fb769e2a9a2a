"""50 concurrent RSVPs for the last 10 places: exactly 10 confirmed, 40 waiting
(PostgreSQL: the date's row lock serialises them)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from engagement_hub.meetings.models import Occurrence, Rsvp
from engagement_hub.meetings.rsvp import RsvpError, respond
from tests.services import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_concurrent_rsvps_for_the_last_ten_places(site_tree):
    require_postgres()
    from engagement_hub.meetings.models import MeetingIndexPage, MeetingPage

    home = site_tree["de"]
    index = MeetingIndexPage(title="Treffen", slug="treffen", locale=home.locale)
    home.add_child(instance=index)
    start = timezone.now() + timedelta(days=5)
    page = MeetingPage(
        title="Vereinstreffen",
        slug="vereinstreffen",
        locale=home.locale,
        short_description="x",
        starts_at=start,
    )
    index.add_child(instance=page)
    occurrence = Occurrence.objects.create(
        meeting=page,
        original_date=start.date(),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=15,
    )
    for number in range(5):
        respond(occurrence.pk, f"early{number}@example.org", answer="yes", notify=False)
    barrier = threading.Barrier(50)
    errors = []

    def answer(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            respond(
                occurrence.pk, f"late{number}@example.org", answer="yes", notify=False
            )
        except RsvpError as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    late = Rsvp.objects.filter(email__startswith="late")
    assert late.filter(status=Rsvp.Status.CONFIRMED).count() == 10
    assert late.filter(status=Rsvp.Status.WAITLISTED).count() == 40
    assert Rsvp.objects.filter(status=Rsvp.Status.CONFIRMED).count() == 15
    # first come, first served: the waiting list is ordered by arrival
    stamps = list(
        late.filter(status=Rsvp.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .values_list("waitlisted_at", flat=True)
    )
    assert stamps == sorted(stamps)
    assert connection.vendor == "postgresql"
