"""The association directory: filters specific to clubs, freshness, query counts."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement_hub.core.models import Language
from engagement_hub.offers.scale import generate
from tests.associations import factories

URL = "/de/vereine/"


@pytest.fixture
def clubs(site_tree):
    home = site_tree["de"]
    terms = factories.terms(site_tree["locales"][0])
    index = factories.association_index(home)
    dgs = Language.objects.get(code="dgs")
    return {
        "schach": factories.association(
            index,
            "Schachclub",
            categories=[terms["kultur"]],
            target_groups=[terms["kinder"]],
            slots=[(1, time(16, 0))],
            min_age=6,
            max_age=14,
            membership_fee=Decimal("0"),
            looking_for_volunteers=True,
            district=terms["kummer"],
        ),
        "chor": factories.association(
            index,
            "Seniorenchor",
            categories=[terms["kultur"]],
            target_groups=[terms["senioren"]],
            languages=[dgs],
            slots=[(3, time(10, 0))],
            min_age=60,
            membership_fee=Decimal("60"),
            hearing_loop=True,
            last_confirmed=timezone.localdate() - timedelta(days=800),
        ),
        "home": home,
    }


def titles(response) -> set[str]:
    return {page.title for page in response.context["listing"].results}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Schachclub", "Seniorenchor"}),
        ("age=8", {"Schachclub"}),
        ("weekday=1&time=afternoon", {"Schachclub"}),
        ("weekday=3&time=afternoon", set()),
        ("cost=free", {"Schachclub"}),
        ("cost=low", {"Schachclub"}),
        ("volunteers=yes", {"Schachclub"}),
        ("language=dgs", {"Seniorenchor"}),
        ("accessibility=hearing-loop", {"Seniorenchor"}),
        ("district=kummer", {"Schachclub"}),
        ("target_group=senioren", {"Seniorenchor"}),
        ("q=chor", {"Seniorenchor"}),
    ],
)
def test_filters(client, clubs, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_outdated_clubs_are_flagged_in_the_list_and_on_their_page(client, clubs):
    listing = client.get(URL).content.decode()
    assert listing.count("outdated-badge") == 1
    page = client.get(clubs["chor"].url).content.decode()
    assert "outdated-notice" in page
    assert "outdated-notice" not in client.get(clubs["schach"].url).content.decode()


def test_query_count_does_not_grow_with_the_number_of_associations(client, clubs):
    url = URL + "?age=8&weekday=1&volunteers=yes"
    generate(clubs["home"], associations=48, offers=0)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    generate(clubs["home"], associations=950, offers=0)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.context["listing"].total >= 1
    assert len(small) == len(large)
