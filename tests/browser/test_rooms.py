"""Rooms in a real browser: every new page passes axe-core in German and English,
and the journey of the issue: find a step-free room for 30 people free next
Tuesday evening, request a weekly series, confirm the address from the mail
folder (the server's outbox), an editor approves it in the admin, the
confirmation's .ics parses."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
import pytest

pytestmark = pytest.mark.browser

ROOM = "rathaussaal"
# The English address of a German path redirects to the translation.
INDEX = {"de": "/de/raeume/", "en": "/en/raeume/"}


def next_tuesday() -> date:
    import holidays

    day = date.today() + timedelta(days=3)
    while day.weekday() != 1 or day in holidays.country_holidays("DE", subdiv="MV"):
        day += timedelta(days=1)
    return day


def outbox(tmp_path_factory, email: str) -> list[dict]:
    """The contexts of the deliveries to ``email`` in the server's database (its
    outbox is the mail folder: the server keeps mail in memory)."""
    import json

    url = os.environ.get("DATABASE_URL", "")
    query = (
        "SELECT d.context FROM engagement_hub_mailings_delivery d "
        "WHERE d.email = %s ORDER BY d.id"
    )
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base = url.rpartition("/")[0]
        with psycopg.connect(f"{base}/engagement_hub_browser_{os.getpid()}") as conn:
            rows = conn.execute(query, [email]).fetchall()
        return [
            row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows
        ]
    paths = tmp_path_factory.getbasetemp().glob("hub-server*/browser.sqlite3")
    path = max(paths, key=lambda p: p.stat().st_mtime)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(query.replace("%s", "?"), [email]).fetchall()
    return [json.loads(row[0]) for row in rows]


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("language", ["de", "en"])
def test_room_pages_have_no_axe_violations(page, assert_accessible, language):
    index = INDEX[language]
    tuesday = next_tuesday().isoformat()
    for url in (
        index,
        f"{index}?free_date={tuesday}&free_from=18:00&free_to=20:00&capacity=30",
        f"{index}?free_date=banana",
        f"{index}{ROOM}/",
        f"{index}{ROOM}/?view=week",
        f"{index}{ROOM}/request/",
        f"{index}{ROOM}/request/sent/",
        f"{index}{ROOM}/booking/1-forged/",
    ):
        response = page.goto(url)
        assert response.status == (404 if "forged" in url else 200), url
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)
    # The form with errors.
    page.goto(f"{index}{ROOM}/request/")
    page.locator("main form.room-request button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_sideways_scrolling(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for url in (INDEX["de"], f"{INDEX['de']}{ROOM}/", f"{INDEX['de']}{ROOM}/request/"):
        page.goto(url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (url, scroll)


def test_find_request_confirm_approve_ics(page, assert_accessible, tmp_path_factory):
    from tests.browser.conftest import ADMIN_USER

    tuesday = next_tuesday()
    email = f"journey-{os.getpid()}@example.org"
    # Find: step-free, 30 people, free next Tuesday 18:00-20:00 (no JavaScript needed).
    page.goto(INDEX["en"])
    form = page.locator("form.directory-filters")
    form.get_by_label("Free on this date").fill(tuesday.isoformat())
    form.locator("#filter-free-from").fill("18:00")
    form.locator("#filter-free-to").fill("20:00")
    # The facets are disclosures: open them first, as a person would.
    form.locator("summary", has_text="Room for").click()
    form.get_by_label("at least 30 people").check()
    form.locator("summary", has_text="Accessibility").click()
    form.get_by_label("Step-free access").check()
    form.get_by_role("button", name="Show results").click()
    page.wait_for_load_state()
    assert "free_date=" in page.url  # a shareable URL
    results = page.locator(".directory-list")
    assert results.get_by_role("link", name="Town hall assembly room").count() == 1
    # The seminar room is booked on Tuesday evenings in the demo.
    assert (
        results.get_by_role("link", name="Community centre, seminar room").count() == 0
    )
    results.get_by_role("link", name="Town hall assembly room").click()
    page.get_by_role("link", name="Request this room").click()
    # Request a weekly series.
    request = page.locator("form.room-request")
    request.get_by_label("Your name").fill("Erika Journey")
    request.get_by_label("Your email address").fill(email)
    request.get_by_label("or the name of your association").fill("Chor Ludwigslust")
    request.get_by_label("What do you plan?").fill("Chorprobe")
    request.get_by_label("Expected attendees").fill("30")
    request.locator("#id_day").fill(tuesday.isoformat())
    request.locator("#id_start").fill("18:00")
    request.locator("#id_end").fill("20:00")
    request.get_by_label("Every week").check()
    request.locator("#id_repeat_until").fill((tuesday + timedelta(weeks=3)).isoformat())
    request.get_by_label("I have read the usage rules").check()
    request.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/request/sent/")
    assert_accessible(page)
    # Confirm the address from the mail folder.
    [confirmation] = outbox(tmp_path_factory, email)
    page.goto(local(confirmation["confirm_url"]))
    assert_accessible(page)
    page.locator("main").get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your request is passed on"
    # An editor approves it in the admin.
    page.goto("/admin/login/")
    page.fill("input[name=username]", ADMIN_USER[0])
    page.fill("input[name=password]", ADMIN_USER[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto("/admin/room-requests/")
    page.get_by_role("row").filter(has_text="Erika Journey").get_by_role("link").click()
    page.locator("button[value=approve_all]").click()
    page.wait_for_load_state()
    assert page.locator("td", has_text="Booked").count() == 4 or (
        page.locator("td", has_text="Belegt").count() == 4
    )
    # The confirmation's .ics parses: four booked dates.
    decision = outbox(tmp_path_factory, email)[-1]
    manage = local(decision["manage_url"])
    response = page.request.get(manage + "ics/")
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    assert events[0].decoded("dtstart").date() == tuesday
    page.goto(manage)
    assert_accessible(page)
