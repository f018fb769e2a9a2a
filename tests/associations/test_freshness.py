"""Freshness reminders: clubs are asked every few months whether their entry is
still correct, and confirm it with one click (GET asks, POST confirms)."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Revision

from engagement_hub.associations import freshness, representatives
from engagement_hub.associations.models import AssociationPage, FreshnessCheck
from engagement_hub.core.roles import setup_roles
from engagement_hub.mailings.models import Delivery
from tests.associations import factories as clubs

START = "2026-06-01 08:00 +02:00"


@pytest.fixture
def club(site_tree, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        index = clubs.association_index(site_tree["de"])
        page = clubs.association(
            index,
            "SV Schlosspark",
            slug="sv-schlosspark",
            contact_email="vorstand@sv-schlosspark.example",
            last_confirmed=date(2026, 1, 15),
        )
        en_index = index.copy_for_translation(site_tree["locales"][1])
        en_index.save_revision().publish()
        english = page.copy_for_translation(site_tree["locales"][1])
        english.title = "SV Schlosspark (en)"
        english.save_revision().publish()
    return page


def run(when, capture):
    with time_machine.travel(when, tick=False), capture(execute=True):
        return freshness.run()


def link_path(message) -> str:
    for line in message.body.splitlines():
        if "/vereinseintrag/bestaetigen/" in line or "/club-entry/confirm/" in line:
            return line[line.index("/", line.index("//") + 2) :].strip()
    raise AssertionError(message.body)


def test_contact_address_is_asked_once_per_interval_and_reminded_once(
    club, django_capture_on_commit_callbacks
):
    # Confirmed 2026-01-15: not due before 2026-04-15 (3 months).
    assert run("2026-04-10 08:00 +02:00", django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []

    run("2026-06-02 08:00 +02:00", django_capture_on_commit_callbacks)
    run("2026-06-02 09:00 +02:00", django_capture_on_commit_callbacks)
    run("2026-06-05 08:00 +02:00", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["vorstand@sv-schlosspark.example"]]
    first = mail.outbox[0]
    assert first.subject == "Ist Ihr Eintrag noch aktuell? SV Schlosspark"
    assert "Ja, noch aktuell" in first.body
    assert f"/admin/pages/{club.pk}/edit/" in first.body
    assert "15. Januar 2026" in first.body

    # The second reminder 14 days later, once.
    run("2026-06-15 08:00 +02:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    run("2026-06-16 08:00 +02:00", django_capture_on_commit_callbacks)
    run("2026-06-17 08:00 +02:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject.startswith("Erinnerung:")
    token = link_path(mail.outbox[1]).rstrip("/").rsplit("/", 1)[1]
    with time_machine.travel("2026-06-17 08:00 +02:00", tick=False):
        assert freshness.check_for_token(token) == FreshnessCheck.objects.get()

    # Still unanswered one interval later: a new check.
    run("2026-09-03 08:00 +02:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    assert FreshnessCheck.objects.count() == 2
    assert Delivery.objects.filter(status="sent").count() == 3


def test_representatives_get_it_in_their_language_instead_of_the_contact(
    club, django_capture_on_commit_callbacks
):
    setup_roles()
    User = get_user_model()
    anna = User.objects.create_user("anna", "anna@example.org", "x")
    ben = User.objects.create_user("ben", "ben@example.org", "x")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(ben)
    profile.preferred_language = "en"
    profile.save()
    representatives.grant(anna, club)
    representatives.grant(ben, club)
    run("2026-06-02 08:00 +02:00", django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"anna@example.org", "ben@example.org"}
    assert by_address["anna@example.org"].subject.startswith("Ist Ihr Eintrag")
    english = by_address["ben@example.org"]
    assert english.subject == "Is your entry still correct? SV Schlosspark (en)"
    assert "/en/club-entry/confirm/" in english.body
    en_page = club.get_translation(
        club.locale.__class__.objects.get(language_code="en")
    )
    assert f"/admin/pages/{en_page.pk}/edit/" in english.body


def test_link_get_asks_post_confirms_all_translations_once(
    club, client, django_capture_on_commit_callbacks
):
    run("2026-06-02 08:00 +02:00", django_capture_on_commit_callbacks)
    path = link_path(mail.outbox[0])
    revisions = Revision.objects.count()
    with time_machine.travel("2026-06-03 10:00 +02:00", tick=False):
        page = client.get(path)
        assert page.status_code == 200
        assert "Ja, noch aktuell" in page.content.decode()
        assert page["Cache-Control"].startswith("private")
        # A link scanner's GET changes nothing.
        assert not AssociationPage.objects.filter(last_confirmed=date(2026, 6, 3))
        done = client.post(path)
        assert done.status_code == 200
        assert "bestätigt" in done.content.decode()
    dates = set(
        AssociationPage.objects.filter(
            translation_key=club.translation_key
        ).values_list("last_confirmed", flat=True)
    )
    assert dates == {date(2026, 6, 3)}
    assert Revision.objects.count() == revisions  # no new revision
    latest = AssociationPage.objects.get(pk=club.pk).latest_revision
    assert latest.content["last_confirmed"] == "2026-06-03"
    # Publishing the latest revision keeps the date.
    latest.publish()
    assert AssociationPage.objects.get(pk=club.pk).last_confirmed == date(2026, 6, 3)

    with time_machine.travel("2026-06-04 10:00 +02:00", tick=False):
        again = client.post(path)
    assert again.status_code == 200
    assert "bereits bestätigt" in again.content.decode()
    assert FreshnessCheck.objects.get().confirmed_at is not None
    # Confirmed: no second reminder.
    run("2026-06-20 08:00 +02:00", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_bad_links_get_clear_pages(
    club, client, django_capture_on_commit_callbacks, language
):
    prefix = "vereinseintrag/bestaetigen" if language == "de" else "club-entry/confirm"
    broken = client.get(f"/{language}/{prefix}/nonsense/")
    assert broken.status_code == 404
    text = broken.content.decode()
    assert (
        "Dieser Link funktioniert nicht" if language == "de" else "does not work"
    ) in text
    assert client.post(f"/{language}/{prefix}/nonsense/").status_code == 404

    run("2026-06-02 08:00 +02:00", django_capture_on_commit_callbacks)
    path = link_path(mail.outbox[0])
    with time_machine.travel("2026-09-10 08:00 +02:00", tick=False):
        expired = client.get(path)
    assert expired.status_code == 410
    # A newer check replaces the old link.
    run("2026-09-03 08:00 +02:00", django_capture_on_commit_callbacks)
    with time_machine.travel("2026-09-04 08:00 +02:00", tick=False):
        assert client.post(path).status_code == 410
    assert AssociationPage.objects.get(pk=club.pk).last_confirmed == date(2026, 1, 15)


def test_entries_confirmed_recently_or_drafts_are_not_asked(
    site_tree, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        index = clubs.association_index(site_tree["de"])
        clubs.association(index, "Frisch", contact_email="a@example.org")
        draft = clubs.association(index, "Entwurf", contact_email="b@example.org")
        draft.unpublish()
    run("2026-07-01 08:00 +02:00", django_capture_on_commit_callbacks)
    assert mail.outbox == []
