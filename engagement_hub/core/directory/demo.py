"""Demo building blocks every directory domain shares: places, districts, notes and
the index page with its translation."""

from __future__ import annotations

from engagement_hub.core.demo_tools import DemoContext, get_or_create_child, translate

DEMO_NOTE = (
    "Dies ist ein erfundener Demo-Eintrag.",
    "This is a fictional demo entry.",
)

DISTRICTS = ["innenstadt", "techentin", "hornkaten", "kummer", "niendorf", "weselsdorf"]

PLACES = [
    ("Bürgerhaus am Schloss", "Schlossstraße 1", "19288"),
    ("Sporthalle Techentin", "Am Sportplatz 3", "19288"),
    ("Gemeindehaus Hornkaten", "Hornkatener Weg 7", "19288"),
    ("Alte Schule Kummer", "Dorfstraße 12", "19288"),
    ("Vereinshaus Niendorf", "Lindenallee 5", "19288"),
    ("Dorfgemeinschaftshaus Weselsdorf", "Weselsdorfer Straße 2", "19288"),
]

PLACE_STRINGS = {
    "Bürgerhaus am Schloss": "Community centre by the palace",
    "Sporthalle Techentin": "Techentin sports hall",
    "Gemeindehaus Hornkaten": "Hornkaten parish hall",
    "Alte Schule Kummer": "Old school, Kummer",
    "Vereinshaus Niendorf": "Niendorf clubhouse",
    "Dorfgemeinschaftshaus Weselsdorf": "Weselsdorf village hall",
}

EXTRA_LANGUAGES = ["en", "pl", "uk", "ar", "ru", "dgs", "tr", "fa", "fr", "es", "vi"]

ACCESS_NOTE = (
    "Bitte melden Sie sich vorher, wir helfen gern.",
    "Please let us know beforehand, we are happy to help.",
)


def directory_index(context: DemoContext, model, index: tuple, intro: tuple):
    """A directory page in the main menu below the home page, with its English
    translation. ``index`` is (slug, German title, English title[, English slug]),
    ``intro`` the German and English introduction. Without an English slug, the
    English title gives one."""
    page = get_or_create_child(
        context.home,
        model,
        index[0],
        title=index[1],
        introduction=f"<p>{intro[0]}</p>",
        show_in_menus=True,
    )
    strings = {index[1]: index[2], intro[0]: intro[1]}
    if len(index) > 3:
        strings[index[0]] = index[3]
    translate(page, context.en, strings)
    return page
