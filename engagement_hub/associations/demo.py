"""Demo associations for Ludwigslust: fictional clubs (no real persons, addresses on
example domains), German with English translations, spread over every filter."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from engagement_hub.core.demo_tools import DemoContext, translate
from engagement_hub.core.directory.demo import (
    ACCESS_NOTE,
    DEMO_NOTE,
    DISTRICTS,
    EXTRA_LANGUAGES,
    PLACE_STRINGS,
    PLACES,
    directory_index,
)
from engagement_hub.core.models import Category, District, Language, TargetGroup

from .models import (
    AssociationIndexPage,
    AssociationMeetingTime,
    AssociationPage,
)

INDEX = ("vereine", "Vereine und Initiativen", "Clubs and initiatives", "clubs")
INDEX_INTRO = (
    "Alle Vereine und Initiativen in Ludwigslust – filtern Sie nach Thema, Alter, "
    "Wochentag und mehr.",
    "All clubs and initiatives in Ludwigslust – filter by topic, age, weekday "
    "and more.",
)

# slug, name, categories, target groups, (German, English) short description
ASSOCIATIONS = [
    (
        "sv-schlosspark",
        "SV Schlosspark Ludwigslust",
        ["sport"],
        ["kinder", "jugendliche"],
        (
            "Fußball für Kinder und Jugendliche, vom Bambini bis zur A-Jugend.",
            "Football for children and young people, from the under-7s to the "
            "under-19s.",
        ),
    ),
    (
        "tgv-techentin",
        "Turn- und Gymnastikverein Techentin",
        ["sport"],
        ["kinder", "senioren"],
        (
            "Turnen, Gymnastik und Bewegung für Groß und Klein.",
            "Gymnastics and exercise for young and old.",
        ),
    ),
    (
        "schwimmfreunde",
        "Schwimmfreunde Ludwigslust",
        ["sport", "gesundheit"],
        ["kinder", "erwachsene"],
        (
            "Schwimmkurse und Training im Hallenbad.",
            "Swimming lessons and training at the indoor pool.",
        ),
    ),
    (
        "ttc-hornkaten",
        "Tischtennisclub Hornkaten",
        ["sport"],
        ["jugendliche", "erwachsene"],
        (
            "Tischtennis für Freizeit und Punktspiel.",
            "Table tennis for fun and for the league.",
        ),
    ),
    (
        "radgruppe-kummer",
        "Radsportgruppe Kummer",
        ["sport", "umwelt"],
        ["erwachsene", "senioren"],
        (
            "Gemeinsame Radtouren durch die Lewitz.",
            "Cycling tours together through the Lewitz.",
        ),
    ),
    (
        "lauftreff-kanal",
        "Lauftreff am Kanal",
        ["sport", "gesundheit"],
        ["generationen"],
        (
            "Laufen in der Gruppe, jedes Tempo ist willkommen.",
            "Running in a group; every pace is welcome.",
        ),
    ),
    (
        "chor-schlossklang",
        "Chor Schlossklang",
        ["kultur"],
        ["erwachsene", "senioren"],
        (
            "Ein gemischter Chor mit Liedern aus vier Jahrhunderten.",
            "A mixed choir singing songs from four centuries.",
        ),
    ),
    (
        "theater-rampenlicht",
        "Theatergruppe Rampenlicht",
        ["kultur"],
        ["jugendliche", "erwachsene"],
        (
            "Laientheater mit zwei Premieren im Jahr.",
            "Amateur theatre with two premieres a year.",
        ),
    ),
    (
        "blasorchester",
        "Blasorchester Ludwigslust",
        ["kultur"],
        ["jugendliche", "generationen"],
        (
            "Blasmusik von Marsch bis Pop, mit eigener Nachwuchsgruppe.",
            "Brass music from marches to pop, with its own youth band.",
        ),
    ),
    (
        "kunstwerkstatt-niendorf",
        "Kunstwerkstatt Niendorf",
        ["kultur", "bildung"],
        ["kinder", "familien"],
        (
            "Malen, Töpfern und Drucken in offener Werkstatt.",
            "Painting, pottery and printing in an open workshop.",
        ),
    ),
    (
        "nachbarschaftshilfe",
        "Nachbarschaftshilfe Innenstadt",
        ["soziales"],
        ["senioren", "generationen"],
        (
            "Nachbarinnen und Nachbarn helfen beim Einkauf und im Alltag.",
            "Neighbours help with shopping and everyday tasks.",
        ),
    ),
    (
        "lebensmittel-retter",
        "Lebensmittelretter Ludwigslust",
        ["soziales", "umwelt"],
        ["erwachsene"],
        (
            "Gerettete Lebensmittel werden kostenlos verteilt.",
            "Rescued food is handed out free of charge.",
        ),
    ),
    (
        "familientreff-regenbogen",
        "Familientreff Regenbogen",
        ["soziales"],
        ["familien", "kinder"],
        (
            "Ein offener Treff für Eltern mit kleinen Kindern.",
            "An open meeting place for parents with small children.",
        ),
    ),
    (
        "seniorenclub-abendsonne",
        "Seniorenclub Abendsonne",
        ["soziales"],
        ["senioren"],
        (
            "Kaffee, Gespräche, Ausflüge und Spielenachmittage.",
            "Coffee, conversation, outings and games afternoons.",
        ),
    ),
    (
        "willkommensnetz",
        "Willkommensnetz Ludwigslust",
        ["soziales", "bildung"],
        ["neuzugezogene", "familien"],
        (
            "Wir begleiten Neu Zugezogene bei den ersten Schritten in der Stadt.",
            "We help newcomers find their way in town.",
        ),
    ),
    (
        "naturschutz-lewitz",
        "Naturschutzgruppe Lewitz",
        ["umwelt"],
        ["generationen"],
        (
            "Biotoppflege, Vogelzählungen und Naturführungen.",
            "Habitat care, bird counts and nature walks.",
        ),
    ),
    (
        "garten-weselsdorf",
        "Gemeinschaftsgarten Weselsdorf",
        ["umwelt", "soziales"],
        ["familien", "generationen"],
        (
            "Gemeinsam gärtnern, ernten und voneinander lernen.",
            "Gardening, harvesting and learning from each other.",
        ),
    ),
    (
        "imker-schlosspark",
        "Imkerverein Schlosspark",
        ["umwelt", "heimat"],
        ["erwachsene"],
        (
            "Bienenhaltung für Einsteigerinnen und Einsteiger.",
            "Beekeeping for beginners.",
        ),
    ),
    (
        "lesepaten",
        "Lesepaten Ludwigslust",
        ["bildung"],
        ["kinder"],
        (
            "Ehrenamtliche lesen mit Kindern in Kitas und Schulen.",
            "Volunteers read with children in nurseries and schools.",
        ),
    ),
    (
        "sprachcafe",
        "Sprachcafé International",
        ["bildung", "soziales"],
        ["neuzugezogene", "erwachsene"],
        (
            "Deutsch üben im Gespräch, bei Tee und Kuchen.",
            "Practise German in conversation, with tea and cake.",
        ),
    ),
    (
        "computerclub-60plus",
        "Computerclub 60plus",
        ["bildung"],
        ["senioren"],
        (
            "Hilfe mit Smartphone, Tablet und Computer.",
            "Help with smartphones, tablets and computers.",
        ),
    ),
    (
        "schach-fuer-alle",
        "Schach für alle",
        ["bildung", "sport"],
        ["kinder", "generationen"],
        (
            "Schach spielen und lernen, vom Anfang an.",
            "Play and learn chess, from scratch.",
        ),
    ),
    (
        "rueckenfit",
        "Selbsthilfegruppe Rückenfit",
        ["gesundheit"],
        ["erwachsene", "senioren"],
        (
            "Austausch und Bewegung bei Rückenschmerzen.",
            "Support and exercise for back pain.",
        ),
    ),
    (
        "pflegebegleiter",
        "Pflegebegleiter Ludwigslust",
        ["gesundheit", "soziales"],
        ["erwachsene"],
        ("Wir unterstützen pflegende Angehörige.", "We support family carers."),
    ),
    (
        "erste-hilfe-freunde",
        "Erste-Hilfe-Freunde",
        ["gesundheit"],
        ["jugendliche", "erwachsene"],
        (
            "Erste Hilfe lernen und bei Festen Sanitätsdienst leisten.",
            "Learn first aid and provide first-aid cover at festivals.",
        ),
    ),
    (
        "heimatverein",
        "Heimatverein Ludwigslust",
        ["heimat"],
        ["generationen"],
        (
            "Stadtgeschichte erforschen, bewahren und erzählen.",
            "Researching, preserving and telling the town's history.",
        ),
    ),
    (
        "geschichtswerkstatt-kummer",
        "Geschichtswerkstatt Kummer",
        ["heimat", "bildung"],
        ["erwachsene", "senioren"],
        (
            "Zeitzeugen erzählen, wir schreiben es auf.",
            "Contemporary witnesses tell, we write it down.",
        ),
    ),
    (
        "trachtengruppe-techentin",
        "Trachtengruppe Techentin",
        ["heimat", "kultur"],
        ["familien", "generationen"],
        (
            "Volkstanz und Trachten aus Mecklenburg.",
            "Folk dance and traditional costume from Mecklenburg.",
        ),
    ),
    (
        "foerderverein-feuerwehr",
        "Förderverein Freiwillige Feuerwehr Ludwigslust",
        ["feuerwehr"],
        ["erwachsene"],
        (
            "Wir unterstützen die Freiwillige Feuerwehr und suchen Mitglieder.",
            "We support the volunteer fire brigade and are looking for members.",
        ),
    ),
    (
        "jugendfeuerwehr-niendorf",
        "Jugendfeuerwehr Niendorf",
        ["feuerwehr"],
        ["kinder", "jugendliche"],
        (
            "Feuerwehrtechnik, Teamgeist und Zeltlager ab 10 Jahren.",
            "Fire-fighting skills, team spirit and camps from age 10.",
        ),
    ),
]

AGE_RANGES = {
    "kinder": (6, 12),
    "jugendliche": (12, 17),
    "senioren": (60, None),
    "erwachsene": (18, None),
    "familien": (None, None),
    "neuzugezogene": (None, None),
    "generationen": (None, None),
}
START_TIMES = [
    time(9, 30),
    time(15, 0),
    time(16, 30),
    time(18, 30),
    time(10, 0),
    time(14, 0),
]
FEES = [Decimal("0"), Decimal("24"), Decimal("36"), Decimal("60"), Decimal("120"), None]
CONTACT_ROLE = ("Vorstand", "Board")
VOLUNTEER_NEEDS = (
    "Wir suchen Helferinnen und Helfer für Feste und Training.",
    "We are looking for helpers for events and training.",
)
MEETING_NOTE = ("Nicht in den Schulferien.", "Not during school holidays.")


def load(context: DemoContext) -> None:
    index = directory_index(context, AssociationIndexPage, INDEX, INDEX_INTRO)
    terms = _terms(context)
    created = 0
    for number, row in enumerate(ASSOCIATIONS):
        page, is_new = _association(index, terms, number, row)
        created += is_new
        translate(page, context.en, _strings(row))
    if created:
        context.log(f"Created {created} associations.")
    _freshness_check()
    context.home_blocks.append(
        ("newest_associations", {"heading": "Neue Vereine", "count": 3})
    )
    context.home_strings["Neue Vereine"] = "New clubs"


def _freshness_check() -> None:
    """One open freshness check (the reminder as if sent three days ago) for the
    first possibly outdated club, so the confirmation page can be tried (the first
    check of a new database: its link is signed ``{"c": 1}``)."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import FreshnessCheck, outdated_before

    if FreshnessCheck.objects.exists():
        return
    stale = (
        AssociationPage.objects.filter(last_confirmed__lt=outdated_before())
        .order_by("pk")
        .first()
    )
    if stale is not None:
        FreshnessCheck.objects.create(
            translation_key=stale.translation_key,
            started_on=timezone.localdate() - timedelta(days=3),
            first_sent_at=timezone.now() - timedelta(days=3),
            recipients=1,
        )


