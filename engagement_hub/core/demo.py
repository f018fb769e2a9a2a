"""Demo content of the core app: taxonomy and the legal pages, German and English."""

from __future__ import annotations

from django.utils import timezone

from engagement_hub.core.demo_tools import DemoContext, get_or_create_child, translate

from .models import Category, District, HubSettings, StandardPage, TargetGroup

CATEGORIES = [
    # slug, German, English
    ("sport", "Sport und Bewegung", "Sports and exercise"),
    ("kultur", "Kultur und Musik", "Culture and music"),
    ("soziales", "Soziales und Nachbarschaft", "Social and neighbourhood"),
    ("umwelt", "Umwelt und Natur", "Environment and nature"),
    ("bildung", "Bildung und Sprache", "Education and language"),
    ("gesundheit", "Gesundheit und Pflege", "Health and care"),
    ("heimat", "Heimat und Geschichte", "Local history and heritage"),
    (
        "feuerwehr",
        "Feuerwehr und Katastrophenschutz",
        "Fire brigade and civil protection",
    ),
]

TARGET_GROUPS = [
    # slug, German, English, min age, max age
    ("kinder", "Kinder", "Children", 0, 12),
    ("jugendliche", "Jugendliche", "Young people", 13, 17),
    ("familien", "Familien", "Families", None, None),
    ("erwachsene", "Erwachsene", "Adults", 18, None),
    ("senioren", "Seniorinnen und Senioren", "Older people", 60, None),
    ("neuzugezogene", "Neu Zugezogene", "Newcomers", None, None),
    ("generationen", "Alle Generationen", "All generations", None, None),
]

DISTRICTS = [
    ("innenstadt", "Innenstadt", "Town centre"),
    ("techentin", "Techentin", "Techentin"),
    ("hornkaten", "Hornkaten", "Hornkaten"),
    ("kummer", "Kummer", "Kummer"),
    ("niendorf", "Niendorf", "Niendorf"),
    ("weselsdorf", "Weselsdorf", "Weselsdorf"),
]

LEGAL_PAGES = [
    # slug, (German, English title), (German, English introduction), generated text
    (
        "impressum",
        ("Impressum", "Imprint"),
        (
            "Angaben gemäß § 5 DDG. Dies ist eine Demonstrationsseite mit "
            "erfundenen Inhalten.",
            "Information according to § 5 DDG. This is a demonstration site with "
            "fictional content.",
        ),
        StandardPage.LEGAL_IMPRINT,
    ),
    (
        "datenschutz",
        ("Datenschutzerklärung", "Privacy policy"),
        (
            "Wie wir mit Ihren Daten umgehen, wenn Sie diese Website nutzen.",
            "How we handle your data when you use this website.",
        ),
        StandardPage.LEGAL_PRIVACY,
    ),
    (
        "barrierefreiheit",
        ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
        (
            "Wir möchten diese Website nach BITV 2.0 barrierefrei zugänglich machen.",
            "We aim to make this website accessible according to BITV 2.0.",
        ),
        StandardPage.LEGAL_ACCESSIBILITY,
    ),
]


def load(context: DemoContext) -> None:
    _load_terms(context, Category, [(s, de, en, {}) for s, de, en in CATEGORIES])
    _load_terms(
        context,
        TargetGroup,
        [
            (s, de, en, {"min_age": lo, "max_age": hi})
            for s, de, en, lo, hi in TARGET_GROUPS
        ],
    )
    _load_terms(context, District, [(s, de, en, {}) for s, de, en in DISTRICTS])
    pages = {
        slug: _load_legal_page(context, slug, titles, texts, legal)
        for slug, titles, texts, legal in LEGAL_PAGES
    }
    hub, _ = HubSettings.objects.get_or_create(site=context.home.get_site())
    if hub.imprint_page_id is None:
        hub.organisation_name = "Stadt Ludwigslust"
        hub.contact_email = "engagement@ludwigslust.example"
        hub.contact_phone = "03874 000000"
        hub.postal_address = "Schlossstraße 38\n19288 Ludwigslust"
        hub.imprint_page = pages["impressum"]
        hub.privacy_page = pages["datenschutz"]
        hub.accessibility_page = pages["barrierefreiheit"]
        hub.newsletter_sender_name = "Engagement-Hub Ludwigslust"
        hub.newsletter_sender_email = "newsletter@ludwigslust.example"
        hub.represented_by = "Bürgermeister Max Mustermann (erfundene Person)"
        hub.legal_form = "Körperschaft des öffentlichen Rechts"
        hub.supervisory_authority = (
            "Landkreis Ludwigslust-Parchim, Kommunalaufsicht, Putlitzer Straße 25, "
            "19370 Parchim"
        )
        hub.data_protection_officer = (
            "Behördliche Datenschutzbeauftragte der Stadt Ludwigslust, "
            "datenschutz@ludwigslust.example"
        )
        hub.accessibility_checked_on = timezone.localdate()
        hub.accessibility_gaps = (
            "PDF-Dokumente von Vereinen sind teilweise nicht barrierefrei; "
            "auf Anfrage senden wir den Inhalt als Text.\n"
            "Es gibt noch keine Inhalte in Leichter Sprache und Gebärdensprache."
        )
        hub.save()
    if hub.logo_id is None:
        hub.logo = demo_logo()
        if hub.logo is not None:
            hub.save(update_fields=["logo"])
            context.log("Created the demo logo.")


def demo_logo():
    """A made-up town mark for the demo (a shield with a palace roof and an "L"),
    drawn here so that the demo needs no file and fetches nothing. Not the town's
    coat of arms: a real site uploads its own in Settings -> Hub settings."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images import get_image_model

    from .brand import DEFAULT_ACCENT, DEFAULT_PRIMARY

    size = 192
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    shield = [(20, 12), (172, 12), (172, 100), (96, 182), (20, 100)]
    draw.polygon(shield, fill="#ffffff")
    inner = [(32, 24), (160, 24), (160, 96), (96, 166), (32, 96)]
    draw.polygon(inner, fill=DEFAULT_PRIMARY)
    draw.polygon([(52, 70), (96, 38), (140, 70)], fill=DEFAULT_ACCENT)  # the roof
    draw.rectangle([(60, 70), (132, 78)], fill="#ffffff")
    draw.rectangle([(84, 88), (96, 136)], fill="#ffffff")  # the "L"
    draw.rectangle([(84, 124), (116, 136)], fill="#ffffff")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root is None:  # a database without Wagtail's root collection (some tests)
        return None
    image = get_image_model()(title="Demo-Logo (kein echtes Wappen)", collection=root)
    image.file = ImageFile(buffer, name="demo-logo.png")
    image.save()
    return image


def _load_terms(context: DemoContext, model, rows) -> None:
    for order, (slug, name_de, name_en, extra) in enumerate(rows):
        term, created = model.objects.get_or_create(
            locale=context.de,
            slug=slug,
            defaults={"name": name_de, "sort_order": order, **extra},
        )
        if created:
            context.log(f"Created {model._meta.verbose_name} {name_de}.")
        translate(term, context.en, {name_de: name_en})


def _load_legal_page(context: DemoContext, slug, titles, texts, legal) -> StandardPage:
    page = get_or_create_child(
        context.home,
        StandardPage,
        slug,
        title=titles[0],
        introduction=texts[0],
        legal_template=legal,
        show_in_menus=False,
    )
    translate(page, context.en, {titles[0]: titles[1], texts[0]: texts[1]})
    return page
