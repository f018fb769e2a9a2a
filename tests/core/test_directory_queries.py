"""The directory listings cost a fixed number of queries, whatever their size:
the same at 50 and at 5,000 offers, with an empty cache, after an editor publishes
one entry, and for a repeated request; detail pages stay small too."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement_hub.core.directory.listing import clear_local
from engagement_hub.offers.models import OfferPage

LISTINGS = [
    "/de/angebote/",
    "/de/angebote/?category=sport&age=10&weekday=1",
    "/de/angebote/?q=garten",
    "/de/angebote/?page=2",
    "/de/vereine/",
    "/de/vereine/?category=sport&weekday=1&volunteers=yes",
    "/de/vereine/?q=verein",
]
MAX_LISTING_QUERIES = 12
# Wagtail's routing (site, locale, home, the directory, the entry in one query,
# view restrictions) and the frame's settings; the content is cached
# (DirectoryEntry.cached_detail), an association's offers and meetings too.
MAX_DETAIL_QUERIES = 10


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def listing_counts(client) -> dict:
    """Per listing: queries with an empty cache, repeated, and after an editor
    published the first entry it shows (so that its card must be rendered again)."""
    from engagement_hub.associations.models import AssociationPage

    counts = {}
    for url in LISTINGS:
        cache.clear()
        clear_local()
        empty = count(client, url)
        warm = count(client, url)
        shown = client.get(url).context["listing"].results
        model = OfferPage if "angebote" in url else AssociationPage
        entry = model.objects.get(pk=shown[0].pk) if shown else model.objects.first()
        entry.short_description += " (geändert)"
        if getattr(entry, "kind", "") == "volunteering":
            entry.commitment = "regular"  # scale data leaves it empty
        entry.save_revision(clean=False).publish()
        published = count(client, url)
        counts[url] = {
            "empty cache": empty,
            "after publish": published,
            "warm": warm,
            "results": bool(shown),
        }
    return counts


@pytest.fixture
def scaled(site_tree):
    from engagement_hub.core import demo as core_demo
    from engagement_hub.core.demo_tools import DemoContext
    from engagement_hub.offers import scale

    de, en = site_tree["locales"]
    core_demo.load(DemoContext(de=de, en=en, home=site_tree["de"]))
    # The demo logo's rendition is made once, by the first page that shows it.
    from engagement_hub.core.models import HubSettings

    HubSettings.for_site(site_tree["de"].get_site()).logo.get_rendition("height-96")

    def grow(associations: int, offers: int) -> None:
        from search.index import rebuild

        scale.generate(site_tree["de"], associations, offers)
        rebuild()  # bulk inserts bypass publishing: the listings' ?q= index

    return grow


def test_listing_queries_do_not_grow_with_the_directory(client, scaled):
    scaled(10, 50)
    small = listing_counts(client)
    scaled(990, 4950)
    assert OfferPage.objects.live().count() >= 5000
    large = listing_counts(client)
    assert all(counts["results"] for counts in large.values())
    for url, counts in small.items():
        if counts["results"]:  # an empty page renders no cards: fewer queries
            assert large[url] == counts, url
    for url, counts in large.items():
        assert counts["warm"] <= MAX_LISTING_QUERIES, (url, counts)
        assert counts["after publish"] <= MAX_LISTING_QUERIES, (url, counts)


def test_detail_pages_stay_small(client, scaled):
    from engagement_hub.associations.models import AssociationPage

    scaled(10, 50)
    for model in (AssociationPage, OfferPage):
        page = model.objects.live().first()
        client.get(page.url)  # term names cached
        client.get(page.url + "?back=category%3Dsport")  # content cached
        assert count(client, page.url + "?back=category%3Dsport") <= MAX_DETAIL_QUERIES


def test_a_view_restriction_takes_an_entry_off_the_cached_listing_at_once(
    client, scaled
):
    from wagtail.models import PageViewRestriction

    scaled(2, 5)
    url = "/de/angebote/"
    shown = client.get(url).context["listing"].results
    offer = OfferPage.objects.get(pk=shown[0].pk)
    assert offer.title in client.get(url).content.decode()  # cached now

    restriction = PageViewRestriction.objects.create(
        page=offer, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    html = client.get(url).content.decode()
    assert offer.title not in html
    assert client.get(offer.url).status_code == 200  # the password form
    assert offer.short_description not in client.get(offer.url).content.decode()

    restriction.delete()
    assert offer.title in client.get(url).content.decode()
