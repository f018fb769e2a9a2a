"""The newsletter's send form and report as the newsletter editors see them (in
German): how many subscribers in which language, what the readers of the English
translation get, the send button, a progress track from the first second, and
mailings named for people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from engagement_hub.core.roles import CITY_EDITORS, NEWSLETTER_EDITORS, setup_roles
from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    NewsletterIndexPage,
    NewsletterPage,
)

from .conftest import make_subscribers

pytestmark = pytest.mark.django_db


def role_client(client, name: str, group: str):
    setup_roles()
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def sender(client, issue):
    """A newsletter editor (the role's page permissions need the index first)."""
    return role_client(client, "nl", NEWSLETTER_EDITORS)


@pytest.fixture
def issue(hub):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    index.save_revision().publish()
    page = NewsletterPage(title="Ausgabe Mai", slug="mai", introduction="Hallo")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page):
    """The English translation through wagtail-localize, published."""
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(page)
    english = Locale.objects.get(language_code="en")
    source.create_or_update_translation(english, copy_parent_pages=True, fallback=True)
    translated = page.get_translation(english).specific
    translated.save_revision().publish()
    return translated


def send_url(page):
    return reverse("engagement_hub_mailings_admin:send", args=[page.pk])


def state_of(response, language: str) -> str:
    html = response.content.decode()
    marker = f'data-language="{language}" data-state="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_the_form_counts_the_recipients_per_language(sender, issue):
    make_subscribers(5)  # two of them read English
    make_subscribers(2, prefix="gone")
    from engagement_hub.mailings.models import Subscriber

    Subscriber.objects.filter(email__startswith="gone").update(status="unsubscribed")

    response = sender.get(send_url(issue))

    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "Diese Ausgabe geht an <strong>5</strong> Abonnentinnen und Abonnenten." in text
    )
    assert "Deutsch: 3" in text and "Englisch: 2" in text
    assert "An 5 Abonnentinnen und Abonnenten senden" in text


def test_the_count_follows_the_chosen_topics(sender, issue, topics):
    make_subscribers(4, prefix="sport", topics=[topics["sport"]])
    make_subscribers(3, prefix="kultur", topics=[topics["kultur"]])
    make_subscribers(1, prefix="all")  # no topic: gets every issue

    response = sender.post(
        send_url(issue),
        {"count": "1", "topics": [str(topics["sport"].translation_key)]},
    )

    assert response.status_code == 200 and not Mailing.objects.exists()
    text = response.content.decode()
    assert "<strong>5</strong>" in text
    # Counting is not sending: no "please confirm" error for the unticked box.
    assert "Pflichtfeld" not in text


def test_a_missing_translation_says_what_english_readers_get(sender, issue):
    make_subscribers(3)

    response = sender.get(send_url(issue))

    assert state_of(response, "en") == "missing"
    assert "es gibt keine Übersetzung. Sie erhalten die Ausgabe auf Deutsch." in (
        response.content.decode()
    )


def test_an_outdated_translation_is_named_with_the_change(sender, issue):
    make_subscribers(3)
    translate(issue)
    assert state_of(sender.get(send_url(issue)), "en") == "current"

    issue.introduction = "Hallo, neu"
    revision = issue.save_revision()
    revision.publish()
    NewsletterPage.objects.filter(pk=issue.pk).update(
        last_published_at=timezone.now() + timedelta(minutes=1)
    )

    response = sender.get(send_url(issue))
    assert state_of(response, "en") == "outdated"
    assert "Sie erhalten die Übersetzung ohne diese Änderungen." in (
        response.content.decode()
    )


def test_an_unpublished_translation_is_not_sent(sender, issue):
    make_subscribers(3)
    english = translate(issue)
    NewsletterPage.objects.filter(pk=english.pk).update(live=False)

    response = sender.get(send_url(issue))

    assert state_of(response, "en") == "unpublished"


def test_send_is_a_visible_primary_button(sender, issue):
    response = sender.get(send_url(issue))

    assert b'<button type="submit" class="button" name="send" value="1">' in (
        response.content
    )


def test_the_report_shows_the_track_before_the_worker_starts(sender, issue):
    make_subscribers(1234)

    # The start is published on commit; no worker runs here, as in the seconds
    # after pressing "send".
    response = sender.post(send_url(issue), {"confirm": "on"}, follow=True)

    mailing = Mailing.objects.get()
    assert mailing.status == Mailing.Status.DRAFT and not Delivery.objects.exists()
    text = response.content.decode()
    assert "0 von 1.234 erledigt, 1.234 warten." in text
    assert 'max="1234" value="0"' in text
    assert "wartet auf den Start" in text
    assert "Entwurf" not in text and "Gesamt: 0" not in text
    progress = sender.get(
        reverse("engagement_hub_mailings_admin:progress", args=[mailing.pk])
    ).json()
    assert progress["total"] == 1234 and progress["queued"] == 1234
    assert progress["expected"] is True


def test_the_report_polls_from_a_file_not_an_inline_script(sender, issue):
    make_subscribers(2)
    sender.post(send_url(issue), {"confirm": "on"})
    mailing = Mailing.objects.get()

    response = sender.get(
        reverse("engagement_hub_mailings_admin:report", args=[mailing.pk])
    )

    text = response.content.decode()
    assert "engagement_hub/mailings/admin/progress.js" in text
    assert "fetch(" not in text


def test_the_report_counts_the_deliveries_once_they_exist(
    sender, issue, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(send_url(issue), {"confirm": "on"})
    mailing = Mailing.objects.get()

    progress = sender.get(
        reverse("engagement_hub_mailings_admin:progress", args=[mailing.pk])
    ).json()

    assert progress["expected"] is False and progress["sent"] == 3
    assert progress["summary"] == "Fertig: 3 von 3 gesendet."


def test_mailings_are_listed_by_readable_names(sender, issue):
    from engagement_hub.mailings.subscriptions import request_subscription

    make_subscribers(1)
    sender.post(send_url(issue), {"confirm": "on"})
    request_subscription("neu@example.org", "de", [])

    text = sender.get(reverse("engagement_hub_mailings_admin:index")).content.decode()

    assert "Newsletter-Ausgabe: Ausgabe Mai" in text
    assert "Bestätigung der Newsletter-Anmeldung" in text
    assert "engagement_hub/mailings/email" not in text
    assert "mailings.confirmation" not in text


def test_the_failed_deliveries_panel_names_the_mailing(sender, issue):
    from engagement_hub.mailings.subscriptions import request_subscription

    request_subscription("neu@example.org", "de", [])
    Delivery.objects.update(status=Delivery.Status.FAILED)

    text = sender.get(reverse("wagtailadmin_home")).content.decode()

    assert "Bestätigung der Newsletter-Anmeldung (" in text
    assert "mailings.confirmation" not in text


def test_the_newsletter_editor_has_a_visible_send_button(sender, issue):
    response = sender.get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert f'href="{send_url(issue)}"' in text
    assert 'class="button eh-send-panel__button"' in text


def test_city_editors_see_no_send_button(client, issue):
    editor = role_client(client, "city", CITY_EDITORS)

    response = editor.get(send_url(issue))

    assert response.status_code in (302, 403)
