"""No double booking, ever: 50 concurrent overlapping approvals on PostgreSQL (real
parallel connections) end with exactly one approved; the exclusion constraint
refuses overlaps (buffer included) even past the application's check."""

import threading
from datetime import date, time

import pytest
from django.db import IntegrityError, connection, transaction

from engagement_hub.rooms import services
from engagement_hub.rooms.models import Booking, BookingStatus
from tests.rooms import factories
from tests.services import require_postgres

WORKERS = 50


@pytest.fixture
def room(site_tree):
    require_postgres()
    index = factories.room_index(site_tree["de"])
    return factories.room(index, "Saal", min_notice_days=0)


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_overlapping_approvals(room):
    pks = [
        factories.booking(
            room, date(2030, 3, 12), time(18, minute % 60 // 10 * 5), time(20)
        ).pk
        for minute in range(WORKERS)
    ]
    barrier = threading.Barrier(WORKERS)
    outcomes = []
    lock = threading.Lock()

    def worker(pk):
        try:
            barrier.wait(timeout=30)
            services.approve(pk)
            result = "approved"
        except services.Conflict:
            result = "conflict"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(pk,)) for pk in pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(set(outcomes)) == ["approved", "conflict"], outcomes
    assert outcomes.count("approved") == 1
    assert outcomes.count("conflict") == WORKERS - 1
    assert Booking.objects.filter(status=BookingStatus.APPROVED).count() == 1


@pytest.mark.django_db
def test_exclusion_constraint_with_buffer(room):
    first = factories.booking(
        room, date(2030, 3, 12), time(18), time(20), status="approved"
    )
    # Starts 15 minutes after the end: inside the 30-minute buffer.
    second = factories.booking(room, date(2030, 3, 12), time(20, 15), time(21))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(status=BookingStatus.APPROVED)
    # After the buffer it is fine; other rooms are independent.
    third = factories.booking(room, date(2030, 3, 12), time(20, 30), time(21))
    Booking.objects.filter(pk=third.pk).update(status=BookingStatus.APPROVED)
    assert first.pk != third.pk
