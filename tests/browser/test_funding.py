"""Funding guides in a real browser, in German and English: every new page passes
axe-core, and the journey "registered association, youth project, 2,000 €, in
spring" -> matches with reasons -> reminders for one -> confirm from the mail
folder -> the reminder arrives when the clock reaches 28 days before the deadline.
"""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.browser.conftest import CHROMIUM_ARGS, LOCAL_HOSTS  # noqa: F401

pytestmark = pytest.mark.browser

PAGES = [
    ("index", "/{lang}/foerderung/"),
    ("guide", "/{lang}/foerderung/stadt-vereinsfoerderung/"),
    ("stale guide", "/{lang}/foerderung/fernsehlotterie/"),
    ("finder", "/{lang}/foerderung/finder/"),
    (
        "finder answers",
        "/{lang}/foerderung/finder/?group=association&topic=jugendliche&amount=2000"
        "&when=spring&go=1",
    ),
    ("finder errors", "/{lang}/foerderung/finder/?amount=-3&go=1"),
    ("calendar", "/{lang}/foerderung/calendar/"),
    ("alerts", "/{lang}/foerderung/alerts/"),
    ("alerts thanks", "/{lang}/foerderung/alerts/thanks/"),
    ("broken link", "/{lang}/foerderung/alerts/confirm/?token=broken"),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations(page, assert_accessible, language, name, url):
    page.goto(url.format(lang=language))
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("width", [320, 390])
def test_no_sideways_scrolling(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for url in ("/de/foerderung/calendar/", "/de/foerderung/finder/?amount=2000&go=1"):
        page.goto(url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (url, scroll)


JOURNEY = {
    "de": {
        "group": "Ein eingetragener Verein (e. V.)",
        "topic": "Jugendliche",
        "amount": "2.000 €",
        "when": "Im Frühling (März bis Mai)",
        "submit": "Passende Programme zeigen",
        "reason": "offen für eingetragene vereine",
        "remind": "Vor der Frist erinnern",
        "email": "Ihre E-Mail-Adresse",
        "send": "Bestätigungs-E-Mail senden",
        "thanks": "Fast geschafft",
        "confirm": "Ja, bitte erinnern Sie mich",
        "confirmed": "Erinnerungen bestätigt",
        "subject": "Förderfrist in 28 Tagen",
    },
    "en": {
        "group": "A registered association (e. V.)",
        "topic": "Young people",
        "amount": "2,000 €",
        "when": "In spring (March to May)",
        "submit": "Show matching programmes",
        "reason": "open to registered associations",
        "remind": "Remind me before the deadline",
        "email": "Your email address",
        "send": "Send me the confirmation email",
        "thanks": "Almost done",
        "confirm": "Yes, send me reminders",
        "confirmed": "Reminders confirmed",
        "subject": "Funding deadline in 28 days",
    },
}


def _mails(folder: Path) -> list:
    messages = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime):
        raw = path.read_bytes()
        # The file backend separates messages by a line of 79 dashes.
        for chunk in raw.split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(
                    email.message_from_bytes(chunk.strip(), policy=policy.default)
                )
    return messages


def _text(message) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part else ""


@pytest.fixture
def funding_site(
    transactional_db, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The core and funding demo in the test database, a mail folder, frozen clock."""
    from engagement_hub.core import demo as core_demo
    from engagement_hub.core.demo_tools import DemoContext
    from engagement_hub.funding import demo as funding_demo
    from home.demo import prepare_site

    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    settings.ENGAGEMENT_HUB_MAIL_BACKEND = None
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=True) as traveller:
        de, en, home = prepare_site()
        context = DemoContext(de=de, en=en, home=home)
        core_demo.load(context)
        funding_demo.load(context)
        yield {"mail": folder, "clock": traveller}


@pytest.fixture
def live_page(browser, live_server, settings):
    settings.ENGAGEMENT_HUB_MAIL_BASE_URL = live_server.url
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    problems: list[str] = []

    def guard(route):
        parts = urlsplit(route.request.url)
        if (
            parts.scheme in {"http", "https"}
            and (parts.hostname or "") not in LOCAL_HOSTS
        ):
            problems.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    context.on(
        "response", lambda r: r.status >= 500 and problems.append(f"{r.status} {r.url}")
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and problems.append(m.text),
    )
    yield page
    context.close()
    assert not problems, problems


@pytest.mark.parametrize("language", ["de", "en"])
def test_finder_subscribe_confirm_and_reminder(
    funding_site, live_page, assert_accessible, language
):
    from engagement_hub.funding import alerts
    from engagement_hub.funding.models import FundingGuidePage

    words = JOURNEY[language]
    page = live_page
    page.goto(f"/{language}/foerderung/finder/")
    form = page.locator("form.finder-form")
    form.get_by_label(words["group"]).check()
    form.get_by_label(words["topic"], exact=True).check()
    form.locator("input[name=amount]").fill(words["amount"])
    form.get_by_label(words["when"]).check()
    form.get_by_role("button", name=words["submit"]).click()
    page.wait_for_load_state()
    assert "group=association" in page.url  # shareable: the answers are in the address
    results = page.locator(".finder-list > li")
    assert results.count() >= 2
    reasons = page.locator(".finder-reason").all_inner_texts()
    assert all(words["reason"] in r.lower() for r in reasons)
    assert page.locator(".finder-exclusion").count() >= 1
    assert_accessible(page)
    # The first match has the next deadline; subscribe to its reminders.
    first = results.first.locator("h3 a")
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=words["remind"]).click()
    page.wait_for_load_state()
    assert_accessible(page)
    address = f"journey-{language}@example.org"
    page.get_by_label(words["email"]).fill(address)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name=words["send"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == words["thanks"]
    # Confirm from the mail folder.
    mails = [m for m in _mails(funding_site["mail"]) if m["To"] == address]
    assert len(mails) == 1
    link = re.search(r"(http://\S+/alerts/confirm/\?token=\S+)", _text(mails[0])).group(
        1
    )
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name=words["confirm"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == words["confirmed"]
    assert_accessible(page)
    # Move the clock to 28 days before the deadline and run the job (twice).
    guide = FundingGuidePage.objects.get(title=title, locale__language_code=language)
    deadline = guide.next_deadline
    before = deadline - timedelta(days=28)
    funding_site["clock"].move_to(f"{before.isoformat()} 08:00 +01:00")
    assert alerts.send_reminders() == 1
    assert alerts.send_reminders() == 0
    reminders = [
        m
        for m in _mails(funding_site["mail"])
        if m["To"] == address and words["subject"] in m["Subject"]
    ]
    assert len(reminders) == 1
    assert title in reminders[0]["Subject"]
