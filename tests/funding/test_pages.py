"""Pages, amounts, deadlines and the finder."""

import json
from datetime import date
from decimal import Decimal

import pytest

from engagement_hub.funding.amounts import AmountError, parse_amount
from engagement_hub.funding.deadlines import next_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000,50 €", Decimal("1000.50")),
        ("2.000", Decimal("2000")),
        ("2,000 €", Decimal("2000")),
        ("1,000.50", Decimal("1000.50")),
        ("2,5", Decimal("2.50")),
        ("2000 EUR", Decimal("2000")),
        ("1.234.567", Decimal("1234567")),
        ("", None),
    ],
)
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["-5", "abc", "99.999.999", "1.000,505"])
def test_bad_amounts(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_next_deadlines(funding):
    pages = funding["pages"]
    assert pages["jugend"].next_deadline == date(2027, 3, 15)
    assert pages["kultur"].next_deadline == date(2027, 1, 31)
    assert pages["mikro"].next_deadline is None  # any time
    assert pages["zu"].next_deadline is None  # closed
    assert pages["vorbei"].next_deadline is None
    assert next_deadline(pages["kultur"], date(2027, 2, 1)) == date(2028, 1, 31)


def test_index_and_guide_render(client, funding):
    response = client.get(funding["index"].url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Jugendfonds" in text and "Mikroförderung" in text
    guide = client.get(funding["pages"]["jugend"].url)
    assert guide.status_code == 200
    body = guide.content.decode()
    assert "15. März 2027" in body
    data = json.loads(
        body.split('type="application/ld+json">')[1].split("</script>")[0]
    )
    assert data["@type"] == "MonetaryGrant"
    assert data["amount"]["maxValue"] == "5000.00"


def test_listing_filters(client, funding):
    url = funding["index"].url
    found = client.get(url, {"applicant": "initiative"}).content.decode()
    assert "Mikroförderung" in found and "Jugendfonds" not in found
    found = client.get(url, {"deadline": "rolling"}).content.decode()
    assert "Mikroförderung" in found and "Kulturpreis" not in found
    found = client.get(url, {"amount": "x" * 10000}).status_code
    assert found == 200


def test_stale_flag(client, funding, settings):
    from datetime import timedelta

    guide = funding["pages"]["jugend"]
    guide.last_checked = date(2026, 1, 1)
    guide.save_revision().publish()
    body = client.get(guide.url).content.decode()
    assert "möglicherweise nicht mehr aktuell" in body or "may be out of date" in body
    settings.ENGAGEMENT_HUB_FUNDING_STALE_AFTER = timedelta(days=400)
    assert not type(guide).objects.get(pk=guide.pk).is_stale


def test_finder(client, funding):
    url = funding["index"].url + "finder/"
    response = client.get(
        url,
        {"group": "association", "topic": "sport", "amount": "2.000", "when": "spring"},
    )
    assert response.status_code == 200
    results = [m.guide.title for m in response.context["page_obj"].object_list]
    # sorted by the next deadline; any time last; closed/past/too big/other topic out
    assert results == ["Jugendfonds", "Mikroförderung"]
    first = response.context["page_obj"].object_list[0]
    assert "15. März 2027" in first.reason
    assert "5.000 €" in first.exclusion


def test_finder_bad_input(client, funding):
    url = funding["index"].url + "finder/"
    empty = client.get(url, {"go": "1"})
    assert empty.status_code == 200
    assert (
        "mindestens eine Frage" in empty.content.decode()
        or "at least one" in empty.content.decode()
    )
    bad = client.get(url, {"amount": "-5", "group": "nonsense"})
    assert bad.status_code == 400
    contradiction = client.get(url, {"group": "individual", "amount": "80.000"})
    assert contradiction.status_code == 400


def test_calendar_and_ical(client, funding):
    import icalendar

    index = funding["index"]
    page = client.get(index.url + "calendar/")
    assert page.status_code == 200
    assert "Kulturpreis" in page.content.decode()
    march = client.get(index.url + "calendar/", {"month": "2027-03"}).content.decode()
    assert "Jugendfonds" in march
    assert client.get(index.url + "calendar/", {"month": "2027-13"}).status_code == 400
    feed = client.get(index.url + "calendar/ical/")
    cal = icalendar.Calendar.from_ical(feed.content)
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any("Jugendfonds" in s for s in summaries)
    assert not any("Geschlossen" in s for s in summaries)
    one = icalendar.Calendar.from_ical(
        client.get(funding["pages"]["kultur"].url + "ical/").content
    )
    assert [e["dtstart"].dt for e in one.walk("VEVENT")] == [date(2027, 1, 31)]
