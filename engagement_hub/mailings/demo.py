"""Demo content of the newsletter: topics, the newsletter page and one sample issue
(German with English translations). No subscribers: those are real people's data."""

from __future__ import annotations

from engagement_hub.core.demo_tools import DemoContext, get_or_create_child, translate

from .models import NewsletterIndexPage, NewsletterPage, Topic

TOPICS = [
    # slug, German, English
    ("angebote", "Neue Angebote", "New offers"),
    ("termine", "Termine und Treffen", "Dates and meetups"),
    ("foerderung", "Förderungen", "Funding"),
]
INDEX = (
    "Newsletter",
    "Einmal im Monat: neue Angebote, Termine und Förderungen aus Ludwigslust.",
    "Once a month: new offers, dates and funding from Ludwigslust.",
)
ISSUE_STRINGS = {
    "Newsletter Dezember": "Newsletter December",
    "Was im Dezember in Ludwigslust los ist.": "What is on in Ludwigslust in December.",
    "Stammtisch der Vereine": "Meetup of the clubs",
    (
        "Am ersten Mittwoch im Monat treffen sich die Vereine im Rathaus. "
        "Neue Gesichter sind willkommen."
    ): (
        "The clubs meet in the town hall on the first Wednesday of the month. "
        "New faces are welcome."
    ),
    "Gut zu wissen": "Good to know",
}


def load(context: DemoContext) -> None:
    for order, (slug, name_de, name_en) in enumerate(TOPICS):
        topic, created = Topic.objects.get_or_create(
            locale=context.de,
            slug=slug,
            defaults={"name": name_de, "sort_order": order},
        )
        if created:
            context.log(f"Created newsletter topic {name_de}.")
        translate(topic, context.en, {name_de: name_en})
    index = get_or_create_child(
        context.home,
        NewsletterIndexPage,
        "newsletter",
        title=INDEX[0],
        introduction=INDEX[1],
        show_in_menus=True,
    )
    translate(index, context.en, {INDEX[1]: INDEX[2]})
    issue = get_or_create_child(
        index,
        NewsletterPage,
        "dezember",
        title="Newsletter Dezember",
        introduction="Was im Dezember in Ludwigslust los ist.",
        body=[
            ("heading", "Stammtisch der Vereine"),
            (
                "text",
                "<p>Am ersten Mittwoch im Monat treffen sich die Vereine im Rathaus. "
                "Neue Gesichter sind willkommen.</p>",
            ),
            ("featured_pages", {"heading": "Gut zu wissen", "pages": [context.home]}),
        ],
    )
    translate(issue, context.en, ISSUE_STRINGS)
