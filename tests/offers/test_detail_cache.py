"""Offer and association pages: their content is cached and stays true when what
they show changes (core.directory.models.DirectoryEntry.cached_detail)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.offers import factories

# Wagtail's routing of an entry (site, locale, home, the directory, the entry in one
# query, view restrictions), the frame's hub settings, and for an association
# its offers (cached) and meetings (cached): nothing per relation of the page.
MAX_DETAIL_QUERIES = 10


def warm_queries(client, url: str) -> tuple[int, str]:
    # The first request creates the hub settings row (which renews the frame's
    # token): warm up twice.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_detail_pages_cost_at_most_ten_queries(client, directory):
    for url in (
        directory["pages"]["kinderturnen"].url,
        directory["pages"]["kinderturnen"].url + "?back=category%3Dsport",
        directory["club"].url,
    ):
        count, _html = warm_queries(client, url)
        assert count <= MAX_DETAIL_QUERIES, (url, count)


def test_offer_page_follows_its_own_and_its_associations_publishing(client, directory):
    offer = directory["pages"]["kinderturnen"]
    _count, html = warm_queries(client, offer.url)
    assert "Turnverein Techentin" in html

    offer.short_description = "Jetzt auch mit Trampolin."
    offer.save_revision().publish()
    assert "Jetzt auch mit Trampolin." in client.get(offer.url).content.decode()

    club = directory["club"]
    club.title = "TV Techentin 1890"
    club.save_revision().publish()
    assert "TV Techentin 1890" in client.get(offer.url).content.decode()

    club.unpublish()
    html = client.get(offer.url).content.decode()
    assert "TV Techentin 1890" not in html
    assert "Ein Angebot der Stadt" in html


def test_association_page_follows_its_offers_and_confirmation(client, directory):
    from datetime import date

    from engagement_hub.associations.models import AssociationPage

    club = directory["club"]
    _count, html = warm_queries(client, club.url)
    assert "Kinderturnen" in html

    factories.offer(directory["index"], "Eltern-Kind-Turnen", association=club)
    assert "Eltern-Kind-Turnen" in client.get(club.url).content.decode()

    directory["pages"]["kinderturnen"].unpublish()
    assert "Kinderturnen<" not in client.get(club.url).content.decode()

    # Confirming the entry sets the date in place, without a revision.
    AssociationPage.objects.filter(pk=club.pk).update(last_confirmed=date(2026, 3, 1))
    html = client.get(club.url).content.decode()
    assert "1. März 2026" in html or "March 1, 2026" in html


def test_back_link_is_per_request_not_shared(client, directory):
    url = directory["pages"]["kinderturnen"].url
    plain = client.get(url).content.decode()
    filtered = client.get(url + "?back=weekday%3D1").content.decode()
    assert 'href="/de/angebote/?weekday=1"' in filtered
    assert 'href="/de/angebote/?weekday=1"' not in plain
