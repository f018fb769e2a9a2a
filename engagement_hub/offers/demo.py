"""Demo offers for Ludwigslust (fictional), German with English translations, spread
over every filter, plus the welcome page for newcomers and the home page blocks."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from engagement_hub.associations.models import (
    AssociationIndexPage,
    AssociationPage,
)
from engagement_hub.core.demo_tools import DemoContext, get_or_create_child, translate
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

from .models import CostKind, OfferIndexPage, OfferPage, OfferScheduleSlot, WelcomePage

INDEX = ("angebote", "Angebote", "Offers")
INDEX_INTRO = (
    "Kurse, Gruppen, Aktivitäten und Ehrenamt in Ludwigslust.",
    "Courses, groups, activities and volunteering in Ludwigslust.",
)

# slug, (German title, English title), (German, English) short description, kind,
# target groups, min age, max age
TEMPLATES = {
    "sport": [
        (
            "kinderturnen",
            ("Kinderturnen", "Children's gymnastics"),
            ("Toben, klettern, balancieren.", "Romp, climb and balance."),
            "group",
            ["kinder"],
            4,
            10,
        ),
        (
            "fussball-training",
            ("Fußballtraining", "Football training"),
            (
                "Training für Kinder und Jugendliche.",
                "Training for children and teenagers.",
            ),
            "group",
            ["kinder", "jugendliche"],
            8,
            16,
        ),
        (
            "seniorengymnastik",
            ("Seniorengymnastik", "Exercise for older people"),
            (
                "Sanfte Bewegung im Sitzen und Stehen.",
                "Gentle exercise, seated and standing.",
            ),
            "group",
            ["senioren"],
            60,
            None,
        ),
        (
            "schwimmkurs",
            ("Schwimmkurs für Anfänger", "Swimming for beginners"),
            ("In zehn Stunden zum Seepferdchen.", "Learn to swim in ten lessons."),
            "course",
            ["kinder"],
            5,
            9,
        ),
        (
            "helfer-sportfest",
            ("Helfer für das Sportfest", "Helpers for the sports day"),
            (
                "Wir suchen Helfende für Auf- und Abbau.",
                "We need help setting up and clearing away.",
            ),
            "volunteering",
            ["erwachsene", "jugendliche"],
            16,
            None,
        ),
    ],
    "kultur": [
        (
            "offenes-singen",
            ("Offenes Singen", "Open singing"),
            ("Singen ohne Vorkenntnisse.", "Singing with no experience needed."),
            "activity",
            ["generationen"],
            None,
            None,
        ),
        (
            "theater-jugend",
            ("Theaterkurs für Jugendliche", "Theatre course for teenagers"),
            ("Improvisation, Sprache und Bühne.", "Improvisation, voice and stage."),
            "course",
            ["jugendliche"],
            12,
            17,
        ),
        (
            "instrumente-ausprobieren",
            ("Instrumente ausprobieren", "Try an instrument"),
            (
                "Blasinstrumente zum Kennenlernen.",
                "Get to know brass and wind instruments.",
            ),
            "activity",
            ["kinder", "familien"],
            7,
            14,
        ),
        (
            "malwerkstatt",
            ("Offene Malwerkstatt", "Open painting workshop"),
            (
                "Malen mit Acryl und Aquarell.",
                "Painting with acrylics and watercolours.",
            ),
            "activity",
            ["erwachsene", "generationen"],
            None,
            None,
        ),
        (
            "kasse-konzert",
            ("Kasse beim Konzert", "Box office at concerts"),
            (
                "Ehrenamtliche für Einlass und Kasse gesucht.",
                "Volunteers wanted for the door and box office.",
            ),
            "volunteering",
            ["erwachsene"],
            18,
            None,
        ),
    ],
    "soziales": [
        (
            "einkaufshilfe",
            ("Einkaufshilfe", "Shopping help"),
            (
                "Einkaufen für Menschen, die nicht mehr gut laufen können.",
                "Shopping for people who can no longer walk well.",
            ),
            "volunteering",
            ["erwachsene"],
            18,
            None,
        ),
        (
            "eltern-kind-cafe",
            ("Eltern-Kind-Café", "Parent and child café"),
            (
                "Spielen, Kaffee trinken, Fragen stellen.",
                "Play, have a coffee, ask questions.",
            ),
            "group",
            ["familien", "kinder"],
            0,
            6,
        ),
        (
            "spielenachmittag",
            ("Spielenachmittag", "Games afternoon"),
            (
                "Brett- und Kartenspiele für alle Generationen.",
                "Board and card games for all generations.",
            ),
            "activity",
            ["generationen", "senioren"],
            None,
            None,
        ),
        (
            "lebensmittelausgabe",
            ("Lebensmittelausgabe", "Food distribution"),
            (
                "Helfende für die Ausgabe geretteter Lebensmittel.",
                "Helpers for handing out rescued food.",
            ),
            "volunteering",
            ["erwachsene", "jugendliche"],
            16,
            None,
        ),
        (
            "stadtspaziergang-neu",
            ("Stadtspaziergang für Neue", "Town walk for newcomers"),
            (
                "Die wichtigsten Orte der Stadt kennenlernen.",
                "Get to know the key places in town.",
            ),
            "activity",
            ["neuzugezogene", "familien"],
            None,
            None,
        ),
    ],
    "umwelt": [
        (
            "vogelzaehlung",
            ("Vogelzählung im Park", "Bird count in the park"),
            ("Vögel beobachten und zählen.", "Watch and count birds."),
            "activity",
            ["generationen"],
            8,
            None,
        ),
        (
            "gartentag",
            ("Gemeinsamer Gartentag", "Community garden day"),
            ("Säen, jäten, ernten.", "Sow, weed, harvest."),
            "group",
            ["familien", "generationen"],
            None,
            None,
        ),
        (
            "imkerkurs",
            ("Imkerkurs für Einsteiger", "Beekeeping for beginners"),
            ("Ein Bienenjahr begleiten.", "Follow a year with the bees."),
            "course",
            ["erwachsene"],
            16,
            None,
        ),
        (
            "muellsammeln",
            ("Müllsammeln am Kanal", "Litter picking by the canal"),
            ("Gemeinsam für eine saubere Stadt.", "Together for a clean town."),
            "volunteering",
            ["generationen"],
            10,
            None,
        ),
        (
            "naturforscher",
            ("Junge Naturforscher", "Young nature explorers"),
            ("Tiere und Pflanzen entdecken.", "Discover animals and plants."),
            "group",
            ["kinder"],
            6,
            12,
        ),
    ],
    "bildung": [
        (
            "hausaufgabenhilfe",
            ("Hausaufgabenhilfe", "Homework help"),
            (
                "Hilfe bei den Hausaufgaben, ohne Anmeldung.",
                "Help with homework, no need to register.",
            ),
            "group",
            ["kinder"],
            8,
            14,
        ),
        (
            "sprachcafe-deutsch",
            ("Sprachcafé Deutsch", "German conversation café"),
            ("Deutsch sprechen im Alltag.", "Speaking German in everyday life."),
            "group",
            ["neuzugezogene", "erwachsene"],
            16,
            None,
        ),
        (
            "smartphone-sprechstunde",
            ("Smartphone-Sprechstunde", "Smartphone help desk"),
            ("Fragen zu Handy und Tablet.", "Questions about phones and tablets."),
            "activity",
            ["senioren"],
            60,
            None,
        ),
        (
            "lesepate-werden",
            ("Lesepatin oder Lesepate werden", "Become a reading buddy"),
            (
                "Eine Stunde pro Woche mit Kindern lesen.",
                "Read with children one hour a week.",
            ),
            "volunteering",
            ["erwachsene", "senioren"],
            18,
            None,
        ),
        (
            "schachkurs",
            ("Schachkurs", "Chess course"),
            ("Schach lernen in acht Wochen.", "Learn chess in eight weeks."),
            "course",
            ["kinder", "generationen"],
            7,
            None,
        ),
    ],
    "gesundheit": [
        (
            "rueckenschule",
            ("Rückenschule", "Back care class"),
            ("Übungen für einen starken Rücken.", "Exercises for a strong back."),
            "course",
            ["erwachsene"],
            18,
            None,
        ),
        (
            "pflege-gespraechskreis",
            ("Gesprächskreis pflegende Angehörige", "Support group for family carers"),
            ("Austausch und Entlastung.", "Sharing and relief."),
            "group",
            ["erwachsene"],
            18,
            None,
        ),
        (
            "erste-hilfe-kurs",
            ("Erste-Hilfe-Kurs", "First aid course"),
            ("Erste Hilfe in einem Tag.", "First aid in one day."),
            "course",
            ["jugendliche", "erwachsene"],
            14,
            None,
        ),
        (
            "sanitaetsdienst",
            ("Sanitätsdienst bei Festen", "First-aid cover at festivals"),
            (
                "Ausgebildete Helfende für Stadtfeste gesucht.",
                "Trained helpers wanted for town festivals.",
            ),
            "volunteering",
            ["erwachsene"],
            18,
            None,
        ),
        (
            "lauftreff-anfaenger",
            ("Lauftreff für Anfänger", "Running for beginners"),
            ("Vom Gehen zum Laufen.", "From walking to running."),
            "group",
            ["generationen"],
            12,
            None,
        ),
    ],
    "heimat": [
        (
            "stadtfuehrung",
            ("Historische Stadtführung", "Historical town tour"),
            (
                "Auf den Spuren der Residenzstadt.",
                "On the trail of the royal residence town.",
            ),
            "activity",
            ["generationen", "neuzugezogene"],
            None,
            None,
        ),
        (
            "erzaehlcafe",
            ("Erzählcafé", "Story café"),
            ("Erinnerungen teilen und aufschreiben.", "Share and record memories."),
            "group",
            ["senioren"],
            55,
            None,
        ),
        (
            "volkstanz-kinder",
            ("Volkstanz für Kinder", "Folk dance for children"),
            ("Tänze aus Mecklenburg.", "Dances from Mecklenburg."),
            "group",
            ["kinder"],
            5,
            12,
        ),
        (
            "archiv-helfen",
            ("Im Archiv helfen", "Help in the archive"),
            ("Fotos und Dokumente sortieren.", "Sort photos and documents."),
            "volunteering",
            ["erwachsene", "senioren"],
            16,
            None,
        ),
        (
            "museumsnacht",
            ("Museumsnacht", "Museum night"),
            ("Ein Abend voller Geschichten.", "An evening full of stories."),
            "activity",
            ["familien", "generationen"],
            None,
            None,
        ),
    ],
    "feuerwehr": [
        (
            "jugendfeuerwehr",
            ("Jugendfeuerwehr", "Youth fire brigade"),
            (
                "Feuerwehrtechnik und Teamgeist.",
                "Fire-fighting skills and team spirit.",
            ),
            "group",
            ["kinder", "jugendliche"],
            10,
            17,
        ),
        (
            "kinderfeuerwehr",
            ("Kinderfeuerwehr", "Children's fire brigade"),
            ("Brandschutz spielerisch lernen.", "Learn fire safety through play."),
            "group",
            ["kinder"],
            6,
            10,
        ),
        (
            "einsatzabteilung",
            ("Mitmachen in der Einsatzabteilung", "Join the active fire crew"),
            (
                "Die Feuerwehr sucht Einsatzkräfte.",
                "The fire brigade is looking for crew members.",
            ),
            "volunteering",
            ["erwachsene"],
            18,
            60,
        ),
        (
            "tag-offene-tuer",
            ("Tag der offenen Tür", "Open day"),
            ("Fahrzeuge und Technik aus der Nähe.", "Vehicles and equipment up close."),
            "activity",
            ["familien", "generationen"],
            None,
            None,
        ),
        (
            "brandschutz-senioren",
            ("Brandschutz für Senioren", "Fire safety for older people"),
            ("Sicher zu Hause.", "Safe at home."),
            "course",
            ["senioren"],
            60,
            None,
        ),
    ],
}
REGISTRATION = (
    "Bitte melden Sie sich per E-Mail an.",
    "Please register by email.",
)
COST_NOTE = ("Ermäßigung mit Sozialpass.", "Reduced price with a social pass.")
SCHEDULE_NOTE = ("Nicht in den Schulferien.", "Not during school holidays.")
TIME_COMMITMENT = ("Etwa zwei Stunden pro Woche.", "About two hours a week.")
COMMITMENTS = ["regular", "occasional", "one_off"]

WELCOME = ("willkommen", "Willkommen in Ludwigslust", "Welcome to Ludwigslust")
WELCOME_INTRO = (
    "Schön, dass Sie da sind! Diese Angebote und Vereine freuen sich auf neue "
    "Gesichter.",
    "Glad you are here! These offers and clubs look forward to meeting new people.",
)
WELCOME_HEADINGS = [
    ("Für Familien und Kinder", "For families and children"),
    ("Zum Ankommen und Mitmachen", "Settling in and joining in"),
    ("Vereine zum Kennenlernen", "Clubs to get to know"),
]
WELCOME_NOTE = (
    "Ohne Anmeldung, einfach vorbeikommen.",
    "No registration, just drop in.",
)


def load(context: DemoContext) -> None:
    index = directory_index(context, OfferIndexPage, INDEX, INDEX_INTRO)
    terms = _terms(context)
    associations = _associations_by_category(context)
    created = 0
    for number, (category, template, association) in enumerate(_plan(associations)):
        page, is_new = _offer(index, terms, number, category, template, association)
        created += is_new
        translate(page, context.en, _strings(template))
    if created:
        context.log(f"Created {created} offers.")
    _welcome_page(context)
    context.home_blocks.append(
        ("featured_offers", {"heading": "Angebote entdecken", "offers": [], "count": 3})
    )
    context.home_strings["Angebote entdecken"] = "Discover offers"


def _terms(context: DemoContext) -> dict:
    return {
        "category": {c.slug: c for c in Category.objects.filter(locale=context.de)},
        "target_group": {
            t.slug: t for t in TargetGroup.objects.filter(locale=context.de)
        },
        "district": {d.slug: d for d in District.objects.filter(locale=context.de)},
        "language": {lang.code: lang for lang in Language.objects.all()},
    }


def _associations_by_category(context: DemoContext) -> dict[str, list]:
    index = AssociationIndexPage.objects.filter(locale=context.de).first()
    if index is None:
        return {}
    result: dict[str, list] = {}
    for page in (
        AssociationPage.objects.child_of(index)
        .prefetch_related("categories")
        .order_by("path")
    ):
        for category in page.categories.all()[:1]:
            result.setdefault(category.slug, []).append(page)
    return result


# Who runs each offer (None: the city) and when it meets: (weekday, start), Monday = 0.
# Children meet after school, older people in the morning, volunteers when needed.
HOSTS = {
    "kinderturnen": ("tgv-techentin", 1, time(16, 0)),
    "fussball-training": ("sv-schlosspark", 2, time(16, 30)),
    "seniorengymnastik": ("tgv-techentin", 3, time(10, 0)),
    "schwimmkurs": ("schwimmfreunde", 5, time(10, 0)),
    "helfer-sportfest": ("sv-schlosspark", 5, time(9, 0)),
    "offenes-singen": ("chor-schlossklang", 2, time(19, 0)),
    "theater-jugend": ("theater-rampenlicht", 4, time(16, 30)),
    "instrumente-ausprobieren": ("blasorchester", 5, time(10, 30)),
    "malwerkstatt": ("kunstwerkstatt-niendorf", 3, time(18, 0)),
    "kasse-konzert": ("blasorchester", 6, time(15, 0)),
    "einkaufshilfe": ("nachbarschaftshilfe", 0, time(10, 0)),
    "eltern-kind-cafe": ("familientreff-regenbogen", 1, time(9, 30)),
    "spielenachmittag": ("seniorenclub-abendsonne", 2, time(14, 30)),
    "lebensmittelausgabe": ("lebensmittel-retter", 4, time(15, 0)),
    "stadtspaziergang-neu": ("willkommensnetz", 5, time(11, 0)),
    "vogelzaehlung": ("naturschutz-lewitz", 6, time(8, 0)),
    "gartentag": ("garten-weselsdorf", 5, time(10, 0)),
    "imkerkurs": ("imker-schlosspark", 5, time(14, 0)),
    "muellsammeln": (None, 5, time(10, 0)),
    "naturforscher": ("naturschutz-lewitz", 2, time(15, 0)),
    "hausaufgabenhilfe": ("lesepaten", 1, time(15, 0)),
    "sprachcafe-deutsch": ("sprachcafe", 3, time(17, 0)),
    "smartphone-sprechstunde": ("computerclub-60plus", 0, time(10, 0)),
    "lesepate-werden": ("lesepaten", 2, time(16, 0)),
    "schachkurs": ("schach-fuer-alle", 4, time(16, 0)),
    "rueckenschule": ("rueckenfit", 0, time(18, 0)),
    "pflege-gespraechskreis": ("pflegebegleiter", 3, time(18, 30)),
    "erste-hilfe-kurs": ("erste-hilfe-freunde", 5, time(9, 0)),
    "sanitaetsdienst": ("erste-hilfe-freunde", 6, time(10, 0)),
    "lauftreff-anfaenger": ("lauftreff-kanal", 1, time(18, 0)),
    "stadtfuehrung": ("heimatverein", 6, time(11, 0)),
    "erzaehlcafe": ("geschichtswerkstatt-kummer", 2, time(15, 0)),
    "volkstanz-kinder": ("trachtengruppe-techentin", 4, time(16, 0)),
    "archiv-helfen": ("heimatverein", 3, time(10, 0)),
    "museumsnacht": (None, 5, time(19, 0)),
    "jugendfeuerwehr": ("jugendfeuerwehr-niendorf", 4, time(17, 0)),
    "kinderfeuerwehr": ("jugendfeuerwehr-niendorf", 2, time(16, 0)),
    "einsatzabteilung": ("foerderverein-feuerwehr", 0, time(19, 0)),
    "tag-offene-tuer": ("foerderverein-feuerwehr", 5, time(10, 0)),
    "brandschutz-senioren": ("foerderverein-feuerwehr", 3, time(14, 30)),
}


def _plan(associations: dict[str, list]) -> list[tuple]:
    """40 (category, template, association) triples: each offer once, run by the
    club that would run it (``HOSTS``), or the city."""
    clubs = {club.slug: club for pages in associations.values() for club in pages}
    plan = []
    for category, templates in TEMPLATES.items():
        for template in templates:
            host = HOSTS[template[0]][0]
            plan.append((category, template, clubs.get(host) if host else None))
    return plan


def _offer(index, terms, number, category, template, association):
    slug, (title_de, _title_en), (short_de, _), kind, groups, lo, hi = template
    page_slug = slug
    existing = OfferPage.objects.child_of(index).filter(slug=page_slug).first()
    if existing is not None:
        return existing, False
    place_name, street, postcode = PLACES[number % len(PLACES)]
    paid = number % 4 in (1, 2)
    price = Decimal("3") if number % 4 == 1 else Decimal("12")
    page = OfferPage(
        slug=page_slug,
        title=title_de,
        locale=index.locale,
        short_description=short_de,
        # The short description leads the page; the body does not repeat it.
        description=f"<p>{DEMO_NOTE[0]}</p>",
        association=association,
        kind=kind,
        min_age=lo,
        max_age=hi,
        cost_kind=CostKind.PAID if paid else CostKind.FREE,
        price=price if paid else None,
        reduced_price=Decimal("2") if paid and number % 8 == 2 else None,
        cost_notes=COST_NOTE[0] if paid and number % 8 == 2 else "",
        schedule_notes=SCHEDULE_NOTE[0] if number % 5 == 0 else "",
        place_name=place_name,
        street=street,
        postcode=postcode,
        district=terms["district"][DISTRICTS[number % len(DISTRICTS)]],
        step_free_access=number % 2 == 0,
        accessible_toilet=number % 3 == 0,
        hearing_loop=number % 5 == 0,
        accessibility_notes=ACCESS_NOTE[0] if number % 4 == 0 else "",
        registration_required=number % 3 == 0,
        registration_how=REGISTRATION[0] if number % 3 == 0 else "",
        registration_email=f"anmeldung@{slug}.example" if number % 3 == 0 else "",
        commitment=COMMITMENTS[number % 3] if kind == "volunteering" else "",
        time_commitment=TIME_COMMITMENT[0] if kind == "volunteering" else "",
        police_certificate_required=kind == "volunteering"
        and "kinder" in groups
        or (kind == "volunteering" and number % 2 == 0),
        show_in_menus=False,
    )
    page.categories = [terms["category"][category]]
    page.target_groups = [terms["target_group"][g] for g in groups]
    page.languages = [
        terms["language"]["de"],
        terms["language"][EXTRA_LANGUAGES[number % len(EXTRA_LANGUAGES)]],
    ]
    _host, weekday, start = HOSTS[slug]
    if slug == "hausaufgabenhilfe":
        # The demo's showcase: free, for a 10-year-old, on Tuesday afternoon.
        page.cost_kind, page.price, page.reduced_price = CostKind.FREE, None, None
    page.schedule = [
        OfferScheduleSlot(
            weekday=weekday,
            start_time=start,
            end_time=time(min(start.hour + 1, 23), 30),
            valid_from=date(2026, 1, 5) if number % 6 == 0 else None,
            exception_dates="2026-12-24, 2026-12-31" if number % 9 == 0 else "",
        ),
        *(
            [
                OfferScheduleSlot(
                    weekday=(weekday + 3) % 7,
                    start_time=time(17, 0),
                    end_time=time(18, 30),
                )
            ]
            if number % 4 == 3 and kind in ("group", "course")
            else []
        ),
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _strings(template) -> dict[str, str]:
    _slug, (title_de, title_en), (short_de, short_en), *_rest = template
    return {
        title_de: title_en,
        short_de: short_en,
        DEMO_NOTE[0]: DEMO_NOTE[1],
        REGISTRATION[0]: REGISTRATION[1],
        COST_NOTE[0]: COST_NOTE[1],
        SCHEDULE_NOTE[0]: SCHEDULE_NOTE[1],
        TIME_COMMITMENT[0]: TIME_COMMITMENT[1],
        ACCESS_NOTE[0]: ACCESS_NOTE[1],
        **PLACE_STRINGS,
    }


def _welcome_page(context: DemoContext) -> None:
    existing = (
        WelcomePage.objects.child_of(context.home).filter(slug=WELCOME[0]).first()
    )
    if existing is None:
        offers = {p.slug: p for p in OfferPage.objects.filter(locale=context.de)}
        clubs = {p.slug: p for p in AssociationPage.objects.filter(locale=context.de)}

        def entry(kind, pages, slug, note=""):
            page = pages.get(slug)
            return [(kind, {"page": page, "note": note})] if page else []

        entries = [
            ("heading", WELCOME_HEADINGS[0][0]),
            *entry("offer", offers, "hausaufgabenhilfe", WELCOME_NOTE[0]),
            *entry("offer", offers, "eltern-kind-cafe"),
            *entry("offer", offers, "kinderturnen"),
            *entry("offer", offers, "volkstanz-kinder"),
            ("heading", WELCOME_HEADINGS[1][0]),
            *entry("offer", offers, "stadtspaziergang-neu", WELCOME_NOTE[0]),
            *entry("offer", offers, "sprachcafe-deutsch"),
            *entry("offer", offers, "stadtfuehrung"),
            *entry("offer", offers, "muellsammeln"),
            ("heading", WELCOME_HEADINGS[2][0]),
            *entry("association", clubs, "willkommensnetz"),
            *entry("association", clubs, "sprachcafe"),
            *entry("association", clubs, "garten-weselsdorf"),
            *entry("association", clubs, "heimatverein"),
        ]
        existing = get_or_create_child(
            context.home,
            WelcomePage,
            WELCOME[0],
            title=WELCOME[1],
            introduction=f"<p>{WELCOME_INTRO[0]}</p>",
            entries=entries,
            show_in_menus=True,
        )
        context.log("Created the welcome page.")
    translate(
        existing,
        context.en,
        {
            WELCOME[1]: WELCOME[2],
            WELCOME[0]: "welcome",
            WELCOME_INTRO[0]: WELCOME_INTRO[1],
            WELCOME_NOTE[0]: WELCOME_NOTE[1],
            **dict(WELCOME_HEADINGS),
        },
    )
