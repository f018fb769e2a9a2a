"""The offer directory: filters, counts, sorting, pagination and bad input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement_hub.offers.scale import generate

URL = "/de/angebote/"


def titles(response) -> set[str]:
    return {item.title for item in response.context["listing"].results}


def counts(response, facet: str) -> dict[str, int]:
    view = next(v for v in response.context["listing"].facets if v.name == facet)
    return {option.value: option.count for option in view.options}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Kinderturnen", "Seniorensport", "Malkurs", "Helfen beim Fest"}),
        ("age=10", {"Kinderturnen", "Malkurs"}),
        ("age=0", {"Malkurs"}),
        ("weekday=1", {"Kinderturnen", "Seniorensport"}),
        ("weekday=1&time=afternoon", {"Kinderturnen"}),
        ("weekday=mo-fr", {"Kinderturnen", "Seniorensport", "Malkurs"}),
        ("weekday=mo-fr&time=morning", {"Seniorensport"}),
        (
            "weekday=mo-fr&weekday=5",
            {"Kinderturnen", "Seniorensport", "Malkurs", "Helfen beim Fest"},
        ),
        ("time=morning", {"Seniorensport", "Helfen beim Fest"}),
        ("cost=free", {"Kinderturnen", "Helfen beim Fest"}),
        ("cost=low", {"Kinderturnen", "Malkurs", "Helfen beim Fest"}),
        ("category=kultur", {"Malkurs", "Helfen beim Fest"}),
        (
            "category=kultur&category=sport",
            {"Kinderturnen", "Seniorensport", "Malkurs", "Helfen beim Fest"},
        ),
        ("target_group=kinder", {"Kinderturnen"}),
        ("kind=volunteering", {"Helfen beim Fest"}),
        ("kind=activity&kind=course", {"Malkurs"}),
        ("district=kummer", {"Seniorensport"}),
        ("accessibility=step-free", {"Kinderturnen"}),
        ("language=en", {"Malkurs"}),
        ("q=turnen", {"Kinderturnen"}),
        ("q=turnverein+kinder", {"Kinderturnen"}),
        ("q=KURS", {"Malkurs"}),
        # On the search index (search/listing.py): endings are taken off ...
        ("q=Kurse", {"Malkurs"}),
        # ... and an entry is found by the names of its terms and its place.
        ("q=sport", {"Kinderturnen", "Seniorensport"}),
        ("q=innenstadt", {"Kinderturnen"}),
        ('q="zum+testen"+turnen', {"Kinderturnen"}),
        ("age=10&weekday=1&time=afternoon&cost=free", {"Kinderturnen"}),
    ],
)
def test_filters(client, directory, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["listing"].total == len(expected)


def test_drafts_and_private_pages_are_not_listed(client, directory):
    response = client.get(URL)
    assert "Entwurf" not in titles(response)
    assert "Geheim" not in titles(response)


def test_counts_leave_out_their_own_facet(client, directory):
    response = client.get(f"{URL}?category=sport&weekday=1")
    # Topic counts: what each topic would add under the weekday filter.
    assert counts(response, "category") == {"sport": 2, "kultur": 0}
    # Weekday counts under the topic filter.
    assert counts(response, "weekday")["1"] == 2
    assert counts(response, "weekday")["2"] == 0
    # Time-of-day counts respect the chosen weekday on the same slot.
    assert counts(response, "time") == {"morning": 1, "afternoon": 1, "evening": 0}
    assert counts(response, "cost") == {"free": 1, "low": 1}


def test_monday_to_friday_is_one_choice_with_its_count(client, directory):
    response = client.get(f"{URL}?time=afternoon")
    assert counts(response, "weekday")["mo-fr"] == 1
    assert counts(client.get(URL), "weekday")["mo-fr"] == 3
    html = client.get(f"{URL}?weekday=mo-fr").content.decode()
    assert 'value="mo-fr" checked' in html
    assert "Montag bis Freitag" in html


def test_counts_and_status_are_rendered(client, directory):
    html = client.get(f"{URL}?category=kultur").content.decode()
    assert re.search(r'role="status">\s*2 ', html)
    assert 'value="kultur" checked' in html
    # The topic's disclosure is open and says how many are chosen; others closed.
    assert re.search(
        r"<details[^>]* open>\s*<summary>Thema <span[^>]*>\(1 ausgewählt\)", html
    )
    assert re.search(r"<details[^>]*>\s*<summary>Wochentag</summary>", html)
    assert '<legend class="visually-hidden">Thema</legend>' in html


def test_sorting(client, directory):
    response = client.get(f"{URL}?sort=title")
    assert [p.title for p in response.context["listing"].results][
        0
    ] == "Helfen beim Fest"
    response = client.get(f"{URL}?sort=age")
    assert [p.title for p in response.context["listing"].results][-1] == "Seniorensport"


def test_no_results_offers_links_that_remove_each_filter(client, directory):
    response = client.get(f"{URL}?kind=volunteering&district=kummer")
    listing = response.context["listing"]
    assert listing.total == 0
    removals = dict(listing.active_filters)
    assert len(removals) == 2
    for label, query in listing.active_filters:
        assert client.get(f"{URL}?{query}").context["listing"].total == 1, label
    assert "Nothing matches" in response.content.decode() or "Nichts passt" in (
        response.content.decode()
    )


BAD_INPUT = {
    "age-not-a-number": "age=abc",
    "age-negative": "age=-1",
    "age-too-high": "age=999",
    "unknown-category": "category=does-not-exist",
    "weekday-out-of-range": "weekday=9",
    "unknown-time": "time=midnight",
    "unknown-cost": "cost=expensive",
    "unknown-sort": "sort=bogus",
    "nul-byte": "category=%00",
    "ten-kilobytes": "q=" + "x" * 10_000,
    "five-hundred-words": "q=" + "+".join(["wort"] * 500),
}


@pytest.mark.parametrize("query", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_gives_a_normal_page_with_a_message(client, directory, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    if not query.startswith("q="):
        # The bad value is ignored, the listing still shows everything.
        assert response.context["listing"].total == 4


@pytest.mark.parametrize("number", ["abc", "0", "-3", ""])
def test_odd_page_numbers_show_the_first_page(client, directory, number):
    response = client.get(f"{URL}?page={number}")
    assert response.status_code == 200
    assert response.context["listing"].page_obj.number == 1


def test_unknown_values_are_dropped_and_the_rest_still_applies(client, directory):
    response = client.get(f"{URL}?category=nope&category=kultur&age=abc")
    assert titles(response) == {"Malkurs", "Helfen beim Fest"}
    html = response.content.decode()
    assert "nope" in html  # named in the notice


def test_page_beyond_the_end_is_404(client, directory):
    assert client.get(f"{URL}?page=99999").status_code == 404


def _listing_queries(client, url: str) -> int:
    """Queries of a warm request. The first request fills per-process caches and
    creates the hub settings row, which renews the frame's cache token; the second
    one fills the frame again."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?age=10&weekday=1&time=afternoon&cost=free&sort=newest", "?q=turnen"]
)
def test_query_count_does_not_grow_with_the_number_of_offers(client, directory, query):
    # The fixture's "Kinderturnen" matches every query, so the shown results have
    # the same shape at both sizes; the generator adds the bulk.
    home = directory["home"]
    generate(home, associations=10, offers=46)
    small = _listing_queries(client, URL + query)
    generate(home, associations=40, offers=950)
    large = _listing_queries(client, URL + query)
    assert small == large


