"""Site search: the active language only, paginated, robust against odd input."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from engagement_hub.core.models import StandardPage

WORD = "Kanuverein"


@pytest.fixture
def paddling_pages(site_tree, settings, django_capture_on_commit_callbacks):
    """Three German pages and one English page about a canoe club; two per page."""
    settings.ENGAGEMENT_HUB_PAGE_SIZE = 2
    home_de, home_en = site_tree["de"], site_tree["en"]
    # The search index is updated on commit.
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            page = StandardPage(
                title=f"{WORD} Paddeltour {number}",
                slug=f"paddeltour-{number}",
                introduction=f"Der {WORD} lädt zur Tour ein.",
            )
            home_de.add_child(instance=page)
            page.save_revision().publish()
        english = StandardPage(
            title=f"{WORD} canoe trip",
            slug="canoe-trip",
            introduction=f"The {WORD} invites you on a trip.",
        )
        home_en.add_child(instance=english)
        english.save_revision().publish()


def _titles(response) -> list[str]:
    return [result.title for result in response.context["results"]]


def test_results_are_in_the_active_language_only(paddling_pages, client):
    german = client.get("/de/suche/", {"q": WORD})
    english = client.get("/en/search/", {"q": WORD})

    assert german.context["page_obj"].paginator.count == 3
    assert all("Paddeltour" in title for title in _titles(german))
    assertContains(german, "3 Ergebnisse für „Kanuverein“")
    # Each result is shown as its page type, in the visitor's language.
    assert all(
        page.specific_class is StandardPage for page in german.context["results"]
    )
    assertContains(german, '<p class="meta">Standardseite</p>', html=True, count=2)
    assert _titles(english) == [f"{WORD} canoe trip"]
    assertContains(english, "1 result for “Kanuverein”")


def test_results_are_paginated(paddling_pages, client):
    first = client.get("/de/suche/", {"q": WORD})
    second = client.get("/de/suche/", {"q": WORD, "page": 2})

    assert len(_titles(first)) == 2
    assert len(_titles(second)) == 1
    assert set(_titles(first)).isdisjoint(_titles(second))
    assertContains(first, "Seite 1 von 2")
    assertContains(first, f'href="?q={WORD}&amp;page=2"')
    assertContains(second, f'href="?q={WORD}&amp;page=1"')


def test_page_that_is_not_a_number_shows_the_first_page(paddling_pages, client):
    response = client.get("/de/suche/", {"q": WORD, "page": "abc"})

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_page_beyond_the_last_is_a_useful_404(paddling_pages, client):
    response = client.get("/de/suche/", {"q": WORD, "page": 999})

    assert response.status_code == 404
    assertContains(
        response, "<h1>Seite nicht gefunden</h1>", html=True, status_code=404
    )
    assertContains(response, 'href="/de/suche/"', status_code=404)


def test_very_long_query_does_not_fail(paddling_pages, client):
    response = client.get("/de/suche/", {"q": f"{WORD} " + "x" * 10_000})

    assert response.status_code == 200
    assertContains(response, "Suchbegriff")


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_shows_the_form(site_tree, client, query):
    response = client.get("/de/suche/", {"q": query})

    assert response.status_code == 200
    assertContains(
        response,
        '<input id="search-page-query" type="search" name="q" value="">',
        html=True,
    )
    assertNotContains(response, 'role="status"')


@pytest.mark.parametrize("query", ["AND OR NOT", '"unbalanced', "a:b (c", "%_\\", "ü*"])
def test_query_syntax_characters_do_not_fail(site_tree, client, query):
    assert client.get("/de/suche/", {"q": query}).status_code == 200


def test_search_term_is_escaped(site_tree, client):
    response = client.get("/de/suche/", {"q": "<script>alert(1)</script>"})

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;")


def test_draft_pages_are_not_found(
    site_tree, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = StandardPage(title=f"{WORD} Entwurf", slug="entwurf", live=False)
        site_tree["de"].add_child(instance=draft)
        draft.save_revision()

    response = client.get("/de/suche/", {"q": WORD})

    assert response.context["page_obj"].paginator.count == 0


def test_quoted_phrase_is_searched_as_a_phrase(paddling_pages, client):
    found = client.get("/de/suche/", {"q": f'"{WORD} Paddeltour 1"'})
    assert _titles(found) == [f"{WORD} Paddeltour 1"]
    assert _titles(client.get("/de/suche/", {"q": '"Paddeltour Kanuverein"'})) == []


def test_query_count_does_not_grow_with_the_results(
    paddling_pages, client, settings, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ENGAGEMENT_HUB_PAGE_SIZE = 1
    client.get("/de/suche/", {"q": WORD})
    with CaptureQueriesContext(connection) as one_result:
        client.get("/de/suche/", {"q": WORD})

    settings.ENGAGEMENT_HUB_PAGE_SIZE = 3
    with django_assert_max_num_queries(len(one_result.captured_queries)):
        response = client.get("/de/suche/", {"q": WORD})
    assert len(_titles(response)) == 3


def test_repeated_search_is_cached_until_the_index_changes(
    paddling_pages, site_tree, client, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request creates the hub settings row, which renews the frame's
    # token: warm up twice.
    client.get("/de/suche/", {"q": WORD})
    client.get("/de/suche/", {"q": WORD})
    with CaptureQueriesContext(connection) as repeated:
        response = client.get("/de/suche/", {"q": WORD})
    assert response.context["page_obj"].paginator.count == 3
    assert not [q for q in repeated if "search_searchentry" in q["sql"]]

    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(title=f"{WORD} Winterpaddeln", slug="winterpaddeln")
        site_tree["de"].add_child(instance=page)
        page.save_revision().publish()
    response = client.get("/de/suche/", {"q": WORD})
    assert response.context["page_obj"].paginator.count == 4

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    response = client.get("/de/suche/", {"q": WORD})
    assert response.context["page_obj"].paginator.count == 3


@pytest.mark.services
def test_postgresql_search_understands_german_word_forms(
    site_tree, client, django_capture_on_commit_callbacks
):
    from tests.services import require_postgres

    require_postgres()
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(
            title="Mit den Sportvereinen der Stadt",
            slug="sportvereine",
            introduction="Alle Vereine, die Bewegung anbieten.",
        )
        site_tree["de"].add_child(instance=page)
        page.save_revision().publish()

    response = client.get("/de/suche/", {"q": "Sportverein"})

    assert _titles(response) == ["Mit den Sportvereinen der Stadt"]
