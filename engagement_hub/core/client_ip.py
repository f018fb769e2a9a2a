"""Request helpers shared by the domains."""

import ipaddress

from django.http import HttpRequest

from .conf import hub_settings


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, for rate limits and consent records.

    Behind ``ENGAGEMENT_HUB_TRUSTED_PROXIES`` reverse proxies (each appending the
    address it saw to ``X-Forwarded-For``), the client is the entry that many places
    from the right; everything further left could be forged by the client itself.
    Anything that is not an IP address (a misconfigured proxy, a forged header when
    no proxy is trusted) counts as no address: None, never the raw text.
    """
    proxies = hub_settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return _ip_or_none(forwarded[-proxies])
    return _ip_or_none(request.META.get("REMOTE_ADDR") or "")


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()[:64]))
    except ValueError:
        return None
