"""Room finder and room page timings: ``python -m bench rooms [--rooms 200]
[--bookings 20000]``.

Builds a fresh database (SQLite under var/, or DATABASE_URL) with ``--rooms`` rooms
(bookable hours, one closure each) and ``--bookings`` booked or requested dates
spread over the coming year, then measures, each against the bare Wagtail page of
the same run:

- the finder without filters, with facets, and with the availability filter (a
  date with times; a weekday over the next four weeks; plus capacity and
  accessibility): warm median/p95 and the query count;
- a room page with its month calendar and with its week calendar.

The availability filter is computed per request (bookings change all the time):
one query each for the rooms, their bookable hours, closures and the booked dates
in the window, whatever the number of rooms or bookings.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import time as clock
from datetime import timedelta

from bench.harness import BASELINE_LABEL, ROOT, measure, setup_django


def prepare(rooms: int, bookings: int) -> None:
    from django.utils import timezone

    from engagement_hub.core import demo as core_demo
    from engagement_hub.core.demo_tools import DemoContext, get_or_create_child
    from engagement_hub.rooms.models import (
        Booking,
        BookingRequest,
        RoomBookableHours,
        RoomClosure,
        RoomIndexPage,
        RoomPage,
    )
    from home.demo import prepare_site

    start = time.perf_counter()
    de, en, home = prepare_site()
    core_demo.load(DemoContext(de=de, en=en, home=home))
    index = get_or_create_child(home, RoomIndexPage, "raeume", title="Räume")
    today = timezone.localdate()
    existing = RoomPage.objects.child_of(index).count()
    for number in range(existing, rooms):
        page = RoomPage(
            title=f"Raum {number + 1}",
            slug=f"raum-{number + 1}",
            locale=index.locale,
            short_description=f"Raum Nummer {number + 1} zum Messen.",
            capacity_seated=10 + number % 12 * 10,
            step_free_access=number % 2 == 0,
            has_projector=number % 3 == 0,
            has_kitchen=number % 4 == 0,
            free_for_nonprofits=number % 5 != 0,
            room_type=["hall", "meeting", "seminar", "clubhouse"][number % 4],
            street=f"Musterstraße {number + 1}",
            postcode="19288",
            min_notice_days=1,
        )
        page.bookable_hours = [
            RoomBookableHours(weekday=d, start_time=clock(8), end_time=clock(22))
            for d in range(7)
        ]
        page.closures = [
            RoomClosure(
                first_day=today + timedelta(days=30 + number % 60),
                last_day=today + timedelta(days=32 + number % 60),
                reason="Wartung",
            )
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
    room_pks = list(RoomPage.objects.child_of(index).values_list("pk", flat=True))
    if not Booking.objects.exists():
        per_room = max(1, bookings // len(room_pks))
        now = timezone.now()
        requests = BookingRequest.objects.bulk_create(
            [
                BookingRequest(
                    room_id=pk,
                    name="Bench",
                    email=f"bench-{pk}@example.org",
                    purpose="Messung",
                    attendees=10,
                    rules_accepted_at=now,
                    confirmed_at=now,
                )
                for pk in room_pks
            ]
        )
        rows = []
        for request in requests:
            for n in range(per_room):
                # Each room: one evening every 3-4 days, some in the afternoon.
                day = today + timedelta(days=n * 365 // per_room + request.room_id % 4)
                hour = 18 if (n + request.room_id) % 3 else 14
                starts = timezone.make_aware(
                    timezone.datetime.combine(day, clock(hour))
                )
                ends = starts + timedelta(hours=2)
                rows.append(
                    Booking(
                        request=request,
                        room_id=request.room_id,
                        starts_at=starts,
                        ends_at=ends,
                        blocked_until=ends + timedelta(minutes=30),
                        status="approved" if n % 5 else "pending",
                    )
                )
        Booking.objects.bulk_create(rows, batch_size=2000)
    print(
        f"# data ready in {time.perf_counter() - start:.1f} s: "
        f"{len(room_pks)} rooms, {Booking.objects.count()} bookings"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rooms", type=int, default=200)
    parser.add_argument("--bookings", type=int, default=20000)
    parser.add_argument("-n", type=int, default=30, help="timed warm requests")
    args = parser.parse_args(argv)
    name = f"bench-rooms-{args.rooms}-{args.bookings}"
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var" / f"{name}.sqlite3").unlink(missing_ok=True)
    setup_django(name)
    prepare(args.rooms, args.bookings)

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.harness import ensure_baseline_page
    from engagement_hub.rooms.models import RoomPage

    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, BASELINE_LABEL, ensure_baseline_page(), n=args.n)
    base_ms = baseline["median_ms"]
    today = timezone.localdate()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    while tuesday.month in (12,) and tuesday.day in (24, 25, 26, 31):
        tuesday += timedelta(days=7)
    month = f"{today:%Y-%m}"
    room = RoomPage.objects.live().filter(locale__language_code="de").first()
    index = "/de/raeume/"
    pages = [
        ("finder", index + "?sort=title"),
        ("finder, facets", index + "?capacity=30&accessibility=step-free&cost=free"),
        (
            "finder, free on a date",
            index + f"?free_date={tuesday:%Y-%m-%d}&free_from=18:00&free_to=20:00",
        ),
        (
            "finder, free Tuesdays",
            index + "?free_weekday=1&free_from=18:00&free_to=20:00",
        ),
        (
            "finder, free + facets",
            index + f"?free_date={tuesday:%Y-%m-%d}&free_from=18:00&free_to=20:00"
            "&capacity=30&accessibility=step-free",
        ),
        ("room, month calendar", room.url + f"?month={month}"),
        ("room, week calendar", room.url + f"?view=week&week={today:%Y-%m-%d}"),
        ("room, iCal feed", room.url + "ical/"),
    ]
    print(f"# rooms, {args.rooms} rooms, {args.bookings} bookings, {connection.vendor}")
    print(
        f"{BASELINE_LABEL:<28} median {base_ms:6.1f} ms  "
        f"queries {baseline['queries']:2d}"
    )
    print(
        f"{'page':<28} {'warm ms':>8} {'p95':>6} {'q':>3} {'x':>6} | "
        f"{'after publish':>13} {'q':>3} {'x':>6}"
    )
    from bench.directory import after_publish

    for label, url in pages:
        warm = measure(client, label, url, n=args.n)
        fresh = after_publish(client, url, RoomPage, 5)
        print(
            f"{label:<28} {warm['median_ms']:8.1f} {warm['p95_ms']:6.1f} "
            f"{warm['queries']:3d} {warm['median_ms'] / base_ms:5.2f}x | "
            f"{fresh['median_ms']:13.1f} {fresh['queries']:3d} "
            f"{fresh['median_ms'] / base_ms:5.2f}x"
        )
    print("# targets: listings warm <= 4x, after publish <= 10x, <= 12 queries;")
    print("#          room page <= 2x and <= 10 queries (the directory engine's)")


if __name__ == "__main__":
    main()
