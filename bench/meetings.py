"""Meetings at scale: ``python -m bench.meetings [--series 200] [--dates 5000]
[--clubs 1000] [-n 30]``.

Builds a fresh database (SQLite under var/, or DATABASE_URL) with ``--series``
meeting series and ``--dates`` dates in all (rows materialised from weekly rules),
RSVPs on the first dates, and ``--clubs`` associations with a contact address.
Measures, against the bare Wagtail page of the same run (the harness's baseline):
the calendar page (upcoming dates, month grid, filters), a filtered calendar, a
month far ahead, a meeting page and its series feed, then times one invitation
with its .ics to every club (audience expansion, rendering per language and
sending through the mail API, tasks eager, local-memory mail backend) and prints
messages per second.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timedelta

from bench.harness import BASELINE_LABEL, ROOT, measure, setup_django


def prepare(series: int, dates: int, clubs: int) -> dict:
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from engagement_hub.associations.models import AssociationPage
    from engagement_hub.core import demo as core_demo
    from engagement_hub.core.demo_tools import DemoContext
    from engagement_hub.meetings.models import MeetingIndexPage, MeetingPage, Occurrence
    from engagement_hub.meetings.rsvp import respond
    from engagement_hub.meetings.series import materialise
    from engagement_hub.offers.scale import generate, get_or_create_index, insert_pages
    from home.demo import prepare_site

    start = time.perf_counter()
    de, en, home = prepare_site()
    core_demo.load(DemoContext(de=de, en=en, home=home))
    generate(home, associations=clubs, offers=0)
    AssociationPage.objects.update(
        contact_email=Concat(
            Value("club-"), Cast(F("page_ptr_id"), CharField()), Value("@clubs.example")
        )
    )
    index = get_or_create_index(home, MeetingIndexPage, "treffen", "Treffen")
    per_series = max(dates // series, 1)
    tz = timezone.get_current_timezone()
    first = timezone.localdate() + timedelta(days=1)
    kinds = ["club_meetup", "welcome", "workshop", "club_event"]
    pages = [
        MeetingPage(
            title=f"Treffen {n:03d}",
            slug=f"treffen-{n:03d}",
            short_description="Ein Treffen für alle.",
            kind=kinds[n % 4],
            starts_at=timezone.make_aware(
                datetime.combine(first + timedelta(days=n % 7), datetime.min.time())
                + timedelta(hours=17 + n % 3),
                tz,
            ),
            duration=120,
            recurrence=f"FREQ=WEEKLY;COUNT={per_series}",
            capacity=30,
            place_name="Rathaussaal",
            street="Schlossstraße 38",
            postcode="19288",
            step_free_access=n % 2 == 0,
            online_url="https://meet.example.org/x" if n % 5 == 0 else "",
        )
        for n in range(series)
    ]
    insert_pages(index, MeetingPage, pages)
    for page in MeetingPage.objects.child_of(index):
        materialise(page)
    for occurrence in Occurrence.objects.order_by("starts_at")[:200]:
        for k in range(5):
            respond(
                occurrence.pk,
                f"person{k}@example.org",
                answer="yes",
                notify=False,
            )
    print(
        f"# data ready in {time.perf_counter() - start:.1f} s: "
        f"{MeetingPage.objects.count()} series, {Occurrence.objects.count()} dates, "
        f"{AssociationPage.objects.exclude(contact_email='').count()} clubs"
    )
    return {"index": index, "page": MeetingPage.objects.child_of(index).first()}


def invitation_send() -> dict:
    from django.core import mail
    from django.db import transaction

    from engagement_hub.mailings.models import Delivery
    from engagement_hub.meetings import invitations
    from engagement_hub.meetings.models import Occurrence

    occurrence = Occurrence.objects.order_by("starts_at").first()
    mail.outbox = []
    start = time.perf_counter()
    with transaction.atomic():
        mailing = invitations.invite(
            occurrence, invitations.AudienceChoice(all_associations=True)
        )
    elapsed = time.perf_counter() - start
    sent = Delivery.objects.filter(mailing=mailing, status="sent").count()
    with_ics = sum(
        1
        for message in mail.outbox
        if any(a[0].endswith(".ics") for a in message.attachments)
    )
    return {"seconds": elapsed, "sent": sent, "with_ics": with_ics}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--dates", type=int, default=5000)
    parser.add_argument("--clubs", type=int, default=1000)
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--cold", type=int, default=5, help="rounds after a publish")
    args = parser.parse_args(argv)
    name = "bench-meetings"
    if "DATABASE_URL" not in os.environ:
        (ROOT / "var" / f"{name}.sqlite3").unlink(missing_ok=True)
    setup_django(name)
    from django.conf import settings

    settings.ENGAGEMENT_HUB_MAIL_BASE_URL = "https://hub.example"
    data = prepare(args.series, args.dates, args.clubs)

    from django.db import connection
    from django.test import Client

    from bench.harness import ensure_baseline_page

    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, BASELINE_LABEL, ensure_baseline_page(), n=args.n)
    base_ms = baseline["median_ms"]
    index_url = data["index"].url
    page_url = data["page"].url
    far = (datetime.now() + timedelta(days=120)).strftime("%Y-%m")
    pages = [
        ("calendar", index_url),
        ("calendar, filtered", index_url + "?kind=club_meetup&accessible=1"),
        ("calendar, month ahead", index_url + f"?month={far}"),
        ("calendar, page 5", index_url + "?page=5"),
        ("meeting page", page_url),
        ("series feed (.ics)", page_url + "feed/"),
    ]
    print(
        f"# meetings, {args.series} series / {args.dates} dates, {connection.vendor}, "
        f"n={args.n}"
    )
    print(
        f"{BASELINE_LABEL:<26} median {base_ms:6.1f} ms  "
        f"queries {baseline['queries']:2d}"
    )
    print(
        f"{'page':<26} {'warm ms':>8} {'p95':>6} {'q':>3} {'x':>6} | "
        f"{'after publish':>13} {'q':>3} {'x':>6}"
    )
    from bench.directory import after_publish
    from engagement_hub.meetings.models import MeetingPage

    for label, url in pages:
        warm = measure(client, label, url, n=args.n)
        fresh = after_publish(client, url, MeetingPage, args.cold)
        print(
            f"{label:<26} {warm['median_ms']:8.1f} {warm['p95_ms']:6.1f} "
            f"{warm['queries']:3d} {warm['median_ms'] / base_ms:5.2f}x | "
            f"{fresh['median_ms']:13.1f} {fresh['queries']:3d} "
            f"{fresh['median_ms'] / base_ms:5.2f}x"
        )
    print("# targets (directory engine): listings <= 4x (after publish <= 10x)")
    print("#          and <= 12 queries;")
    print("#          details <= 2x and <= 10 queries")
    result = invitation_send()
    print(
        f"invitation with .ics to {result['sent']} clubs: {result['seconds']:.1f} s, "
        f"{result['sent'] / result['seconds']:.0f} messages/s, "
        f"{result['with_ics']} with .ics (eager tasks, local-memory backend)"
    )


if __name__ == "__main__":
    main()
