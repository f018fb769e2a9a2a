"""The demo loads, in German and English, and its finder journey finds guides."""

from engagement_hub.funding.models import FundingGuidePage, FundingIndexPage


def test_demo_guides(demo, client):
    guides = FundingGuidePage.objects.filter(locale__language_code="de")
    assert 14 <= guides.count() <= 16
    english = FundingGuidePage.objects.filter(locale__language_code="en")
    assert english.count() == guides.count()
    assert all(g.demo_values for g in guides)
    index = FundingIndexPage.objects.get(locale__language_code="de")
    body = client.get(index.url).content.decode()
    assert "Förderlotse" in body
    finder = client.get(
        index.url + "finder/",
        {
            "group": "association",
            "topic": "jugendliche",
            "amount": "2.000",
            "when": "spring",
            "where": "town",
        },
    )
    assert finder.status_code == 200
    assert len(finder.context["results"]) >= 3
    guide = guides.get(slug="stadt-vereinsfoerderung")
    page = client.get(guide.url).content.decode()
    assert "Demo-Werte" in page
    english = FundingIndexPage.objects.get(locale__language_code="en")
    assert client.get(english.url + "finder/", {"amount": "2,000 €"}).status_code == 200
