"""Response headers a data-protection officer and a penetration tester look at."""

import pytest
from django.urls import reverse

from engagement_hub.mailings import tokens
from engagement_hub.mailings.models import Subscriber


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.fixture
def subscriber(db):
    return Subscriber.objects.create(email="anna@example.org", language="de")


def test_public_pages_get_a_strict_content_security_policy(site_tree, client):
    response = client.get("/de/")

    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_admin_gets_a_policy_it_works_under(site_tree, admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    # Page previews are shown in a same-origin frame; nothing from other hosts.
    assert policy["frame-ancestors"] == ["'self'"]
    assert all(
        source.startswith("'") or source.endswith(":")
        for source in sum(policy.values(), [])
    )


def test_every_response_has_a_permissions_policy(site_tree, client):
    for url in ("/de/", "/health/", "/de/no-such-page/"):
        header = client.get(url)["Permissions-Policy"]
        assert "camera=()" in header and "geolocation=()" in header


@pytest.mark.parametrize("url_name", ["subscribe"])
def test_pages_with_a_csrf_token_are_never_stored(site_tree, client, url_name):
    response = client.get(reverse(f"engagement_hub_mailings:{url_name}"))

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_home_page_with_its_sign_up_form_is_never_stored(site_tree, client):
    response = client.get("/de/")

    if "csrfmiddlewaretoken" in response.content.decode():
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("view", "salt"),
    [
        ("preferences", tokens.PREFERENCES_SALT),
        ("unsubscribe", tokens.UNSUBSCRIBE_SALT),
    ],
)
def test_pages_reached_by_a_personal_link_are_never_stored(
    site_tree, client, subscriber, view, salt
):
    token = tokens.make(salt, s=subscriber.pk)
    url = reverse(f"engagement_hub_mailings:{view}", args=[token])

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert subscriber.email not in response.get("Cache-Control", "")


def test_pages_of_logged_in_users_are_never_stored(site_tree, admin_client):
    response = admin_client.get("/de/")

    assert "no-store" in response["Cache-Control"]


def test_public_pages_without_a_form_stay_cacheable(site_tree, client):
    response = client.get("/de/no-such-page/")

    assert response.status_code == 404
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies
