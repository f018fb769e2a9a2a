"""Every editor screen of the hub opens: edit and add views of each page type, the
snippet listings and edit views, the hub settings. Editors never meet a 500."""

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

# Every app of the plugin, and the site's home page app.
HUB_APPS = {
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith("engagement_hub.")
} | {"home"}


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pw"
    )
    client.force_login(user)
    return client


def _hub_page_models():
    return [m for m in get_page_models() if m._meta.app_label in HUB_APPS]


def _parent_for(model, pages) -> Page | None:
    for page in pages:
        if (
            model in page.specific_class.creatable_subpage_models()
            and model.can_create_at(page)
        ):
            return page
    return None


def test_every_hub_page_type_has_demo_content():
    """load_demo shows editors one of each page type (checked in the next test)."""
    assert {m.__name__ for m in _hub_page_models()} >= {"HomePage", "StandardPage"}


@pytest.mark.django_db
def test_every_editor_screen_opens(demo, editor_client):
    pages = list(Page.objects.filter(depth__gte=2).specific())
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[pages[0].pk]),
    ]
    for model in _hub_page_models():
        existing = [p for p in pages if isinstance(p, model)]
        assert existing, f"load_demo creates no {model.__name__}"
        urls.append(reverse("wagtailadmin_pages:edit", args=[existing[0].pk]))
        urls.append(
            reverse("wagtailadmin_pages:preview_on_edit", args=[existing[0].pk])
        )
        parent = _parent_for(model, pages)
        if parent is not None:
            urls.append(
                reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, parent.pk],
                )
            )
    for model in get_snippet_models():
        if model._meta.app_label not in HUB_APPS:
            continue
        viewset = model.snippet_viewset
        urls.append(reverse(viewset.get_url_name("list")))
        urls.append(reverse(viewset.get_url_name("add")))
        instance = model.objects.first()
        if instance is not None:
            urls.append(reverse(viewset.get_url_name("edit"), args=[instance.pk]))
    hub_settings = apps.get_model("engagement_hub_core", "HubSettings")
    urls.append(
        reverse(
            "wagtailsettings:edit",
            args=[
                "engagement_hub_core",
                "hubsettings",
                hub_settings.objects.first().site_id,
            ],
        )
    )
    failures = []
    for url in urls:
        response = editor_client.get(url)
        if response.status_code != 200:
            failures.append(f"{url}: {response.status_code}")
    assert not failures, failures
