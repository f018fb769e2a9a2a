"""Double opt-in, preferences and one-click unsubscribe, through the public pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from engagement_hub.mailings import tokens
from engagement_hub.mailings.models import Consent, Delivery, Mailing, Subscriber, Topic

pytestmark = pytest.mark.django_db


def subscribe_url(language: str = "de") -> str:
    with translation.override(language):
        return reverse("engagement_hub_mailings:subscribe")


def sign_up(client, email: str, capture, language: str = "de", **extra):
    data = {"email": email, "language": language, "consent": "on", **extra}
    with capture(execute=True):
        return client.post(subscribe_url(language), data, REMOTE_ADDR="10.0.0.1")


# The German paths of the newsletter's links (/de/newsletter-abo/bestaetigen/...).
GERMAN = {
    "confirm": "bestaetigen",
    "unsubscribe": "abmelden",
    "preferences": "einstellungen",
}


def link_in_last_mail(kind: str) -> str:
    match = re.search(
        rf"https://hub\.example(/\w\w/(?:subscription/{kind}|newsletter-abo/{GERMAN[kind]})/[^/\s]+/)",
        mail.outbox[-1].body,
    )
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_double_opt_in(client, hub, topics, django_capture_on_commit_callbacks):
    response = sign_up(
        client,
        "New@Example.org",
        django_capture_on_commit_callbacks,
        topics=[topics["sport"].pk],
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="new@example.org")
    assert subscriber.status == "pending"
    consent = Consent.objects.get(subscriber=subscriber)
    assert consent.requested_ip == "10.0.0.1" and consent.text_version
    # The confirmation went through the one pipeline: a mailing with a delivery.
    delivery = Delivery.objects.get(email="new@example.org")
    assert delivery.status == "sent" and delivery.mailing.status == "done"
    message = mail.outbox[-1]
    assert message.to == ["new@example.org"]
    assert "Bitte bestätigen" in message.subject
    # Transactional: no unsubscribe link or header (it cannot be stopped).
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/subscription/unsubscribe/" not in message.body
    assert "/newsletter-abo/abmelden/" not in message.body

    url = link_in_last_mail("confirm")
    page = client.get(url)  # what a link scanner does
    assert page.status_code == 200 and b"<button" in page.content
    assert Subscriber.objects.get(pk=subscriber.pk).status == "pending"
    confirmed = client.post(url, REMOTE_ADDR="10.0.0.2")
    assert confirmed.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "subscribed"
    consent.refresh_from_db()
    assert consent.confirmed_at and consent.confirmed_ip == "10.0.0.2"
    # The topics chosen at sign-up apply from the confirmation on.
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["sport"]
    # The link works once.
    assert client.post(url).status_code == 400


def test_a_confirmation_link_is_dead_after_one_click_unsubscribe(
    client, hub, django_capture_on_commit_callbacks
):
    sign_up(client, "once@example.org", django_capture_on_commit_callbacks)
    url = link_in_last_mail("confirm")
    assert client.post(url).status_code == 200
    subscriber = Subscriber.objects.get(email="once@example.org")
    token = tokens.make(tokens.UNSUBSCRIBE_SALT, s=subscriber.pk)
    with translation.override("de"):
        client.post(reverse("engagement_hub_mailings:unsubscribe", args=[token]))
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    assert Subscriber.objects.get(pk=subscriber.pk).status == "unsubscribed"


def test_an_older_request_cannot_confirm_after_unsubscribing(
    client, hub, django_capture_on_commit_callbacks
):
    """A request made before the subscription ended stays dead."""
    sign_up(client, "old@example.org", django_capture_on_commit_callbacks)
    first = link_in_last_mail("confirm")
    sign_up(client, "old@example.org", django_capture_on_commit_callbacks)
    second = link_in_last_mail("confirm")
    assert client.post(first).status_code == 400  # only the latest request
    assert client.post(second).status_code == 200


def test_the_same_answer_whatever_the_address_is(
    client, hub, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="known@example.org", status="subscribed")
    Subscriber.objects.create(email="pending@example.org")
    answers = {
        email: sign_up(client, email, django_capture_on_commit_callbacks)
        for email in ["known@example.org", "pending@example.org", "fresh@example.org"]
    }
    assert {(r.status_code, r["Location"]) for r in answers.values()} == {
        (302, answers["fresh@example.org"]["Location"])
    }
    # Every address gets the same mail (a subscribed one may confirm new topics)
    # and a subscribed one stays subscribed until it confirms.
    assert Delivery.objects.filter(email="known@example.org").count() == 1
    assert Subscriber.objects.get(email="known@example.org").status == "subscribed"


def test_sign_up_does_the_same_work_on_every_branch(hub):
    """No timing tells whether an address is known: every branch runs the same
    queries (a query count, not a stop watch)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagement_hub.mailings.subscriptions import request_subscription

    Subscriber.objects.create(email="known@example.org", status="subscribed")
    Subscriber.objects.create(email="pending@example.org")
    Subscriber.objects.create(email="gone@example.org", status="unsubscribed")
    shapes = {}
    for email in ["fresh@example.org", "known@example.org", "pending@example.org",
                  "gone@example.org"]:  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            request_subscription(email, "de", [])
        shapes[email] = [query["sql"].split(" ")[0] for query in queries]
    assert len({tuple(shape) for shape in shapes.values()}) == 1, shapes


