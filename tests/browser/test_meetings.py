"""Meetings in a real browser, German and English: every new page passes axe; the
journey from the invitation mail (read from the mail folder) to the RSVP, the
confirmation with its .ics, the cancellation and the waiting list's move-up."""

from __future__ import annotations

import email
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest

from tests.browser.conftest import ROOT, _free_port
from tests.demo_snapshot import drop_database, migrate_and_restore, scratch_database

pytestmark = pytest.mark.browser

PAGES = [
    ("calendar", "/{lang}/treffen/"),
    ("calendar month", "/{lang}/treffen/?month=2023-12"),
    ("filtered", "/{lang}/treffen/?kind=club_meetup&accessible=1"),
    ("bad filter", "/{lang}/treffen/?kind=nope&month=x"),
    ("meeting", "/{lang}/treffen/vereinstreffen/"),
    ("meeting online", "/{lang}/treffen/willkommensstammtisch/"),
    ("club event", "/{lang}/treffen/offene-probe-chor/"),
    ("broken link", "/{lang}/treffen/rsvp/not-a-token/"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(page, assert_accessible, language, name, url):
    page.goto(url.format(lang=language))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_registration_form_and_its_errors(page, assert_accessible, language):
    page.goto(f"/{language}/treffen/vereinstreffen/")
    page.locator("main details summary").first.click()
    assert_accessible(page)
    page.locator("form.meeting-register button").first.click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_sideways_scrolling(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for url in ("/de/treffen/", "/de/treffen/vereinstreffen/"):
        page.goto(url)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > window.innerWidth + 1"
        )
        assert not overflow, url


# -- the journey, on a server that writes mail to a folder ------------------------


@pytest.fixture(scope="module")
def mail_server(tmp_path_factory, demo_snapshot_file):
    tmp_dir = tmp_path_factory.mktemp("meetings-server")
    folder = tmp_dir / "mail"
    folder.mkdir()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.settings_mail_folder",
        "DATABASE_URL": scratch_database(tmp_dir, "meetings_browser"),
        "MEDIA_ROOT": str(tmp_dir / "media"),
        "HUB_MAIL_FOLDER": str(folder),
        "HUB_BASE_URL": base_url,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    python = sys.executable
    migrate_and_restore(env, demo_snapshot_file)
    log = open(tmp_dir / "server.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            python,
            "manage.py",
            "runserver",
            "--noreload",
            "--insecure",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/health/", timeout=2):
                break
        except urllib.error.HTTPError:
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "server did not start:\n" + (tmp_dir / "server.log").read_text()
                )
            time.sleep(0.2)
    yield {"url": base_url, "folder": folder, "env": env}
    process.terminate()
    process.wait(timeout=20)
    log.close()
    drop_database(env["DATABASE_URL"])


def shell(server, code: str) -> dict:
    """Run ``code`` in the server's project (its database, its mail folder); it
    prints one JSON line."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=server["env"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def mails_to(folder: Path, address: str) -> list[email.message.EmailMessage]:
    """Every mail in the folder to ``address`` (Django's file backend writes one
    file per connection, messages separated by a line of dashes)."""
    found = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_text().split("-" * 79):
            chunk = chunk.strip()
            if not chunk:
                continue
            message = email.message_from_string(chunk, policy=policy.default)
            if address in (message["To"] or ""):
                found.append(message)
    return found


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def ics_of(message) -> icalendar.Calendar:
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            content = part.get_content()
            return icalendar.Calendar.from_ical(
                content if isinstance(content, bytes) else content.encode()
            )
    raise AssertionError("no .ics attached")


PREPARE = """
import json
from django.utils import timezone
from engagement_hub.meetings import invitations
from engagement_hub.meetings.models import MeetingPage
from engagement_hub.meetings.rsvp import counts
page = MeetingPage.objects.get(slug={slug!r}, locale__language_code="de")
date = page.occurrences.filter(
    status="scheduled", starts_at__gt=timezone.now()).order_by("starts_at").first()
date.capacity = counts(date)["yes"] + 1
date.save()
invitations.invite(date, invitations.AudienceChoice(
    addresses=[{address!r}], address_language={language!r}))
print(json.dumps({{"date": date.pk}}))
"""

WAIT = """
import json
from engagement_hub.meetings.rsvp import respond
outcome = respond({date}, {address!r}, answer="yes", language={language!r})
print(json.dumps({{"status": outcome.rsvp.status}}))
"""

TEXT = {
    "de": {
        "slug": "vereinstreffen",
        "save": "Antwort speichern",
        "no": "Nein, ich kann nicht kommen",
        "registered": "angemeldet",
        "declined": "abgesagt",
        "subject": "Einladung",
        "moved": "Sie haben einen Platz",
    },
    "en": {
        "slug": "willkommensstammtisch",
        "save": "Save my answer",
        "no": "No, I cannot come",
        "registered": "registered",
        "declined": "declined",
        "subject": "Invitation",
        "moved": "You have a place",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_journey_from_the_invitation_mail(
    browser, mail_server, assert_accessible, language
):
    words = TEXT[language]
    person = f"journey-{language}@example.org"
    waiting = f"waiting-{language}@example.org"
    date = shell(
        mail_server,
        PREPARE.format(slug=words["slug"], address=person, language=language),
    )["date"]
    (invitation,) = mails_to(mail_server["folder"], person)
    assert words["subject"] in invitation["Subject"]
    assert ics_of(invitation).walk("VEVENT")
    link = next(
        url
        for url in re.findall(r"https?://\S+", text_of(invitation))
        if "/rsvp/" in url and "answer=yes" in url
    )
    assert urlsplit(link).path.startswith(f"/{language}/")

    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("input[name=answer][value=yes]").is_checked()
    assert_accessible(page)
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").get_attribute("data-status") == "confirmed"
    assert_accessible(page)

    confirmation = mails_to(mail_server["folder"], person)[-1]
    event = ics_of(confirmation).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(f"meeting-date-{date}@")

    # the date is now full: the next one waits
    assert shell(
        mail_server, WAIT.format(date=date, address=waiting, language=language)
    ) == {"status": "waitlisted"}

    page.get_by_label(words["no"]).check()
    page.get_by_role("button", name=words["save"]).click()
    page.wait_for_load_state()
    assert page.locator("[data-status]").get_attribute("data-status") == "declined"
    context.close()

    (moved,) = [
        m
        for m in mails_to(mail_server["folder"], waiting)
        if words["moved"] in m["Subject"]
    ]
    assert ics_of(moved).walk("VEVENT")
