"""Demo site skeleton (locales, home pages, site) and the home page's content."""

from __future__ import annotations

from wagtail.models import Locale, Page, Site

from engagement_hub.core.demo_tools import DemoContext, translate

from .models import HomePage

HOME_TITLE = "Engagement in Ludwigslust"
HOME_TITLE_EN = "Volunteering in Ludwigslust"


def prepare_site(stdout=None) -> tuple[Locale, Locale, HomePage]:
    """German and English locales, a German home page with its site, English in sync."""
    de, _ = Locale.objects.get_or_create(language_code="de")
    en, _ = Locale.objects.get_or_create(language_code="en")
    _sync_english_from_german(de, en)
    root = Page.get_first_root_node() or _create_root(de)
    home = HomePage.objects.filter(locale=de, depth=2).first()
    if home is None:
        # Wagtail's migration creates a placeholder "Welcome" page; the hub replaces it.
        placeholder_ids = list(
            Page.objects.filter(depth=2, content_type__model="page").values_list(
                "pk", flat=True
            )
        )
        home = HomePage(title=HOME_TITLE, slug="startseite", locale=de)
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "site_name": "Engagement Hub Ludwigslust",
                "root_page": home,
            },
        )
        Page.objects.filter(pk__in=placeholder_ids).delete()
        # The English home first: every translated page below needs its parent.
        translate(home, en, {HOME_TITLE: HOME_TITLE_EN})
        if stdout is not None:
            stdout.write("Created the German home page and the site.")
    return de, en, home


def _create_root(locale: Locale) -> Page:
    """The tree root, as Wagtail's migration makes it (a flush removes it)."""
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _sync_english_from_german(de: Locale, en: Locale) -> None:
    from wagtail_localize.models import LocaleSynchronization

    LocaleSynchronization.objects.get_or_create(locale=en, defaults={"sync_from": de})


def load(context: DemoContext) -> None:
    """Fill the home page (runs after every domain, so it can feature their pages)."""
    home = context.home.specific
    if not home.body:
        legal = [
            child
            for child in home.get_children().live().specific()
            if child.slug in {"impressum", "barrierefreiheit"}
        ]
        home.body = [
            (
                "intro",
                {
                    "heading": "Willkommen im Engagement-Hub",
                    "text": (
                        "<p>Hier finden Sie die Vereine und Initiativen von "
                        "Ludwigslust, ihre Angebote, Räume und Fördermöglichkeiten.</p>"
                    ),
                },
            ),
            *_entry_points(home),
            *_domain_blocks(context),
            (
                "newsletter_signup",
                {
                    "heading": "Newsletter",
                    "text": "Einmal im Monat: neue Angebote, Termine und Förderungen.",
                },
            ),
            (
                "featured_pages",
                {"heading": "Gut zu wissen", "pages": legal},
            ),
        ]
        home.save_revision().publish()
        context.log("Filled the home page.")
        _translate_home(context, home)


def _translate_home(context: DemoContext, home) -> None:
    translate(
        home,
        context.en,
        {
            HOME_TITLE: HOME_TITLE_EN,
            "Willkommen im Engagement-Hub": "Welcome to the engagement hub",
            (
                "Hier finden Sie die Vereine und Initiativen von Ludwigslust, "
                "ihre Angebote, Räume und Fördermöglichkeiten."
            ): (
                "Find the clubs and initiatives of Ludwigslust, their offers, "
                "rooms and funding."
            ),
            "Newsletter": "Newsletter",
            "Einmal im Monat: neue Angebote, Termine und Förderungen.": (
                "Once a month: new offers, dates and funding."
            ),
            "Gut zu wissen": "Good to know",
            **ENTRY_POINTS_EN,
            **context.home_strings,
        },
        update=True,
    )


# Ways in by life situation: (label, text, slug of the page below home, filters).
ENTRY_POINTS = [
    (
        "Für Kinder und Familien",
        "Sport, Musik, Lernen und Spielen",
        "angebote",
        "target_group=kinder&target_group=familien",
    ),
    (
        "Für ältere Menschen",
        "Bewegung, Begegnung, Hilfe im Alltag",
        "angebote",
        "target_group=senioren",
    ),
    ("Neu in Ludwigslust", "Ankommen, Deutsch lernen, Leute treffen", "willkommen", ""),
    (
        "Ehrenamtlich helfen",
        "Wo Ihre Zeit gebraucht wird",
        "angebote",
        "kind=volunteering",
    ),
    (
        "Einen Raum finden",
        "Säle, Treffpunkte und Hallen für Ihren Verein",
        "raeume",
        "",
    ),
    (
        "Förderung finden",
        "Was Ihr Verein beantragen kann, und bis wann",
        "foerderung",
        "",
    ),
    ("Nächste Termine", "Vereinstreffen, Stammtisch und Feste", "treffen", ""),
]
ENTRY_POINTS_EN = {
    "Wie können wir helfen?": "How can we help?",
    "Für Kinder und Familien": "For children and families",
    "Sport, Musik, Lernen und Spielen": "Sport, music, learning and play",
    "Für ältere Menschen": "For older people",
    "Bewegung, Begegnung, Hilfe im Alltag": "Exercise, company, everyday help",
    "Neu in Ludwigslust": "New in Ludwigslust",
    "Ankommen, Deutsch lernen, Leute treffen": "Settle in, learn German, meet people",
    "Ehrenamtlich helfen": "Volunteer",
    "Wo Ihre Zeit gebraucht wird": "Where your time is needed",
    "Einen Raum finden": "Find a room",
    "Säle, Treffpunkte und Hallen für Ihren Verein": (
        "Halls and meeting rooms for your club"
    ),
    "Förderung finden": "Find funding",
    "Was Ihr Verein beantragen kann, und bis wann": (
        "What your club can apply for, and by when"
    ),
    "Nächste Termine": "Next dates",
    "Vereinstreffen, Stammtisch und Feste": "Club meetings, get-togethers and fêtes",
}


def _entry_points(home) -> list[tuple[str, dict]]:
    """The home page's ways in, to the directories the demo has."""
    pages = {page.slug: page for page in home.get_children().live()}
    items = [
        {"label": label, "text": text, "page": pages[slug], "query": query}
        for label, text, slug, query in ENTRY_POINTS
        if slug in pages
    ]
    if not items:
        return []
    return [("entry_points", {"heading": "Wie können wir helfen?", "items": items})]


def _domain_blocks(context: DemoContext) -> list[tuple[str, dict]]:
    """Blocks that domain demos asked for (featured offers, newest associations,
    ...)."""
    return list(context.home_blocks)
