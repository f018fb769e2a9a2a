"""Demo rooms in Ludwigslust (fictional details), German with English translations,
with a few weeks of bookings (some still pending)."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from engagement_hub.core.demo_tools import DemoContext, translate
from engagement_hub.core.directory.demo import ACCESS_NOTE, DEMO_NOTE, directory_index
from engagement_hub.core.models import District

from .models import (
    Booking,
    BookingRequest,
    BookingStatus,
    Operator,
    RoomBookableHours,
    RoomClosure,
    RoomIndexPage,
    RoomPage,
)

INDEX = ("raeume", "Räume", "Rooms")
INTRO = (
    "Räume für Ihre Vereinsarbeit finden, freie Zeiten sehen und anfragen.",
    "Find rooms for your club's activities, see when they are free and request them.",
)
RULES = (
    "Bitte hinterlassen Sie den Raum so, wie Sie ihn vorgefunden haben.",
    "Please leave the room as you found it.",
)
EXCLUDED = (
    "Keine privaten Feiern, kein offenes Feuer.",
    "No private parties, no open fire.",
)
KEYS = (
    "Schlüssel beim Hausmeister, werktags 8–15 Uhr.",
    "Key from the caretaker, weekdays 8am to 3pm.",
)

OPERATORS = [
    ("Stadt Ludwigslust", "city", "raeume@stadt-ludwigslust.example"),
    ("Grundschule Techentin", "school", "sekretariat@gs-techentin.example"),
    ("Ev.-Luth. Kirchengemeinde Ludwigslust", "church", "buero@kirche-lwl.example"),
    ("SV Blau-Weiß Ludwigslust e. V.", "association", "vorstand@svbw.example"),
]

EVENINGS = [(d, time(8, 0), time(22, 0)) for d in range(5)]
WEEKDAYS_ONLY = [(d, time(16, 0), time(21, 0)) for d in range(5)]
ALL_WEEK = [(d, time(9, 0), time(22, 0)) for d in range(7)]

# slug, (de, en) title, (de, en) short, type, seated, standing, area, operator,
# street, district, equipment, access (step, toilet, loop), free, hourly, hours
ROOMS = [
    (
        "rathaussaal",
        ("Rathaussaal", "Town hall assembly room"),
        ("Repräsentativer Saal im Rathaus.", "The town hall's representative hall."),
        "hall",
        80,
        120,
        140,
        0,
        "Schlossstraße 38",
        "innenstadt",
        ["has_projector", "has_sound_system", "has_wifi"],
        (True, True, True),
        True,
        None,
        EVENINGS,
    ),
    (
        "buergerhaus-saal",
        ("Bürgerhaus, großer Saal", "Community centre, main hall"),
        ("Großer Saal mit Bühne und Küche.", "Main hall with stage and kitchen."),
        "hall",
        120,
        200,
        220,
        0,
        "Schlossstraße 1",
        "innenstadt",
        ["has_stage", "has_kitchen", "has_sound_system", "has_piano"],
        (True, True, False),
        False,
        Decimal("25"),
        ALL_WEEK,
    ),
    (
        "buergerhaus-seminarraum",
        ("Bürgerhaus, Seminarraum", "Community centre, seminar room"),
        ("Heller Raum für Gruppen und Kurse.", "Bright room for groups and courses."),
        "seminar",
        30,
        None,
        55,
        0,
        "Schlossstraße 1",
        "innenstadt",
        ["has_projector", "has_wifi", "has_flipchart"],
        (True, True, False),
        True,
        None,
        ALL_WEEK,
    ),
    (
        "schulaula-techentin",
        ("Aula der Grundschule Techentin", "Techentin school hall"),
        ("Aula für Versammlungen am Abend.", "School hall for evening meetings."),
        "hall",
        150,
        200,
        180,
        1,
        "Schulweg 4",
        "techentin",
        ["has_stage", "has_sound_system"],
        (True, False, False),
        True,
        None,
        WEEKDAYS_ONLY,
    ),
    (
        "klassenraum-techentin",
        ("Klassenraum 12, Grundschule Techentin", "Classroom 12, Techentin school"),
        ("Klassenraum für kleine Gruppen.", "Classroom for small groups."),
        "seminar",
        24,
        None,
        60,
        1,
        "Schulweg 4",
        "techentin",
        ["has_flipchart"],
        (False, False, False),
        True,
        None,
        WEEKDAYS_ONLY,
    ),
    (
        "gemeindehaus",
        ("Gemeindesaal der Stadtkirche", "Parish hall of the town church"),
        ("Gemeindesaal mit Teeküche.", "Parish hall with a tea kitchen."),
        "parish",
        60,
        80,
        90,
        2,
        "Kirchplatz 2",
        "innenstadt",
        ["has_kitchen", "has_piano"],
        (True, True, True),
        False,
        Decimal("10"),
        EVENINGS,
    ),
    (
        "gemeindehaus-hornkaten",
        ("Gemeindehaus Hornkaten", "Hornkaten parish house"),
        ("Kleiner Raum im Dorf.", "A small room in the village."),
        "parish",
        25,
        30,
        45,
        2,
        "Hornkatener Weg 7",
        "hornkaten",
        ["has_kitchen"],
        (False, False, False),
        True,
        None,
        EVENINGS,
    ),
    (
        "sporthalle-techentin",
        ("Sporthalle Techentin", "Techentin sports hall"),
        ("Dreifeldhalle für Sport.", "Three-court sports hall."),
        "sports",
        None,
        300,
        1200,
        0,
        "Am Sportplatz 3",
        "techentin",
        ["has_sound_system"],
        (True, True, False),
        False,
        Decimal("18"),
        ALL_WEEK,
    ),
    (
        "vereinsheim-blau-weiss",
        ("Vereinsheim Blau-Weiß", "Blau-Weiß club house"),
        ("Vereinsheim am Sportplatz.", "Club house by the pitch."),
        "clubhouse",
        40,
        60,
        80,
        3,
        "Am Sportplatz 1",
        "techentin",
        ["has_kitchen", "has_wifi"],
        (True, False, False),
        True,
        None,
        ALL_WEEK,
    ),
    (
        "alte-schule-kummer",
        ("Alte Schule Kummer", "Old school, Kummer"),
        (
            "Dorfgemeinschaftsraum in der alten Schule.",
            "Village room in the old school.",
        ),
        "meeting",
        35,
        50,
        70,
        0,
        "Dorfstraße 12",
        "kummer",
        ["has_kitchen", "has_flipchart"],
        (True, True, False),
        True,
        None,
        EVENINGS,
    ),
    (
        "vereinshaus-niendorf",
        ("Vereinshaus Niendorf", "Niendorf clubhouse"),
        ("Treffpunkt der Niendorfer Vereine.", "Meeting place of Niendorf's clubs."),
        "clubhouse",
        50,
        70,
        95,
        0,
        "Lindenallee 5",
        "niendorf",
        ["has_kitchen", "has_projector"],
        (False, False, False),
        True,
        None,
        EVENINGS,
    ),
    (
        "werkraum-weselsdorf",
        ("Werkraum Weselsdorf", "Weselsdorf workshop"),
        ("Werkraum zum Basteln und Reparieren.", "Workshop for crafts and repairs."),
        "workshop",
        12,
        None,
        40,
        0,
        "Weselsdorfer Straße 2",
        "weselsdorf",
        ["has_flipchart"],
        (True, False, False),
        True,
        None,
        WEEKDAYS_ONLY,
    ),
]

COORDINATES = {
    "innenstadt": (Decimal("53.329400"), Decimal("11.497800")),
    "techentin": (Decimal("53.313000"), Decimal("11.470000")),
    "hornkaten": (Decimal("53.340500"), Decimal("11.520000")),
    "kummer": (Decimal("53.352000"), Decimal("11.545000")),
    "niendorf": (Decimal("53.300000"), Decimal("11.520000")),
    "weselsdorf": (Decimal("53.305000"), Decimal("11.440000")),
}

# (room slug, weekday, start hour, end hour, weeks, status, purpose, club)
BOOKINGS = [
    (
        "buergerhaus-seminarraum",
        1,
        18,
        20,
        6,
        "approved",
        "Chorprobe",
        "Singkreis Ludwigslust",
    ),
    (
        "buergerhaus-seminarraum",
        3,
        17,
        19,
        4,
        "pending",
        "Sprachcafé",
        "Willkommensinitiative",
    ),
    ("rathaussaal", 2, 19, 21, 2, "approved", "Jahreshauptversammlung", "Heimatverein"),
    ("buergerhaus-saal", 5, 14, 18, 3, "approved", "Tanznachmittag", "Seniorenbeirat"),
    ("gemeindehaus", 1, 19, 21, 5, "approved", "Bibelkreis", "Kirchengemeinde"),
    ("gemeindehaus", 4, 18, 20, 3, "pending", "Elternabend Kita", "Kita Sonnenschein"),
    ("sporthalle-techentin", 0, 17, 19, 6, "approved", "Hallenfußball", "SV Blau-Weiß"),
    ("schulaula-techentin", 3, 18, 20, 2, "pending", "Theaterprobe", "Theatergruppe"),
    (
        "alte-schule-kummer",
        2,
        18,
        21,
        4,
        "approved",
        "Dorfstammtisch",
        "Dorfverein Kummer",
    ),
    (
        "vereinshaus-niendorf",
        0,
        19,
        21,
        3,
        "pending",
        "Vorstandssitzung",
        "Feuerwehrverein",
    ),
]


def load(context: DemoContext) -> None:
    index = directory_index(context, RoomIndexPage, INDEX, INTRO)
    operators = [
        Operator.objects.get_or_create(
            name=name, defaults={"kind": kind, "email": email}
        )[0]
        for name, kind, email in OPERATORS
    ]
    districts = {d.slug: d for d in District.objects.filter(locale=context.de)}
    created = 0
    for spec in ROOMS:
        page, is_new = _room(index, operators, districts, spec)
        created += is_new
        translate(
            page,
            context.en,
            {
                spec[1][0]: spec[1][1],
                spec[2][0]: spec[2][1],
                RULES[0]: RULES[1],
                EXCLUDED[0]: EXCLUDED[1],
                KEYS[0]: KEYS[1],
                DEMO_NOTE[0]: DEMO_NOTE[1],
                f"<p>{spec[2][0]}</p><p>{DEMO_NOTE[0]}</p>": (
                    f"<p>{spec[2][1]}</p><p>{DEMO_NOTE[1]}</p>"
                ),
                f"<p>{RULES[0]}</p>": f"<p>{RULES[1]}</p>",
                ACCESS_NOTE[0]: ACCESS_NOTE[1],
            },
        )
    if created:
        context.log(f"Created {created} rooms.")
    _bookings(index, context)
    _offers_at_rooms(index)


def _offers_at_rooms(index) -> None:
    """Offers at the address of a demo room take place in it (what regularly
    happens there, on the room page)."""
    from django.apps import apps

    if not apps.is_installed("engagement_hub.offers"):
        return
    offer_model = apps.get_model("engagement_hub_offers", "OfferPage")
    if offer_model.objects.filter(room__isnull=False).exists():
        return  # done before (the demo is idempotent)
    rooms = {}
    for room in RoomPage.objects.child_of(index).order_by("path"):
        rooms.setdefault(room.street, room)
    offers = offer_model.objects.filter(
        locale=index.locale, street__in=list(rooms), room=None
    ).order_by("path")[:24]
    links = {}
    for offer in offers:
        room = rooms[offer.street]
        offer.room = room
        offer.save_revision().publish()
        links[offer.translation_key] = room.pk

    def link_translations():
        # The translations link the same room (a synchronised field); after
        # wagtail-localize has published them (on commit).
        for key, room_pk in links.items():
            offer_model.objects.filter(translation_key=key).update(room_id=room_pk)

    transaction.on_commit(link_translations)


def _room(index, operators, districts, spec):
    (
        slug,
        (title, _en),
        (short, _s),
        kind,
        seated,
        standing,
        area,
        operator,
        street,
        district,
        equipment,
        (step, toilet, loop),
        free,
        hourly,
        hours,
    ) = spec
    existing = RoomPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    lat, lon = COORDINATES[district]
    page = RoomPage(
        slug=slug,
        title=title,
        locale=index.locale,
        short_description=short,
        description=f"<p>{short}</p><p>{DEMO_NOTE[0]}</p>",
        room_type=kind,
        capacity_seated=seated,
        capacity_standing=standing,
        area=area,
        operator=operators[operator],
        place_name=title,
        street=street,
        postcode="19288",
        district=districts.get(district),
        latitude=lat + Decimal(len(slug)) / 10000,
        longitude=lon,
        step_free_access=step,
        accessible_toilet=toilet,
        hearing_loop=loop,
        accessibility_notes=ACCESS_NOTE[0] if not step else "",
        free_for_nonprofits=free,
        hourly_rate=hourly,
        deposit=Decimal("50") if hourly else None,
        usage_rules=f"<p>{RULES[0]}</p>",
        excluded_uses=EXCLUDED[0],
        key_handover=KEYS[0],
        min_notice_days=2,
        max_days_ahead=365,
        buffer_minutes=30,
        contact_email=OPERATORS[operator][2],
        show_in_menus=False,
        **dict.fromkeys(equipment, True),
    )
    page.bookable_hours = [
        RoomBookableHours(weekday=d, start_time=s, end_time=e) for d, s, e in hours
    ]
    today = timezone.localdate()
    page.closures = (
        [
            RoomClosure(
                first_day=today + timedelta(days=40),
                last_day=today + timedelta(days=44),
                reason="Wartung / maintenance",
            )
        ]
        if slug == "buergerhaus-saal"
        else []
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _bookings(index, context) -> None:
    from .availability import public_holiday

    rooms = {r.slug: r for r in RoomPage.objects.child_of(index)}
    if BookingRequest.objects.filter(room__in=rooms.values()).exists():
        return
    today = timezone.localdate()
    count = 0
    for number, (slug, weekday, start, end, weeks, status, purpose, club) in enumerate(
        BOOKINGS
    ):
        room = rooms[slug]
        first = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        request = BookingRequest.objects.create(
            room=room,
            name=f"Demo-Person {number + 1}",
            email=f"demo-{number + 1}@example.org",
            purpose=purpose,
            association_name=club,
            attendees=min(20, room.capacity or 20),
            repeat="weekly" if weeks > 1 else "",
            repeat_until=first + timedelta(weeks=weeks - 1) if weeks > 1 else None,
            rules_accepted_at=timezone.now(),
            confirmed_at=timezone.now(),
        )
        for week in range(weeks):
            day = first + timedelta(weeks=week)
            if public_holiday(day):
                continue
            starts, ends, blocked = Booking.span(room, day, time(start), time(end))
            Booking.objects.create(
                request=request,
                room=room,
                starts_at=starts,
                ends_at=ends,
                blocked_until=blocked,
                status=BookingStatus.APPROVED
                if status == "approved"
                else BookingStatus.PENDING,
                decided_at=timezone.now() if status == "approved" else None,
            )
            count += 1
    context.log(f"Created {count} room bookings.")
