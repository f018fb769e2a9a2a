"""Demo meetings: the quarterly Vereinstreffen of all clubs in the Rathaussaal
(its first, past date is the workshop of 5 December 2023, with minutes), the
monthly Willkommensstammtisch, a few club events, RSVPs on upcoming dates.

Idempotent. The RSVP addresses are fictional (``@example.org``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from engagement_hub.core.demo_tools import DemoContext, get_or_create_child, translate

from .models import AgendaItem, MeetingIndexPage, MeetingPage, Occurrence, Rsvp
from .rsvp import RsvpError, respond
from .series import materialise

INDEX = ("treffen", "Treffen", "Meetings")
INTRO = (
    "Alle Termine der Vereinstreffen, des Willkommensstammtischs und der Vereine. "
    "Melden Sie sich an – ohne Konto, mit einem Klick.",
    "All dates of the club meetings, the welcome get-together and the clubs' "
    "events. Register without an account, with one click.",
)

RATHAUS = {
    "place_name": "Rathaus Ludwigslust, Rathaussaal",
    "street": "Schlossstraße 38",
    "postcode": "19288",
    "town": "Ludwigslust",
    "step_free_access": True,
    "accessible_toilet": True,
}

WORKSHOP_MINUTES_DE = (
    "<p>Beim Workshop im Rathaussaal stand das Kennenlernen der Akteure aus "
    "Engagement und Ehrenamt im Vordergrund. Eingeladen waren alle Vereine und "
    "Initiativen der Stadt. Auf einem „Markt der Möglichkeiten“ tauschten sich die "
    "Teilnehmenden an drei Themenständen aus.</p>"
    "<h3>Was die Vereine gesagt haben</h3><ul>"
    "<li><b>Räume sind schwer zu finden:</b> Mehrere Vereine suchen Räumlichkeiten "
    "für ihre Aktivitäten.</li>"
    "<li><b>Angebote sind nicht bekannt:</b> Viele Angebote der Stadt kennen die "
    "Menschen noch nicht; gewünscht ist mehr offene Kommunikation, auch von der "
    "Stadt, etwa beim Willkommensstammtisch oder auf der Website.</li>"
    "<li><b>Förderinformationen gezielt:</b> Die Aktiven wissen, dass es "
    "Förderungen gibt, wünschen sich aber gezielte Informationen.</li>"
    "<li><b>Mehr Austausch:</b> Alle wünschen sich mehr direkten Austausch. Das "
    "Treffen soll regelmäßig stattfinden, um gemeinsame Strategien zu "
    "entwickeln.</li></ul>"
    "<p>Die Vereine sehen ihre Aufgabe darin, Kinder, Jugendliche und Generationen "
    "zu vernetzen und kostengünstige Freizeitangebote zu machen.</p>"
)

MEETINGS = [
    {
        "slug": "vereinstreffen",
        "title": ("Vereinstreffen", "Meeting of all clubs"),
        "short": (
            "Das regelmäßige Treffen aller Vereine und Initiativen der Stadt: "
            "Austausch und gemeinsame Strategien.",
            "The regular meeting of all clubs and initiatives of the town: exchange "
            "and joint strategies.",
        ),
        "kind": "club_meetup",
        # First Tuesday of every third month, from the workshop of 5 Dec 2023.
        "starts_at": (2023, 12, 5, 17, 0),
        "duration": 180,
        "recurrence": "FREQ=MONTHLY;INTERVAL=3;BYDAY=+1TU",
        "capacity": 60,
        "place": RATHAUS,
        "services": {"sign_language": True, "childcare": True},
        "contact_email": "engagement@ludwigslust.example",
        "agenda": [
            (time(17, 0), "Begrüßung", "Welcome"),
            (time(17, 20), "Neues aus den Vereinen", "News from the clubs"),
            (time(18, 0), "Markt der Möglichkeiten", "Market of opportunities"),
            (time(19, 30), "Verabredungen und Ausblick", "Agreements and outlook"),
        ],
    },
    {
        "slug": "willkommensstammtisch",
        "title": ("Willkommensstammtisch", "Welcome get-together"),
        "short": (
            "Neu in Ludwigslust? Einmal im Monat lernen Sie Vereine und Nachbarn "
            "kennen.",
            "New in Ludwigslust? Once a month you meet clubs and neighbours.",
        ),
        "kind": "welcome",
        "starts_at": "next-month-3rd-tuesday",
        "duration": 120,
        "recurrence": "FREQ=MONTHLY;BYDAY=+3TU",
        "capacity": 25,
        "place": {
            "place_name": "Bürgerhaus am Schloss",
            "street": "Schlossstraße 1",
            "postcode": "19288",
            "town": "Ludwigslust",
            "step_free_access": True,
        },
        "online_url": "https://meet.example.org/willkommen",
        "services": {"interpretation": True},
        "contact_email": "willkommen@ludwigslust.example",
        "agenda": [],
    },
    {
        # Six weeks from whenever the demo is loaded: an event of any season.
        "slug": "offener-tag-sv-schlosspark",
        "title": (
            "Tag der offenen Tür beim SV Schlosspark",
            "Open day at SV Schlosspark",
        ),
        "short": (
            "Schnuppertraining, Spiele und Kuchen für die ganze Familie.",
            "Taster sessions, games and cake for the whole family.",
        ),
        "kind": "club_event",
        "organiser": "sv-schlosspark",
        "starts_at": "in-6-weeks",
        "duration": 240,
        "recurrence": "",
        "capacity": None,
        "place": {
            "place_name": "Sportplatz Schlosspark",
            "street": "Am Sportplatz 1",
            "postcode": "19288",
            "town": "Ludwigslust",
        },
        "services": {},
        "contact_email": "vorstand@sv-schlosspark.example",
        "agenda": [],
    },
    {
        "slug": "offene-probe-chor",
        "title": ("Offene Chorprobe", "Open choir rehearsal"),
        "short": (
            "Singen Sie einfach mit – Noten lesen ist keine Voraussetzung.",
            "Just sing along – no need to read music.",
        ),
        "kind": "club_event",
        "organiser": "chor-schlossklang",
        "starts_at": "in-3-weeks",
        "duration": 90,
        "recurrence": "",
        "capacity": 12,
        "place": {
            "place_name": "Gemeindehaus Hornkaten",
            "street": "Hornkatener Weg 7",
            "postcode": "19288",
            "town": "Ludwigslust",
        },
        "services": {},
        "contact_email": "vorstand@chor-schlossklang.example",
        "agenda": [],
    },
]


def _start(spec) -> datetime:
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    if isinstance(spec, tuple):
        year, month, day, hour, minute = spec
        return timezone.make_aware(datetime(year, month, day, hour, minute), tz)
    if spec == "next-month-3rd-tuesday":
        first = today.replace(day=1)
        # Start the series at the third Tuesday of this month.
        tuesdays = [first + timedelta(days=i) for i in range(31)]
        third = [d for d in tuesdays if d.month == first.month and d.weekday() == 1][2]
        return timezone.make_aware(datetime.combine(third, time(18, 0)), tz)
    weeks = int(spec.split("-")[1])
    day = today + timedelta(weeks=weeks)
    return timezone.make_aware(datetime.combine(day, time(15, 0)), tz)


# Meetings held in a room of the room directory (its German title), when rooms exist.
ROOMS = {
    "vereinstreffen": "Rathaussaal",
    "willkommensstammtisch": "Bürgerhaus, großer Saal",
    "offene-probe-chor": "Gemeindehaus Hornkaten",
}


def _room(slug: str, locale):
    from django.apps import apps

    if slug not in ROOMS or not apps.is_installed("engagement_hub.rooms"):
        return None
    room_model = apps.get_model("engagement_hub_rooms", "RoomPage")
    return room_model.objects.filter(title=ROOMS[slug], locale=locale).first()


def load(context: DemoContext) -> None:
    index = get_or_create_child(
        context.home,
        MeetingIndexPage,
        INDEX[0],
        title=INDEX[1],
        intro=f"<p>{INTRO[0]}</p>",
        show_in_menus=True,
    )
    translate(index, context.en, {INDEX[1]: INDEX[2], INTRO[0]: INTRO[1]})
    from engagement_hub.associations.models import AssociationPage

    for spec in MEETINGS:
        existing = MeetingPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if existing is None:
            organiser = None
            if spec.get("organiser"):
                organiser = AssociationPage.objects.filter(
                    slug=spec["organiser"], locale=context.de
                ).first()
            page = MeetingPage(
                slug=spec["slug"],
                locale=index.locale,
                title=spec["title"][0],
                short_description=spec["short"][0],
                description="",
                kind=spec["kind"],
                organiser=organiser,
                room=_room(spec["slug"], context.de),
                starts_at=_start(spec["starts_at"]),
                duration=spec["duration"],
                recurrence=spec["recurrence"],
                capacity=spec["capacity"],
                online_url=spec.get("online_url", ""),
                contact_email=spec["contact_email"],
                **spec["place"],
                **spec["services"],
            )
            for order, (at, title_de, _title_en) in enumerate(spec["agenda"]):
                page.agenda_items.add(
                    AgendaItem(time=at, title=title_de, sort_order=order)
                )
            index.add_child(instance=page)
            page.save_revision().publish()
            context.log(f"Created meeting {page.title}.")
        else:
            page = existing
            materialise(page)
        strings = {
            spec["title"][0]: spec["title"][1],
            spec["short"][0]: spec["short"][1],
            **{de: en for _at, de, en in spec["agenda"]},
        }
        translate(page, context.en, strings)
    _workshop(index)
    _rsvps(index)
    context.home_blocks.append(
        ("next_meetings", {"heading": "Nächste Treffen", "count": 4})
    )
    context.home_strings["Nächste Treffen"] = "Next meetings"


def _workshop(index) -> None:
    """The first, past date of the Vereinstreffen: the workshop with minutes."""
    page = MeetingPage.objects.child_of(index).get(slug="vereinstreffen")
    start = _start((2023, 12, 5, 17, 0))
    Occurrence.objects.get_or_create(
        meeting=page,
        original_date=start.date(),
        defaults={
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "note": "Workshop: Markt der Möglichkeiten",
            "minutes": WORKSHOP_MINUTES_DE,
            "attendance": 42,
            "minutes_sent_at": start + timedelta(days=7),
        },
    )


def _rsvps(index) -> None:
    """A few answers on the next dates (fictional addresses)."""
    names = ["Anke", "Bernd", "Chiara", "Dariusz", "Emine", "Frank", "Greta", "Hamid"]
    for page in MeetingPage.objects.child_of(index):
        upcoming = page.occurrences.filter(starts_at__gt=timezone.now()).order_by(
            "starts_at"
        )[:2]
        for number, occurrence in enumerate(upcoming):
            if occurrence.rsvps.exists():
                continue
            for position, name in enumerate(names[: 6 - 2 * number]):
                try:
                    respond(
                        occurrence.pk,
                        f"{name.lower()}.demo{position}@example.org",
                        answer=Rsvp.Answer.YES if position % 4 else Rsvp.Answer.MAYBE,
                        people=1 + position % 2,
                        name=name,
                        notify=False,
                    )
                except RsvpError:
                    continue
