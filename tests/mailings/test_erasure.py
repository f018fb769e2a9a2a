"""Erasure leaves no trace: after an address signed up, confirmed, got mail,
bounced, sent a malformed webhook, opted out of invitations and was edited by an
editor, erasing it through the core screen leaves it in no column of any table."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import translation

from engagement_hub.mailings import newsletters
from engagement_hub.mailings.models import (
    Delivery,
    NewsletterIndexPage,
    NewsletterPage,
    OptOut,
    Subscriber,
)

from .test_webhooks import event, post

pytestmark = pytest.mark.django_db
ADDRESS = "erase.me@example.org"


def tables_containing(needle: str) -> list[str]:
    """Every ``table.column`` of the whole database whose text holds ``needle``."""
    quote = connection.ops.quote_name
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                # Identifiers from the database's own catalogue, quoted.
                sql = (
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE "  # noqa: S608
                    f"LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s"
                )
                cursor.execute(sql, [f"%{needle.lower()}%"])
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column.name}")
    return hits


@pytest.fixture
def webhook_secret(settings, fake_esp):
    from .test_webhooks import SIGNING_KEY

    settings.ANYMAIL = {
        **settings.ANYMAIL,
        "WEBHOOK_SECRET": "hook:secret",
        "MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
    }


def test_erasure_leaves_the_address_in_no_table(
    client, hub, fake_esp, webhook_secret, django_capture_on_commit_callbacks
):
    # Signed up and confirmed.
    with translation.override("de"):
        signup = reverse("engagement_hub_mailings:subscribe")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup,
            {"email": "Erase.Me@Example.org", "language": "de", "consent": "on"},
        )
    (confirmation,) = fake_esp.messages()
    link = re.search(
        r"https://hub\.example(/\S+/(?:confirm|bestaetigen)/\S+/)", confirmation.text
    )
    assert client.post(link.group(1)).status_code == 200
    # Got a newsletter.
    index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
    hub["de"].add_child(instance=index)
    issue = NewsletterPage(title="Ausgabe", slug="ausgabe")
    index.add_child(instance=issue)
    issue.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.send_issue(issue, topic_keys=[])
    delivery = Delivery.objects.filter(email=ADDRESS).latest("pk")
    assert delivery.status == "sent"
    # Bounced (a signed event), and a malformed event that names the address.
    body = event(
        "failed",
        ADDRESS,
        "erase-1",
        severity="permanent",
        **{"user-variables": {"delivery": delivery.pk}},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 200
    bad = json.loads(event("failed", ADDRESS, "erase-2"))
    bad["event-data"]["user-variables"] = {"delivery": "9" * 30}
    assert post(client, json.dumps(bad)).status_code == 400
    OptOut.objects.create(key=ADDRESS, purpose="invitation")
    # Edited by an editor (Wagtail logs the edit with the address as its label).
    editor = get_user_model().objects.create_superuser("dpo", "dpo@example.org", "pw")
    client.force_login(editor)
    subscriber = Subscriber.objects.get(email=ADDRESS)
    response = client.post(
        f"/admin/newsletter/subscribers/edit/{subscriber.pk}/", {"language": "en"}
    )
    assert response.status_code == 302
    assert tables_containing(ADDRESS)  # the scan finds what is there

    response = client.post(
        reverse("engagement_hub_core_personal_data"),
        {"email": "ERASE.ME@example.org", "erase": "1"},
    )
    assert response.status_code == 302
    assert tables_containing(ADDRESS) == []
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(label="[erased]").exists()  # audit kept