def _terms(context: DemoContext) -> dict:
    return {
        "category": {c.slug: c for c in Category.objects.filter(locale=context.de)},
        "target_group": {
            t.slug: t for t in TargetGroup.objects.filter(locale=context.de)
        },
        "district": {d.slug: d for d in District.objects.filter(locale=context.de)},
        "language": {lang.code: lang for lang in Language.objects.all()},
    }


def _association(index, terms, number: int, row) -> tuple[AssociationPage, bool]:
    slug, name, categories, groups, (short_de, _short_en) = row
    existing = AssociationPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    ages = [AGE_RANGES[g] for g in groups]
    lows = [lo for lo, _hi in ages]
    highs = [hi for _lo, hi in ages]
    place_name, street, postcode = PLACES[number % len(PLACES)]
    today = timezone.localdate()
    # Every seventh club has not confirmed its details for two years (flagged).
    confirmed = today - timedelta(days=730 if number % 7 == 3 else 20 + number * 3)
    page = AssociationPage(
        slug=slug,
        title=name,
        locale=index.locale,
        short_description=short_de,
        description=f"<p>{short_de}</p><p>{DEMO_NOTE[0]}</p>",
        min_age=None if None in lows else min(lows),
        max_age=None if None in highs else max(highs),
        meeting_notes=MEETING_NOTE[0] if number % 4 == 0 else "",
        place_name=place_name,
        street=street,
        postcode=postcode,
        district=terms["district"][DISTRICTS[number % len(DISTRICTS)]],
        step_free_access=number % 2 == 0,
        accessible_toilet=number % 3 == 0,
        hearing_loop=number % 5 == 0,
        accessibility_notes=ACCESS_NOTE[0] if number % 2 == 0 else "",
        membership_fee=FEES[number % len(FEES)],
        contact_role=CONTACT_ROLE[0],
        contact_email=f"vorstand@{slug}.example",
        website=f"https://{slug}.example.org/",
        social_links=f"https://social.example.org/@{slug}" if number % 3 == 0 else "",
        founding_year=1890 + number * 4,
        looking_for_volunteers=number % 3 != 1,
        volunteer_needs=VOLUNTEER_NEEDS[0] if number % 3 == 0 else "",
        last_confirmed=confirmed,
        show_in_menus=False,
    )
    page.categories = [terms["category"][c] for c in categories]
    page.target_groups = [terms["target_group"][g] for g in groups]
    page.languages = [
        terms["language"]["de"],
        terms["language"][EXTRA_LANGUAGES[number % len(EXTRA_LANGUAGES)]],
    ]
    page.meeting_times = [
        AssociationMeetingTime(
            weekday=(number + shift) % 7,
            start_time=START_TIMES[(number + shift) % len(START_TIMES)],
            end_time=_end(START_TIMES[(number + shift) % len(START_TIMES)]),
        )
        for shift in range(1 + number % 2)
    ]
    page.tags.add(*categories)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _end(start: time) -> time:
    return time(min(start.hour + 2, 23), start.minute)


def _strings(row) -> dict[str, str]:
    _slug, _name, _categories, _groups, (short_de, short_en) = row
    return {
        short_de: short_en,
        DEMO_NOTE[0]: DEMO_NOTE[1],
        CONTACT_ROLE[0]: CONTACT_ROLE[1],
        VOLUNTEER_NEEDS[0]: VOLUNTEER_NEEDS[1],
        MEETING_NOTE[0]: MEETING_NOTE[1],
        ACCESS_NOTE[0]: ACCESS_NOTE[1],
        **PLACE_STRINGS,
    }
