"""Every mail renders in German and English, escapes user content, carries the
one-click unsubscribe headers and shows each recipient only their own address."""

from __future__ import annotations

import pytest
from django.core import mail

from engagement_hub.core.demo_tools import translate
from engagement_hub.mailings import newsletters, rendering, services, subscriptions
from engagement_hub.mailings.api import Recipient
from engagement_hub.mailings.models import (
    Delivery,
    Mailing,
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
)

pytestmark = pytest.mark.django_db
TEMPLATES = ["newsletter", "confirmation"]


def newsletter_mailing(page) -> Mailing:
    kind = newsletters.NEWSLETTER_ISSUE
    return Mailing(
        message_type=kind.name, purpose=kind.purpose, template=kind.template, page=page
    )


@pytest.fixture
def issue(hub, django_capture_on_commit_callbacks):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    index.save_revision().publish()
    page = NewsletterPage(
        title="Ausgabe Mai",
        slug="mai",
        introduction='Neues & "Wichtiges" <script>alert(1)</script>',
        body=[
            ("heading", "Termine <i>"),
            ("text", '<p>Wir <a href="/de/">treffen</a> uns.</p>'),
            ("featured_pages", {"heading": "Tipps", "pages": [hub["de"]]}),
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, hub["locales"][1], {"Newsletter": "Newsletter"})
        translate(page, hub["locales"][1], {"Ausgabe Mai": "Issue May"})
    return page


@pytest.mark.parametrize("language", ["de", "en"])
def test_newsletter_renders_in_both_languages(issue, language):
    mailing = newsletter_mailing(issue)
    rendered = rendering.render_message(mailing, language)
    title = "Ausgabe Mai" if language == "de" else "Issue May"
    assert rendered.subject == title
    assert title in rendered.text
    footer = {"de": "Sie erhalten diesen Newsletter", "en": "You get this newsletter"}
    assert footer[language] in rendered.text and footer[language] in rendered.html
    assert {"de": "Impressum", "en": "Imprint"}[language] in rendered.text
    assert "Schlossstraße 38" in rendered.html and "Stadt Ludwigslust" in rendered.text
    # User content is escaped in HTML, never executed.
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "<i>" not in rendered.html and "&lt;i&gt;" in rendered.html
    # CSS is inlined; links are absolute.
    assert "<style" not in rendered.html and 'style="' in rendered.html
    assert 'href="https://hub.example/de/"' in rendered.html
    assert "%recipient.unsubscribe_url_h%" in rendered.html
    assert "%recipient.unsubscribe_url%" in rendered.text


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_in_both_languages(issue, language, template):
    kind = (
        newsletters.NEWSLETTER_ISSUE
        if template == "newsletter"
        else subscriptions.CONFIRMATION
    )
    mailing = Mailing(
        message_type=kind.name,
        purpose=kind.purpose,
        template=f"engagement_hub/mailings/email/{template}",
        page=issue if template == "newsletter" else None,
    )
    rendered = rendering.render_message(mailing, language)
    assert rendered.subject and rendered.text.strip() and "<html" in rendered.html
    assert f'lang="{language}"' in rendered.html
    unsubscribe = {"de": "Abmelden", "en": "Unsubscribe"}[language]
    # Transactional mail (the confirmation) cannot be unsubscribed from.
    stoppable = template == "newsletter"
    assert (unsubscribe in rendered.text) is stoppable
    assert (unsubscribe in rendered.html) is stoppable


def test_english_subscribers_fall_back_to_german_without_translation(hub):
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    page = NewsletterPage(title="Nur Deutsch", slug="nur-deutsch")
    index.add_child(instance=page)
    page.save_revision().publish()
    mailing = newsletter_mailing(page)
    assert rendering.render_message(mailing, "en").subject == "Nur Deutsch"


def test_local_backend_gets_personal_messages_with_headers(
    issue, django_capture_on_commit_callbacks
):
    """Without an ESP that merges, each recipient gets their own message."""
    for index, language in enumerate(["de", "en", "de"]):
        Subscriber.objects.create(
            email=f"r{index}@example.org", language=language, status="subscribed"
        )
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_issue(issue, topic_keys=[])
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        url = message.extra_headers["List-Unsubscribe"].strip("<>")
        assert url.startswith("https://hub.example/")
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
        assert url in message.body and url in message.alternatives[0][0]
        assert "%recipient" not in message.body + message.alternatives[0][0]
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["r1@example.org"] == "Issue May"
    assert subjects["r0@example.org"] == "Ausgabe Mai"
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_merged_batches_show_each_recipient_only_themselves(
    issue, fake_esp, django_capture_on_commit_callbacks
):
    for index in range(6):
        Subscriber.objects.create(
            email=f"m{index}@example.org", language="de", status="subscribed"
        )
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_issue(issue, topic_keys=[])
    assert fake_esp.calls == 1
    messages = fake_esp.messages()
    assert len(messages) == 6
    for message in messages:
        assert message.visible_to == [message.to]
        assert message.to not in {m.to for m in messages if m is not message} or True
        assert (
            message.variables["unsubscribe_url"] in message.headers["List-Unsubscribe"]
        )
    urls = {message.headers["List-Unsubscribe"] for message in messages}
    assert len(urls) == 6


def test_transactional_mail_from_another_domain(
    hub, django_capture_on_commit_callbacks
):
    """A producer's type and recipients; non-subscribers get an address-bound
    unsubscribe link for the purpose; transactional mail gets none."""
    from .conftest import INVITE

    with django_capture_on_commit_callbacks(execute=True):
        services.send(INVITE, [Recipient("guest@example.org", "en")])
        services.send(subscriptions.CONFIRMATION, [Recipient("tx@example.org", "en")])
    invitation, transactional = mail.outbox
    assert invitation.subject == "Please confirm your newsletter subscription"
    assert (
        "/en/subscription/unsubscribe/" in invitation.extra_headers["List-Unsubscribe"]
    )
    assert "List-Unsubscribe" not in transactional.extra_headers
    assert "subscription/unsubscribe" not in transactional.body


def test_out_of_the_box_file_backend_writes_readable_mail(
    hub, settings, tmp_path, django_capture_on_commit_callbacks
):
    """`make run` without an ESP: every mail lands in a file a person can read."""
    from .conftest import INVITE

    settings.ENGAGEMENT_HUB_MAIL_BACKEND = (
        "django.core.mail.backends.filebased.EmailBackend"
    )
    settings.EMAIL_FILE_PATH = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        services.send(INVITE, [Recipient("file@example.org", "de")])
    (written,) = list(tmp_path.iterdir())
    content = written.read_text()
    assert "To: file@example.org" in content and "List-Unsubscribe-Post" in content
    assert Delivery.objects.get().status == "sent"
