"""schema.org JSON-LD and Open Graph: correct types, the page's language, no XSS."""

import json
import re

import pytest

from tests.associations import factories as club_factories
from tests.offers import factories

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> dict:
    blocks = SCRIPT.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_association_is_an_organization_and_escaped(client, site_tree):
    index = club_factories.association_index(site_tree["de"])
    evil = 'Böse </script><script>alert("x")</script> & Co'
    club = club_factories.association(
        index,
        evil,
        slug="boese",
        contact_role="Vorstand",
        contact_email="vorstand@boese.example",
        founding_year=1990,
        website="https://boese.example.org/",
    )
    html = client.get(club.url).content.decode()
    assert "<script>alert" not in html
    data = json_ld(html)
    assert data["@type"] == "Organization"
    assert data["name"] == evil
    assert data["foundingDate"] == "1990"
    assert data["url"].startswith("http://") and data["url"].endswith(
        "/de/vereine/boese/"
    )
    assert data["contactPoint"] == {
        "@type": "ContactPoint",
        "contactType": "Vorstand",
        "email": "vorstand@boese.example",
    }
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:locale" content="de_DE">' in html


@pytest.mark.parametrize(
    ("kind", "schema_type"), [("course", "Course"), ("group", "Event")]
)
def test_offer_types_and_schedule(client, directory, kind, schema_type):
    from datetime import time

    offer = factories.offer(
        directory["index"],
        f"Angebot {kind}",
        kind=kind,
        association=directory["club"],
        slots=[(1, time(15, 0))],
        min_age=6,
        max_age=10,
    )
    data = json_ld(client.get(offer.url).content.decode())
    assert data["@type"] == schema_type
    assert data["inLanguage"] == "de"
    assert data["isAccessibleForFree"] is True
    assert data["audience"]["suggestedMinAge"] == 6
    schedule = (
        data["hasCourseInstance"]["courseSchedule"]
        if kind == "course"
        else data["eventSchedule"]
    )
    assert schedule[0]["byDay"] == "https://schema.org/Tuesday"
    assert schedule[0]["startTime"] == "15:00"
    organizer = data["provider"] if kind == "course" else data["organizer"]
    assert organizer["name"] == "Turnverein Techentin"
