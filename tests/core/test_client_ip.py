"""The client address behind reverse proxies (rate limits, consent records)."""

import pytest
from django.test import RequestFactory

from engagement_hub.core.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        # A client can put anything in the header; only the proxy's entry counts.
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (1, "", "10.0.0.2"),  # header missing: the direct peer
        # Not an address (a forged header, a broken proxy): no address, not the text.
        (1, "not-an-ip", None),
        (1, "9" * 300, None),
        (1, "203.0.113.9\x00", None),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.ENGAGEMENT_HUB_TRUSTED_PROXIES = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected
