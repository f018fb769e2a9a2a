"""The listing and the finder cost the same number of queries at two sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.funding import factories

FINDER = "finder/?group=association&amount=2000&when=spring&go=1"
PAGES = [
    ("index", ""),
    ("finder", FINDER),
    ("calendar", "calendar/"),
    ("guide", "jugendfonds/"),
]


def _count(client, url) -> int:
    client.get(url)  # warm
    # Twice: the very first request creates the hub settings, which renews the
    # token of the cached page parts.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow(client, funding):
    index = funding["index"]
    small = {name: _count(client, index.url + path) for name, path in PAGES}
    for number in range(30):
        factories.guide(funding["index"], f"Programm {number}", amount_max=5000)
    large = {name: _count(client, index.url + path) for name, path in PAGES}
    assert small == large
    assert max(large[name] for name in ("index", "finder", "calendar")) <= 12
    assert large["guide"] <= 10
