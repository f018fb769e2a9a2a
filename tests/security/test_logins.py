"""Password guessing on the admin login is locked out (django-axes), and the bare
Django admin, which has no lockout of its own, is not mounted."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes(db, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_superuser=True
    )


def _login(client, password, username="editor", ip="198.51.100.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="de",
    )


def test_the_right_password_works(axes, site_tree, editor, client):
    response = _login(client, PASSWORD)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_after_five_wrong_passwords_even_the_right_one_is_refused(
    axes, site_tree, editor, client
):
    for _ in range(5):
        assert _login(client, "wrong").status_code in (200, 429)

    response = _login(client, PASSWORD)

    assert response.status_code == 429
    assert "zu viele" in response.content.decode().lower()
    assert "15" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_the_lockout_holds_from_another_address_for_the_same_account(
    axes, site_tree, editor, client
):
    for number in range(5):
        _login(client, "wrong", ip=f"198.51.100.{number + 10}")

    assert _login(client, PASSWORD, ip="203.0.113.99").status_code == 429


def test_the_lockout_ends_after_the_cool_off(axes, site_tree, editor, client):
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 429

    with time_machine.travel(timedelta(minutes=16)):
        assert _login(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()


def test_the_bare_django_admin_is_not_mounted(site_tree, client):
    for url in ("/django-admin/", "/django-admin/login/"):
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert "password" not in response.content.decode().lower()


def test_admin_pages_load_no_avatars_from_gravatar(site_tree, admin_client):
    html = admin_client.get("/admin/").content.decode()

    assert "gravatar" not in html