def test_query_count_does_not_grow_with_the_page_size(client, directory, settings):
    generate(directory["home"], associations=5, offers=60)
    settings.ENGAGEMENT_HUB_PAGE_SIZE = 5
    few = _listing_queries(client, URL)
    settings.ENGAGEMENT_HUB_PAGE_SIZE = 50
    many = _listing_queries(client, URL)
    assert few == many


def test_detail_page_links_back_to_the_filtered_list(client, directory):
    listing = client.get(f"{URL}?weekday=1&time=afternoon").content.decode()
    link = re.search(r'href="(/de/angebote/kinderturnen/\?back=[^"]+)"', listing)
    assert link, "result links carry the filters"
    detail = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert 'href="/de/angebote/?weekday=1&amp;time=afternoon"' in detail


def test_back_link_cannot_point_elsewhere(client, directory):
    detail = client.get(
        "/de/angebote/kinderturnen/?back=next%3Dhttps%3A%2F%2Fevil.example"
    ).content.decode()
    assert "evil.example" not in detail


def test_association_page_lists_its_offers(client, directory):
    html = client.get(directory["club"].url).content.decode()
    assert 'href="/de/angebote/kinderturnen/"' in html
    assert "Seniorensport" not in html  # an offer of the city


def test_association_page_query_count_does_not_grow_with_its_offers(client, directory):
    from tests.offers import factories

    url = directory["club"].url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        factories.offer(directory["index"], f"Mehr {n}", association=directory["club"])
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Mehr 4" in html
    assert len(few) == len(many)


def test_full_text_uses_the_search_index_and_follows_publishing(client, directory):
    """The listing's ?q= is answered from the site search index (FTS5 on SQLite,
    tsvector and trigram GIN indexes on PostgreSQL), and a publish is found by the
    next search."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?q=turnen")
    assert titles(response) == {"Kinderturnen"}
    text_queries = [q["sql"] for q in queries if "search_searchentry" in q["sql"]]
    assert len(text_queries) == 1
    marker = "@@ to_tsquery" if connection.vendor == "postgresql" else "MATCH"
    assert marker in text_queries[0]

    page = directory["pages"]["malkurs"]
    page.short_description = "Malen und Turnen im Wechsel."
    page.save_revision().publish()
    assert titles(client.get(f"{URL}?q=turnen")) == {"Kinderturnen", "Malkurs"}
    page.unpublish()
    assert titles(client.get(f"{URL}?q=turnen")) == {"Kinderturnen"}


@pytest.mark.parametrize("query", ['"', "a'b", "x*", "ab", "-", "OR", "NEAR(a b)"])
def test_odd_full_text_gives_a_normal_page(client, directory, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
