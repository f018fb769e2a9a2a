"""Fixtures of the mailings tests: the fake ESP, subscribers, a site with settings."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from engagement_hub.mailings.api import INVITATION, MessageType, register
from engagement_hub.mailings.models import Subscriber, Topic
from engagement_hub.mailings.testing.fake_esp import FakeESP

# A producer's message type as meetings would register it (the confirmation's
# template set stands in for its own).
INVITE = register(
    MessageType(
        name="tests.invitation",
        template="engagement_hub/mailings/email/confirmation",
        purpose=INVITATION,
        reason=_("You get this email because of your contact with the hub."),
    )
)


@pytest.fixture
def fake_esp(settings):
    """A fake Mailgun API; the engine sends to it through anymail."""
    with FakeESP() as esp:
        settings.ENGAGEMENT_HUB_MAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
        settings.ANYMAIL = {**esp.anymail_settings(), "WEBHOOK_SECRET": "hook:secret"}
        yield esp


@pytest.fixture
def hub(site_tree, settings):
    """The site with its hub settings (sender, imprint) filled in."""
    from engagement_hub.core.demo_tools import get_or_create_child
    from engagement_hub.core.models import HubSettings, StandardPage

    settings.ENGAGEMENT_HUB_MAIL_BASE_URL = "https://hub.example"
    site = site_tree["de"].get_site()
    imprint = get_or_create_child(
        site_tree["de"], StandardPage, "impressum", title="Impressum"
    )
    HubSettings.objects.update_or_create(
        site=site,
        defaults={
            "organisation_name": "Stadt Ludwigslust",
            "postal_address": "Schlossstraße 38\n19288 Ludwigslust",
            "newsletter_sender_name": "Engagement-Hub",
            "newsletter_sender_email": "newsletter@ludwigslust.example",
            "contact_email": "engagement@ludwigslust.example",
            "imprint_page": imprint,
        },
    )
    return site_tree


@pytest.fixture
def topics(site_tree):
    de = Locale.objects.get(language_code="de")
    en = Locale.objects.get(language_code="en")
    made = {}
    for order, (slug, name_de, name_en) in enumerate(
        [("sport", "Sport", "Sports"), ("kultur", "Kultur", "Culture")]
    ):
        german = Topic.objects.create(
            locale=de, slug=slug, name=name_de, sort_order=order
        )
        english = german.copy_for_translation(en)
        english.name = name_en
        english.save()
        made[slug] = german
    return made


def make_subscribers(
    count: int, *, prefix: str = "person", topics=()
) -> list[Subscriber]:
    """Confirmed subscribers, every third one in English."""
    rows = [
        Subscriber(
            email=f"{prefix}{index}@example.org",
            language="en" if index % 3 == 0 else "de",
            status=Subscriber.Status.SUBSCRIBED,
        )
        for index in range(count)
    ]
    created = Subscriber.objects.bulk_create(rows, batch_size=1000)
    if topics:
        for subscriber in Subscriber.objects.filter(email__startswith=prefix):
            subscriber.topics.set(topics)
    return created


@pytest.fixture
def workers(celery_worker):
    """``celery_worker`` plus a fresh producer pool: the fixture closes the old
    connection pool, but Celery keeps a producer pool bound to it."""
    from settings.celery import app

    def start(*args, **kwargs):
        started = celery_worker(*args, **kwargs)
        app.amqp._producer_pool = None
        return started

    yield start
    app.amqp._producer_pool = None


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache; every test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