def test_expired_confirmation_link_shows_a_clear_page(client, hub, settings):
    subscriber = Subscriber.objects.create(email="old@example.org")
    consent = Consent.objects.create(
        subscriber=subscriber, text="x", text_version="1", language="de"
    )
    token = tokens.make(tokens.CONFIRM_SALT, s=subscriber.pk, c=consent.pk)
    settings.ENGAGEMENT_HUB_NEWSLETTER_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    with translation.override("de"):
        url = reverse("engagement_hub_mailings:confirm", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert b"abgelaufen" in response.content
    assert Subscriber.objects.get(pk=subscriber.pk).status == "pending"


def test_a_forged_token_is_rejected(client, hub):
    with translation.override("en"):
        url = reverse("engagement_hub_mailings:confirm", args=["nonsense:token"])
    response = client.post(url)
    assert response.status_code == 400
    assert b"does not work" in response.content


def test_one_click_unsubscribe_without_cookies(hub):
    subscriber = Subscriber.objects.create(email="s@example.org", status="subscribed")
    token = tokens.make(tokens.UNSUBSCRIBE_SALT, s=subscriber.pk)
    with translation.override("de"):
        url = reverse("engagement_hub_mailings:unsubscribe", args=[token])
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).status == "subscribed"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get(pk=subscriber.pk).status == "unsubscribed"


def test_a_token_cannot_touch_another_subscriber(client, hub):
    mine = Subscriber.objects.create(email="mine@example.org", status="subscribed")
    other = Subscriber.objects.create(email="other@example.org", status="subscribed")
    token = tokens.make(tokens.UNSUBSCRIBE_SALT, s=mine.pk)
    # The other subscriber's payload with my token's timestamp and signature.
    other_payload = tokens.make(tokens.UNSUBSCRIBE_SALT, s=other.pk).split(":")[0]
    forged = ":".join([other_payload, *token.split(":")[1:]])
    preferences = tokens.make(tokens.PREFERENCES_SALT, s=mine.pk)
    with translation.override("de"):
        for url in (
            reverse("engagement_hub_mailings:unsubscribe", args=[forged]),
            # A preferences token is no unsubscribe token (and the other way round).
            reverse("engagement_hub_mailings:unsubscribe", args=[preferences]),
            reverse("engagement_hub_mailings:preferences", args=[token]),
        ):
            assert client.post(url, {"language": "en"}).status_code == 400
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"subscribed"}
    assert Subscriber.objects.get(pk=mine.pk).language == "de"


