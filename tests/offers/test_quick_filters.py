"""One-tap filters at the top of a listing: a tap sets its filters (keeping the
others), a second tap takes them away, and every link lands on the results."""

import re

import pytest

pytestmark = pytest.mark.django_db


def quick_links(html: str) -> dict[str, str]:
    block = html[html.index('class="quick-filters"') :]
    block = block[: block.index("</ul>")]
    return {
        re.sub(r"<[^>]+>", "", label).strip(): href.replace("&amp;", "&")
        for href, label in re.findall(
            r'<a class="quick-filter[^"]*" href="([^"]+)">(.*?)</a>', block
        )
    }


def test_quick_filters_add_and_remove_their_filters(client, directory):
    index = directory["index"]
    html = client.get(index.url, {"age": "10", "page": "1"}).content.decode()
    links = quick_links(html)
    assert links["Nachmittags unter der Woche"] == (
        f"{index.url}?age=10&weekday=mo-fr&time=afternoon#results-heading"
    )
    assert links["Kostenlos"] == f"{index.url}?age=10&cost=free#results-heading"

    url = links["Nachmittags unter der Woche"].split("#")[0]
    html = client.get(url).content.decode()
    links = quick_links(html)
    # Active now: said so for screen readers, and the link takes it away again.
    assert "Aktiv, zum Entfernen auswählen: Nachmittags unter der Woche" in links
    assert links["Aktiv, zum Entfernen auswählen: Nachmittags unter der Woche"] == (
        f"{index.url}?age=10#results-heading"
    )
    assert links["Kostenlos"] == (
        f"{index.url}?age=10&weekday=mo-fr&time=afternoon&cost=free#results-heading"
    )


def test_the_filter_form_lands_on_the_results(client, directory):
    html = client.get(directory["index"].url).content.decode()
    assert f'action="{directory["index"].url}#results-heading"' in html
