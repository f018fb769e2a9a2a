"""The commands `make run` relies on: load_demo (idempotent) and ensure_admin."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from engagement_hub.core.models import Category, District, HubSettings, TargetGroup


def _snapshot() -> dict:
    """Counts of everything load_demo creates, plus every model of the hub's apps."""
    counted = [
        Page,
        Revision,
        Locale,
        Site,
        HubSettings,
        Category,
        TargetGroup,
        District,
        Translation,
        TranslationSource,
        StringTranslation,
    ]
    for config in apps.get_app_configs():
        if config.name.startswith("engagement_hub.") or config.name == "home":
            counted.extend(
                model for model in config.get_models() if model not in counted
            )
    counts = {model._meta.label: model._default_manager.count() for model in counted}
    counts["live pages"] = Page.objects.live().count()
    counts["latest revisions"] = list(
        Page.objects.order_by("pk").values_list("pk", "latest_revision_id")
    )
    return counts


def test_load_demo_builds_both_trees_and_a_second_run_changes_nothing(
    demo, client, django_capture_on_commit_callbacks
):
    # One test, because the whole demo takes a while to build.
    for code in ("de", "en"):
        home = Page.objects.get(depth=2, locale__language_code=code)
        assert home.live
        slug = "impressum" if home.locale.language_code == "de" else "imprint"
        assert home.get_children().live().filter(slug=slug).exists()
    sport = Category.objects.get(locale__language_code="en", slug="sport")
    assert sport.name == "Sports and exercise"
    imprint = client.get("/en/imprint/")
    assert imprint.status_code == 200
    assert "This is a demonstration site with fictional content." in imprint.text
    english_home = client.get("/en/").text
    assert "Privacy policy" in english_home
    assert "Datenschutzerklärung" not in english_home

    before = _snapshot()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=out)

    assert _snapshot() == before
    assert "Created" not in out.getvalue()
    assert "Demo content is ready." in out.getvalue()


def _run_ensure_admin() -> str:
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_ensure_admin_creates_one_admin_who_can_log_in(db, client):
    output = _run_ensure_admin()

    match = re.search(r"(http\S+/admin/)\s+user: (\S+)\s+password: (\S+)", output)
    assert match, output
    url, username, password = match.groups()
    assert url == "http://127.0.0.1:8000/admin/"
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200


def test_ensure_admin_twice_creates_no_second_admin(db):
    first = _run_ensure_admin()
    second = _run_ensure_admin()

    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    password = re.search(r"password: (\S+)", first).group(1)
    assert password not in second
    assert "http://127.0.0.1:8000/admin/" in second


@pytest.mark.parametrize("existing", ["admin", "someone-else"])
def test_ensure_admin_keeps_an_existing_superuser(db, existing):
    get_user_model().objects.create_superuser(existing, "x@example.org", "pw-12345678")

    output = _run_ensure_admin()

    assert get_user_model().objects.count() == 1
    assert "password:" not in output
