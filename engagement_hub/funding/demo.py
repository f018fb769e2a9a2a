# ruff: noqa: E501  (demo texts, one per line)
"""Demo: about 15 funding guides a club in Ludwigslust could look at. Programme names
are public; amounts and dates are demo values (``demo_values``), and every guide
says to check with the funder."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from engagement_hub.core.demo_tools import DemoContext, translate
from engagement_hub.core.directory.demo import directory_index
from engagement_hub.core.models import Category, TargetGroup

from .models import FundingDeadline, FundingGuidePage, FundingIndexPage

INDEX = ("foerderung", "Förderlotse", "Funding guide", "funding")
INTRO = (
    "Welche Förderung passt zu Ihrem Verein, und bis wann müssen Sie den Antrag "
    "stellen? Beantworten Sie fünf Fragen im Finder, stöbern Sie mit Filtern oder "
    "lassen Sie sich vor Fristen erinnern. Alle Beträge und Termine hier sind "
    "Demo-Werte: Bitte prüfen Sie die aktuellen Bedingungen beim Fördergeber.",
    "Which funding fits your club, and by when must you apply? Answer five "
    "questions in the finder, browse with filters or get reminded before deadlines. "
    "All amounts and dates here are demo values: please check the current "
    "conditions with the funder.",
)

STEPS = (
    "Projektidee kurz aufschreiben\nKosten- und Finanzierungsplan erstellen\n"
    "Antrag online oder per Post stellen\nNach dem Projekt einen Verwendungsnachweis senden",
    "Write down the project idea briefly\nDraw up a cost and financing plan\n"
    "Apply online or by post\nSend a report on the use of funds after the project",
)
DOCUMENTS = (
    "Vereinsregisterauszug\nFreistellungsbescheid des Finanzamts\n"
    "Kosten- und Finanzierungsplan",
    "Extract from the register of associations\nTax exemption notice\n"
    "Cost and financing plan",
)

# slug, (title de, en), funder, level, kind, region, categories, target groups,
# applicants, (min, max), own %, deadlines, (summary de, en), (what de, en), link
# deadlines: ("fixed", [days from today]) | ("yearly", [(month, day)]) | ("rolling",)
GUIDES = [
    (
        "ehrenamtsstiftung-mv",
        (
            "Projektförderung der Ehrenamtsstiftung MV",
            "Project funding of the MV volunteering foundation",
        ),
        "Stiftung für Ehrenamt und bürgerschaftliches Engagement in MV",
        "land",
        "grant",
        "land",
        ["soziales", "kultur"],
        ["jugendliche", "generationen"],
        {"association", "initiative", "nonprofit"},
        (None, "3000"),
        None,
        ("yearly", [(3, 31), (9, 30)]),
        (
            "Die Ehrenamtsstiftung gibt kleinen Vereinen und Initiativen in MV Geld für Projekte mit Ehrenamtlichen.",
            "The volunteering foundation gives small clubs and initiatives in MV money for projects with volunteers.",
        ),
        (
            "Sachkosten für Projekte, Qualifizierung von Ehrenamtlichen, kleine Anschaffungen.",
            "Material costs of projects, training for volunteers, small purchases.",
        ),
        "https://www.ehrenamtsstiftung-mv.de/",
    ),
    (
        "dsee-mikrofoerderung",
        (
            "Mikroförderung der Deutschen Stiftung für Engagement und Ehrenamt",
            "Micro-funding of the German Foundation for Engagement and Volunteering",
        ),
        "Deutsche Stiftung für Engagement und Ehrenamt (DSEE)",
        "federal",
        "grant",
        "nationwide",
        [],
        ["jugendliche", "kinder", "generationen"],
        {"association", "initiative", "nonprofit"},
        ("300", "2500"),
        None,
        ("fixed", [75, 260]),
        (
            "Kleine Beträge für Vereine in ländlichen Räumen, schnell beantragt.",
            "Small sums for clubs in rural areas, applied for quickly.",
        ),
        (
            "Ausstattung, Digitalisierung, Aktionen, die das Ehrenamt stärken.",
            "Equipment, digitalisation, activities that strengthen volunteering.",
        ),
        "https://www.deutsche-stiftung-engagement-und-ehrenamt.de/",
    ),
    (
        "landkreis-vereinsfoerderung",
        (
            "Vereinsförderung des Landkreises Ludwigslust-Parchim",
            "Club funding of the county of Ludwigslust-Parchim",
        ),
        "Landkreis Ludwigslust-Parchim",
        "county",
        "grant",
        "county",
        ["sport", "kultur", "soziales", "heimat"],
        [],
        {"association"},
        ("200", "5000"),
        20,
        ("yearly", [(2, 28)]),
        (
            "Der Landkreis unterstützt Vereine mit Sitz im Kreis bei Projekten und Veranstaltungen.",
            "The county supports clubs based in the county with projects and events.",
        ),
        (
            "Projekte, Veranstaltungen und Jubiläen von Vereinen im Landkreis.",
            "Projects, events and anniversaries of clubs in the county.",
        ),
        "https://www.kreis-lup.de/",
    ),
    (
        "stadt-vereinsfoerderung",
        (
            "Vereinsförderung der Stadt Ludwigslust",
            "Club funding of the town of Ludwigslust",
        ),
        "Stadt Ludwigslust",
        "town",
        "grant",
        "town",
        ["sport", "kultur", "soziales", "umwelt", "heimat", "feuerwehr"],
        ["kinder", "jugendliche"],
        {"association", "initiative"},
        (None, "2500"),
        10,
        ("yearly", [(10, 31)]),
        (
            "Die Stadt fördert Vereine aus Ludwigslust, besonders die Arbeit mit Kindern und Jugendlichen.",
            "The town funds clubs from Ludwigslust, especially work with children and young people.",
        ),
        (
            "Laufende Vereinsarbeit, Jugendarbeit, Feste im Stadtgebiet.",
            "Ongoing club work, youth work, festivals in the town.",
        ),
        "https://www.stadtludwigslust.de/",
    ),
    (
        "aktion-mensch-mikro",
        ("Aktion Mensch: Mikroförderung", "Aktion Mensch: micro-funding"),
        "Aktion Mensch e. V.",
        "foundation",
        "grant",
        "nationwide",
        ["soziales", "gesundheit"],
        ["kinder", "jugendliche", "generationen"],
        {"association", "nonprofit"},
        (None, "5000"),
        None,
        ("rolling",),
        (
            "Geld für kleine Projekte, die Menschen mit und ohne Behinderung zusammenbringen.",
            "Money for small projects that bring people with and without disabilities together.",
        ),
        (
            "Inklusive Aktionen, Begegnungen, Ausflüge, barrierefreie Angebote.",
            "Inclusive activities, encounters, outings, accessible offers.",
        ),
        "https://www.aktion-mensch.de/",
    ),
    (
        "aktion-mensch-jugend",
        ("Aktion Mensch: Kinder- und Jugendhilfe", "Aktion Mensch: children and youth"),
        "Aktion Mensch e. V.",
        "foundation",
        "grant",
        "nationwide",
        ["soziales", "bildung"],
        ["kinder", "jugendliche"],
        {"association", "nonprofit"},
        ("5000", "150000"),
        10,
        ("rolling",),
        (
            "Größere Projekte für Kinder und Jugendliche, die Teilhabe verbessern.",
            "Larger projects for children and young people that improve participation.",
        ),
        (
            "Personal- und Sachkosten von Projekten über bis zu drei Jahre.",
            "Staff and material costs of projects over up to three years.",
        ),
        "https://www.aktion-mensch.de/",
    ),
    (
        "fernsehlotterie",
        (
            "Deutsche Fernsehlotterie: Projektförderung",
            "Deutsche Fernsehlotterie: project funding",
        ),
        "Deutsche Fernsehlotterie",
        "foundation",
        "grant",
        "nationwide",
        ["soziales", "gesundheit"],
        ["kinder", "jugendliche", "senioren"],
        {"association", "nonprofit"},
        ("5000", "300000"),
        10,
        ("rolling",),
        (
            "Geld für soziale Projekte, zum Beispiel für Kinder, Jugendliche und ältere Menschen.",
            "Money for social projects, for example for children, young people and older people.",
        ),
        (
            "Soziale Projekte, Investitionen, Modellprojekte.",
            "Social projects, investments, pilot projects.",
        ),
        "https://www.fernsehlotterie.de/",
    ),
    (
        "sparkassenstiftung",
        (
            "Ostdeutsche Sparkassenstiftung: Projektförderung",
            "East German savings bank foundation: project funding",
        ),
        "Ostdeutsche Sparkassenstiftung",
        "company",
        "grant",
        "land",
        ["kultur", "heimat"],
        [],
        {"association", "nonprofit", "public"},
        ("1000", "20000"),
        25,
        ("yearly", [(4, 30)]),
        (
            "Die Stiftung fördert Kunst, Kultur und Denkmalpflege in Ostdeutschland.",
            "The foundation funds art, culture and heritage in eastern Germany.",
        ),
        (
            "Ausstellungen, Konzerte, Restaurierungen.",
            "Exhibitions, concerts, restorations.",
        ),
        "https://www.ostdeutsche-sparkassenstiftung.de/",
    ),
    (
        "kinderhilfswerk",
        (
            "Kinder- und Jugendfonds des Deutschen Kinderhilfswerks",
            "Children and youth fund of the German Children's Fund",
        ),
        "Deutsches Kinderhilfswerk e. V.",
        "foundation",
        "grant",
        "nationwide",
        ["bildung", "umwelt", "kultur"],
        ["kinder", "jugendliche"],
        {"association", "initiative", "nonprofit", "public"},
        ("200", "5000"),
        None,
        ("fixed", [120]),
        (
            "Geld für Projekte, bei denen Kinder und Jugendliche selbst mitbestimmen.",
            "Money for projects in which children and young people have their say.",
        ),
        (
            "Beteiligungsprojekte, Spielräume, Kinderkultur.",
            "Participation projects, play spaces, children's culture.",
        ),
        "https://www.dkhw.de/",
    ),
    (
        "jugendfoerderung-mv",
        ("Jugendförderung des Landes MV", "Youth funding of the state of MV"),
        "Land Mecklenburg-Vorpommern",
        "land",
        "grant",
        "land",
        ["bildung", "sport", "kultur"],
        ["jugendliche"],
        {"association", "nonprofit"},
        ("500", "10000"),
        10,
        ("fixed", [45, 220]),
        (
            "Das Land fördert Jugendarbeit, Freizeiten und Bildungsangebote für junge Menschen.",
            "The state funds youth work, holiday camps and learning offers for young people.",
        ),
        (
            "Jugendfreizeiten, Jugendbildung, internationale Begegnungen.",
            "Youth camps, youth education, international exchanges.",
        ),
        "https://www.regierung-mv.de/",
    ),
    (
        "demokratie-leben",
        (
            "Demokratie leben!: Aktionsfonds der Partnerschaft für Demokratie",
            "Live Democracy!: action fund of the local partnership",
        ),
        "Bundesprogramm „Demokratie leben!“",
        "federal",
        "grant",
        "county",
        ["bildung", "soziales"],
        ["jugendliche", "generationen"],
        {"association", "initiative", "nonprofit", "public"},
        (None, "2000"),
        None,
        ("fixed", [30, 90, 150]),
        (
            "Kleine Beträge für Aktionen für Demokratie und Vielfalt im Landkreis.",
            "Small sums for activities for democracy and diversity in the county.",
        ),
        (
            "Workshops, Feste, Begegnungen, Jugendprojekte.",
            "Workshops, festivals, encounters, youth projects.",
        ),
        "https://www.demokratie-leben.de/",
    ),
    (
        "buergerpreis",
        ("Deutscher Bürgerpreis", "German Citizens' Prize"),
        "Deutscher Bürgerpreis",
        "foundation",
        "prize",
        "nationwide",
        [],
        ["jugendliche", "generationen"],
        {"association", "initiative", "individual"},
        (None, "10000"),
        None,
        ("yearly", [(6, 30)]),
        (
            "Ein Preis für Menschen und Vereine, die sich vorbildlich engagieren.",
            "A prize for people and clubs with outstanding volunteering.",
        ),
        (
            "Bereits laufendes Engagement (kein neues Projekt nötig).",
            "Volunteering that already runs (no new project needed).",
        ),
        "https://www.deutscher-buergerpreis.de/",
    ),
    (
        "startsocial",
        ("startsocial: Beratungsstipendien", "startsocial: consulting scholarships"),
        "startsocial e. V.",
        "foundation",
        "in_kind",
        "nationwide",
        ["soziales"],
        [],
        {"association", "initiative", "nonprofit"},
        (None, None),
        None,
        ("yearly", [(6, 15)]),
        (
            "Statt Geld gibt es drei Monate Beratung durch erfahrene Fachleute.",
            "Instead of money you get three months of advice from experienced professionals.",
        ),
        (
            "Beratung für soziale Projekte und Vereine.",
            "Consulting for social projects and clubs.",
        ),
        "https://startsocial.de/",
    ),
    (
        "landessportbund",
        (
            "Landessportbund MV: Vereinsförderung",
            "State sports federation MV: club funding",
        ),
        "Landessportbund Mecklenburg-Vorpommern e. V.",
        "land",
        "grant",
        "land",
        ["sport"],
        ["kinder", "jugendliche"],
        {"association"},
        ("250", "8000"),
        30,
        ("yearly", [(1, 31), (8, 31)]),
        (
            "Sportvereine bekommen Zuschüsse für Übungsleiter, Geräte und Sportstätten.",
            "Sports clubs get grants for coaches, equipment and sports grounds.",
        ),
        (
            "Übungsleiterpauschalen, Sportgeräte, Sanierung von Sportstätten.",
            "Coach allowances, sports equipment, repair of sports grounds.",
        ),
        "https://www.lsb-mv.de/",
    ),
    (
        "leader-kleinprojekte",
        (
            "LEADER: Kleinprojekte im Regionalbudget",
            "LEADER: small projects in the regional budget",
        ),
        "LEADER-Aktionsgruppe (Europäische Union)",
        "eu",
        "grant",
        "county",
        ["heimat", "umwelt", "kultur"],
        [],
        {"association", "initiative", "public"},
        ("1000", "20000"),
        20,
        ("fixed", [60]),
        (
            "Die EU fördert über die LEADER-Region kleine Projekte, die das Dorfleben stärken.",
            "Through the LEADER region, the EU funds small projects that strengthen village life.",
        ),
        (
            "Dorfplätze, Treffpunkte, Ausstattung für Vereinsheime.",
            "Village squares, meeting places, equipment for clubhouses.",
        ),
        "https://www.leader-in-mv.de/",
    ),
]

APPLICANT_FIELDS = {
    "association": "for_associations",
    "nonprofit": "for_nonprofits",
    "initiative": "for_initiatives",
    "individual": "for_individuals",
    "public": "for_public_bodies",
}


def load(context: DemoContext) -> None:
    index = directory_index(context, FundingIndexPage, INDEX, INTRO)
    categories = {c.slug: c for c in Category.objects.filter(locale=context.de)}
    groups = {g.slug: g for g in TargetGroup.objects.filter(locale=context.de)}
    created = 0
    for number, row in enumerate(GUIDES):
        page, is_new = _guide(index, categories, groups, number, row)
        created += is_new
        slug, titles, *_rest, summary, what, _link = row
        translate(
            page,
            context.en,
            {
                titles[0]: titles[1],
                summary[0]: summary[1],
                what[0]: what[1],
                STEPS[0]: STEPS[1],
                DOCUMENTS[0]: DOCUMENTS[1],
                f"{summary[0][:280]}": f"{summary[1][:280]}",
            },
        )
    if created:
        context.log(f"Created {created} funding guides.")


def _guide(index, categories, groups, number, row):
    (
        slug,
        titles,
        funder,
        level,
        kind,
        region,
        cats,
        tgs,
        applicants,
        amounts,
        own,
        deadlines,
        summary,
        what,
        link,
    ) = row
    existing = FundingGuidePage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    today = date.today()
    page = FundingGuidePage(
        slug=slug,
        title=titles[0],
        locale=index.locale,
        short_description=summary[0][:280],
        plain_summary=summary[0],
        funder_name=funder,
        funder_level=level,
        funding_kind=kind,
        region=region,
        what_is_funded=what[0],
        amount_min=Decimal(amounts[0]) if amounts[0] else None,
        amount_max=Decimal(amounts[1]) if amounts[1] else None,
        own_contribution=own,
        deadline_kind=deadlines[0],
        duration="bis zu 12 Monate" if kind == "grant" else "",
        application_steps=STEPS[0],
        documents=DOCUMENTS[0] if "association" in applicants else "",
        contact_name="Service-Telefon des Fördergebers",
        link=link,
        # Most were checked recently; two are due for a check (the flag shows).
        last_checked=today - timedelta(days=400 if number in (6, 12) else 20 + number),
        demo_values=True,
        show_in_menus=False,
        **{field: value in applicants for value, field in APPLICANT_FIELDS.items()},
    )
    page.categories = [categories[c] for c in cats if c in categories]
    page.target_groups = [groups[g] for g in tgs if g in groups]
    if deadlines[0] == "fixed":
        page.deadlines = [
            FundingDeadline(date=today + timedelta(days=d)) for d in deadlines[1]
        ]
    elif deadlines[0] == "yearly":
        page.deadlines = [FundingDeadline(month=m, day=d) for m, d in deadlines[1]]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True
