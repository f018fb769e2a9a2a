"""The listing and the finder cost the same number of queries at two sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.funding import factories

FINDER = "finder/?group=association&amount=2000&when=spring&go=1"


def _count(client, url) -> int:
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_do_not_grow(client, funding):
    index = funding["index"]
    small = {
        name: _count(client, index.url + path)
        for name, path in [("index", ""), ("finder", FINDER), ("calendar", "calendar/")]
    }
    for number in range(30):
        factories.guide(funding["index"], f"Programm {number}", amount_max=5000)
    large = {
        name: _count(client, index.url + path)
        for name, path in [("index", ""), ("finder", FINDER), ("calendar", "calendar/")]
    }
    assert small == large
    assert large["index"] <= 12 and large["finder"] <= 15
