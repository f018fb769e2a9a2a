"""The home page's ways in by life situation: links into the directories with their
filters, each with the number of entries the listing shows."""

import re

import pytest

pytestmark = pytest.mark.django_db

ENTRY = re.compile(
    r'<a class="entry-point__link" href="([^"]+)">\s*'
    r'<span class="entry-point__label">([^<]+)</span>\s*'
    r'(?:<span class="entry-point__count">(\d+) [^<]+</span>)?'
)


def entries(html: str) -> list[tuple[str, str, int | None]]:
    return [
        (url.replace("&amp;", "&"), label, int(count) if count else None)
        for url, label, count in ENTRY.findall(html)
    ]


@pytest.mark.parametrize(
    ("language", "families", "volunteer"),
    [
        ("de", "Für Kinder und Familien", "Ehrenamtlich helfen"),
        ("en", "For children and families", "Volunteer"),
    ],
)
def test_each_way_in_counts_what_its_listing_shows(
    demo_once, client, language, families, volunteer
):
    html = client.get(f"/{language}/").content.decode()
    found = entries(html)
    labels = [label for _, label, _ in found]
    assert families in labels and volunteer in labels
    assert len(found) >= 5
    for url, label, count in found:
        assert url.startswith(f"/{language}/"), (label, url)
        response = client.get(url)
        assert response.status_code == 200, (label, url)
        listing = response.context.get("listing")
        if count is None:
            continue
        assert listing is not None, (label, url)
        assert count == listing.total, (label, url)
    counted = {label: count for _, label, count in found}
    assert counted[families] > 0
    assert counted[volunteer] > 0