def test_preferences_change_topics_and_language(client, hub, topics):
    subscriber = Subscriber.objects.create(email="p@example.org", status="subscribed")
    token = tokens.make(tokens.PREFERENCES_SALT, s=subscriber.pk)
    with translation.override("en"):
        url = reverse("engagement_hub_mailings:preferences", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and b"Culture" in page.content
    culture_en = Topic.objects.get(slug="kultur", locale__language_code="en")
    response = client.post(url, {"language": "en", "topics": [culture_en.pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert list(subscriber.topics.values_list("slug", flat=True)) == ["kultur"]


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-address", "language": "de", "consent": "on"},
        {"email": "x@example.org", "language": "de"},  # no consent
        {"email": "x@example.org", "language": "xx", "consent": "on"},
        {
            "email": "x@example.org",
            "language": "de",
            "consent": "on",
            "topics": ["abc"],
        },
    ],
)
def test_bad_input_gets_the_form_again(client, hub, data):
    response = client.post(subscribe_url(), data)
    assert response.status_code == 400
    assert b"errorlist" in response.content
    assert not Subscriber.objects.exists()


def test_honeypot_pretends_success_and_stores_nothing(
    client, hub, django_capture_on_commit_callbacks
):
    response = sign_up(
        client,
        "bot@example.org",
        django_capture_on_commit_callbacks,
        website="http://spam",
    )
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not mail.outbox


def test_rate_limit_per_address(
    client, hub, settings, django_capture_on_commit_callbacks
):
    settings.ENGAGEMENT_HUB_NEWSLETTER_SIGNUP_RATE_PER_ADDRESS = 2
    codes = [
        sign_up(
            client, "many@example.org", django_capture_on_commit_callbacks
        ).status_code
        for _ in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Mailing.objects.count() == 2


def test_rate_limit_per_client(
    client, hub, settings, django_capture_on_commit_callbacks
):
    settings.ENGAGEMENT_HUB_NEWSLETTER_SIGNUP_RATE_PER_CLIENT = 2
    codes = [
        sign_up(
            client, f"c{n}@example.org", django_capture_on_commit_callbacks
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    last = sign_up(client, "c9@example.org", django_capture_on_commit_callbacks)
    assert b"Zu viele" in last.content or last.status_code == 429


def test_unconfirmed_sign_ups_expire(hub, settings):
    from engagement_hub.mailings.tasks import expire_pending_subscribers

    Subscriber.objects.create(email="late@example.org")
    Subscriber.objects.create(email="done@example.org", status="subscribed")
    settings.ENGAGEMENT_HUB_NEWSLETTER_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    assert expire_pending_subscribers() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "done@example.org"
    ]


def test_topic_choice_is_every_issue_or_the_chosen_topics(
    client, hub, topics, django_capture_on_commit_callbacks
):
    page = client.get(subscribe_url())
    html = page.content.decode()
    assert "Welche Ausgaben möchten Sie bekommen?" in html
    assert "Jede Ausgabe" in html and "Choose none" not in html
    capture = django_capture_on_commit_callbacks
    # "Only the topics I choose" without a topic: a clear message, nothing stored.
    response = sign_up(client, "a@example.org", capture, scope="topics")
    assert response.status_code == 400
    assert "Wählen Sie mindestens ein Thema" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert sign_up(client, "all@example.org", capture, scope="all").status_code == 302
    assert not Subscriber.objects.get(email="all@example.org").topics.exists()
    # A ticked topic means "only these", even if the preselected choice stayed.
    response = sign_up(
        client, "sport@example.org", capture, scope="all", topics=[topics["sport"].pk]
    )
    assert response.status_code == 302
    # The topics apply once the address is confirmed.
    with capture(execute=True):
        assert client.post(link_in_last_mail("confirm")).status_code == 200
    chosen = Subscriber.objects.get(email="sport@example.org").topics
    assert list(chosen.values_list("slug", flat=True)) == ["sport"]


def test_preferences_preselect_the_subscribers_choice(client, hub, topics):
    subscriber = Subscriber.objects.create(email="p@example.org", status="subscribed")
    token = tokens.make(tokens.PREFERENCES_SALT, s=subscriber.pk)
    url = reverse("engagement_hub_mailings:preferences", args=[token])
    assert _checked_scope(client.get(url)) == "all"
    subscriber.topics.set([topics["sport"]])
    assert _checked_scope(client.get(url)) == "topics"


def _checked_scope(response) -> str:
    (value,) = re.findall(
        r'<input type="radio" name="scope" value="(\w+)"[^>]* checked',
        response.content.decode(),
    )
    return value
