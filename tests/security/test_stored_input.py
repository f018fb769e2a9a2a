"""Hostile input never ends up stored: NUL bytes are removed at the edge and a forged
client address is stored as no address."""

import pytest

from engagement_hub.mailings.models import Consent, Subscriber


@pytest.mark.parametrize(
    ("forwarded", "stored"),
    [("not-an-ip", None), ("9" * 300, None), ("203.0.113.9\x00", "203.0.113.9")],
)
def test_a_sign_up_with_hostile_hidden_fields_stores_clean_values(
    site_tree, client, settings, forwarded, stored
):
    settings.ENGAGEMENT_HUB_TRUSTED_PROXIES = 1

    response = client.post(
        "/de/newsletter-abo/",
        {
            "email": "anna@example.org",
            "consent": "on",
            "language": "de",
            "source": "/de/\x00<script>",
        },
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert response.status_code in (200, 302)
    consent = Consent.objects.get(subscriber__email="anna@example.org")
    assert consent.source_url == "/de/<script>"
    assert consent.requested_ip == stored
    assert Subscriber.objects.count() == 1


def test_a_nul_byte_in_a_query_is_removed_before_the_view_sees_it(site_tree, client):
    response = client.get("/de/suche/", {"q": "Sport\x00verein"})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
