"""Site search on the demo content: what residents type, and what they must find."""

import pytest
from pytest_django.asserts import assertContains

# (language, query, titles that must be among the results)
TABLE = [
    # Prefixes: a word finds the compounds it begins.
    ("de", "Sport", ["Fußballtraining", "Kinderturnen", "Helfer für das Sportfest"]),
    ("de", "Fußball", ["Fußballtraining"]),
    ("de", "Schwimm", ["Schwimmkurs für Anfänger", "Schwimmfreunde Ludwigslust"]),
    ("de", "lesepat", ["Lesepaten Ludwigslust", "Lesepatin oder Lesepate werden"]),
    # Taxonomy names: the category "Feuerwehr und Katastrophenschutz".
    (
        "de",
        "Feuerwehr",
        [
            "Förderverein Freiwillige Feuerwehr Ludwigslust",
            "Jugendfeuerwehr",
            "Kinderfeuerwehr",
            "Tag der offenen Tür",
        ],
    ),
    # Target groups and word forms ("Kinder", "Senioren").
    ("de", "Kinder", ["Kinderturnen", "Volkstanz für Kinder", "Hausaufgabenhilfe"]),
    ("de", "Senioren", ["Seniorengymnastik", "Brandschutz für Senioren"]),
    ("de", "Vereine", ["Vereine und Initiativen"]),
    # Several words: all of them, in any field.
    ("de", "Kultur Musik", ["Chor Schlossklang", "Offenes Singen"]),
    # A district.
    ("de", "Techentin", ["Turn- und Gymnastikverein Techentin"]),
    # An offer is found by its association's name.
    ("de", "Rampenlicht", ["Theatergruppe Rampenlicht", "Theaterkurs für Jugendliche"]),
    # A phrase.
    ("de", '"Tag der offenen Tür"', ["Tag der offenen Tür"]),
    ("de", "theater", ["Theatergruppe Rampenlicht", "Theaterkurs für Jugendliche"]),
    # English pages, English words.
    ("en", "sport", ["Football training", "Children's gymnastics"]),
    ("en", "Football", ["Football training"]),
    ("en", "children", ["Children's gymnastics", "Folk dance for children"]),
    ("en", "fire", ["Children's fire brigade", "Youth fire brigade"]),
    ("en", "swimming", ["Swimming for beginners", "Schwimmfreunde Ludwigslust"]),
    (
        "en",
        "older people",
        ["Exercise for older people", "Fire safety for older people"],
    ),
    ("en", "music", ["Open singing", "Try an instrument", "Chor Schlossklang"]),
    ("en", "clubs", ["Clubs and initiatives"]),
    # A club name is the same in both languages.
    (
        "en",
        "Rampenlicht",
        ["Theatergruppe Rampenlicht", "Theatre course for teenagers"],
    ),
]

SEARCH = {"de": "/de/suche/", "en": "/en/search/"}


def _all_titles(client, language, query) -> tuple[set[str], list]:
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    pages = list(response.context["results"])
    page_obj = response.context["page_obj"]
    while page_obj.has_next():
        response = client.get(
            SEARCH[language], {"q": query, "page": page_obj.next_page_number()}
        )
        pages += response.context["results"]
        page_obj = response.context["page_obj"]
    return {page.title for page in pages}, pages


@pytest.mark.parametrize(("language", "query", "expected"), TABLE)
def test_search_finds(demo_once, db, client, language, query, expected):
    titles, pages = _all_titles(client, language, query)

    assert set(expected) <= titles, f"{query!r} missed {set(expected) - titles}"
    assert {page.locale.language_code for page in pages} == {language}


@pytest.mark.parametrize(
    ("language", "query"),
    [("de", "Football"), ("en", "Fußball"), ("de", "Sportfestival"), ("en", "xyzzy")],
)
def test_search_does_not_find_other_languages_or_unknown_words(
    demo_once, db, client, language, query
):
    titles, _pages = _all_titles(client, language, query)

    assert titles == set()


def test_results_summarise_types_and_link_to_the_directories(demo_once, db, client):
    response = client.get("/de/suche/", {"q": "Sport"})

    summary = {item["label"]: item for item in response.context["summary"]}
    assert summary["Angebote"]["count"] == 5
    assert summary["Vereine"]["count"] == 7
    assertContains(
        response, '<a href="/de/angebote/?q=Sport">5 Angebote</a>', html=True
    )
    assertContains(response, '<a href="/de/vereine/?q=Sport">7 Vereine</a>', html=True)
    # Each result names its type, linking to its directory.
    assertContains(response, '<a href="/de/angebote/?q=Sport">Angebot</a>', html=True)
    english = client.get(SEARCH["en"], {"q": "sport"})
    assertContains(english, "5 offers</a>")


def test_renaming_a_category_updates_what_is_found(demo_once, db, client):
    from engagement_hub.core.models import Category

    category = Category.objects.get(slug="heimat", locale__language_code="de")
    assert _all_titles(client, "de", "Ortsgeschichte")[0] == set()

    category.name = "Ortsgeschichte und Heimat"
    category.save()

    assert "Heimatverein Ludwigslust" in _all_titles(client, "de", "Ortsgeschichte")[0]


def test_renaming_an_association_updates_its_offers(demo_once, db, client):
    from engagement_hub.associations.models import AssociationPage

    club = AssociationPage.objects.get(
        title="Schwimmfreunde Ludwigslust", locale__language_code="de"
    )
    club.title = "Wasserratten Ludwigslust"
    club.save_revision().publish()

    titles = _all_titles(client, "de", "Wasserratten")[0]
    assert {"Wasserratten Ludwigslust", "Schwimmkurs für Anfänger"} <= titles


def test_unpublished_pages_are_not_found(demo_once, db, client):
    from engagement_hub.offers.models import OfferPage

    for page in OfferPage.objects.filter(title="Fußballtraining"):
        page.unpublish()

    assert "Fußballtraining" not in _all_titles(client, "de", "Fußball")[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Sport\x00", "Zeichen, die nicht gesucht werden können"),
        ("Sport " + "x" * 10_000, "nur sein Anfang wurde gesucht"),
        ("?!… -- ;;", "Bitte geben Sie mindestens ein Wort oder eine Zahl ein."),
        ("\x00", "Bitte geben Sie mindestens ein Wort oder eine Zahl ein."),
    ],
)
def test_odd_queries_get_a_normal_page_with_a_message(
    demo_once, db, client, query, message
):
    response = client.get("/de/suche/", {"q": query})

    assert response.status_code == 200
    assertContains(response, message)
