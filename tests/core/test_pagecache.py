"""The anonymous page cache: what it serves, when it forgets, what it never keeps."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from wagtail import hooks

from engagement_hub.core.models import Category, HubSettings, StandardPage
from engagement_hub.core.pagecache import HEADER


@pytest.fixture
def page_cache(settings):
    settings.ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT = 300
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def page(site_tree, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(
            title="Stadtfest", slug="stadtfest", introduction="Am Markt"
        )
        site_tree["de"].add_child(instance=page)
        page.save_revision().publish()
    # The settings row is created on first use, which purges: create it now.
    HubSettings.for_site(page.get_site())
    return page


def _state(response) -> str | None:
    return response.headers.get(HEADER)


def test_an_anonymous_visitor_gets_the_page_from_the_cache(
    page, client, django_assert_num_queries
):
    first = client.get("/de/stadtfest/")
    with django_assert_num_queries(0):
        second = client.get("/de/stadtfest/")

    assert (_state(first), _state(second)) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Stadtfest" in second.content.decode()


def test_tracking_parameters_are_normalised_away(page, client):
    client.get("/de/stadtfest/")

    response = client.get("/de/stadtfest/", {"utm_source": "newsletter", "fbclid": "x"})

    assert _state(response) == "hit"


@pytest.mark.parametrize(
    "query", [{"page": "2"}, {"q": "x"}, {"utm_source": "a", "b": "c"}]
)
def test_other_query_strings_are_never_cached(page, client, query):
    client.get("/de/stadtfest/")

    responses = [client.get("/de/stadtfest/", query) for _ in range(2)]

    assert [_state(r) for r in responses] == [None, None]


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_publishing_purges(page, client):
    client.get("/de/stadtfest/")

    _publish(page, title="Großes Stadtfest")
    response = client.get("/de/stadtfest/")

    assert _state(response) == "miss"
    assert "Großes Stadtfest" in response.content.decode()


def test_unpublishing_purges(page, client):
    client.get("/de/stadtfest/")

    page.unpublish()

    assert client.get("/de/stadtfest/").status_code == 404


def test_moving_purges(page, site_tree, client):
    other = StandardPage(title="Archiv", slug="archiv")
    site_tree["de"].add_child(instance=other)
    other.save_revision().publish()
    client.get("/de/stadtfest/")
    assert _state(client.get("/de/stadtfest/")) == "hit"

    page.refresh_from_db()
    page.move(other, pos="last-child")

    # Wagtail leaves a redirect from the old address; the cached page is gone.
    old = client.get("/de/stadtfest/")
    assert old.status_code == 301
    assert old["Location"] == "/de/archiv/stadtfest/"
    assert client.get("/de/archiv/stadtfest/").status_code == 200


def test_deleting_purges(page, client):
    client.get("/de/stadtfest/")

    page.delete()

    assert client.get("/de/stadtfest/").status_code == 404


def test_editing_a_setting_the_pages_show_purges(page, client):
    client.get("/de/stadtfest/")
    hub = HubSettings.for_site(page.get_site())

    hub.organisation_name = "Stadt Ludwigslust, Fachdienst Bildung"
    hub.save()
    response = client.get("/de/stadtfest/")

    assert _state(response) == "miss"
    assert "Stadt Ludwigslust, Fachdienst Bildung" in response.content.decode()


def test_editing_a_snippet_purges(page, site_tree, client):
    category = Category.objects.create(
        name="Sport", slug="sport", locale=site_tree["locales"][0]
    )
    client.get("/de/stadtfest/")
    assert _state(client.get("/de/stadtfest/")) == "hit"

    category.name = "Sport und Bewegung"
    category.save()

    assert _state(client.get("/de/stadtfest/")) == "miss"


# --- never cached -------------------------------------------------------------------


def _served_twice(client, url="/de/stadtfest/"):
    return [client.get(url) for _ in range(2)]


def test_a_response_that_sets_a_cookie_is_not_cached(page, client):
    def set_cookie(page, request, serve_args, serve_kwargs):
        response = HttpResponse("<p>Hallo</p>")
        response.set_cookie("seen", "1")
        return response

    with hooks.register_temporarily("before_serve_page", set_cookie):
        responses = _served_twice(client)

    assert [_state(r) for r in responses] == [None, None]
    assert all("seen" in r.cookies for r in responses)


def test_a_page_with_a_csrf_token_is_not_cached(page, client):
    def form(page, request, serve_args, serve_kwargs):
        token = get_token(request)
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{token}">')

    with hooks.register_temporarily("before_serve_page", form):
        responses = _served_twice(client)

    assert [_state(r) for r in responses] == [None, None]


def test_a_private_response_with_personal_data_is_not_cached(page, client):
    def personal(page, request, serve_args, serve_kwargs):
        response = HttpResponse("<p>Ihre Adresse: anna@example.org</p>")
        patch_cache_control(response, private=True)
        return response

    with hooks.register_temporarily("before_serve_page", personal):
        responses = _served_twice(client)
    assert [_state(r) for r in responses] == [None, None]
    # Nothing was kept: the next visitor gets the real page.
    assert "anna@example.org" not in client.get("/de/stadtfest/").content.decode()


def test_pages_outside_wagtail_are_not_cached(page, client):
    """The subscription pages carry a subscriber's token and address; search its
    visitor's words: only Wagtail's page view is ever stored."""
    responses = _served_twice(client, "/de/suche/")
    assert [_state(r) for r in responses] == [None, None]
    subscribe = _served_twice(client, "/de/newsletter-abo/")
    assert [_state(r) for r in subscribe] == [None, None]


def test_a_logged_in_editor_is_never_served_or_stored(page, client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.get("/de/stadtfest/")  # cached for anonymous visitors
    client.force_login(editor)

    responses = _served_twice(client)
    assert [_state(r) for r in responses] == [None, None]

    client.logout()
    client.cookies.clear()
    anonymous = client.get("/de/stadtfest/")
    assert _state(anonymous) == "hit"
    assert "editor" not in anonymous.content.decode()


def test_a_visitor_with_a_session_cookie_is_not_served_from_the_cache(page, client):
    client.get("/de/stadtfest/")
    client.cookies["sessionid"] = "someone"

    assert _state(client.get("/de/stadtfest/")) is None


def test_drafts_and_previews_are_never_cached(page, client, django_user_model):
    client.get("/de/stadtfest/")
    page.title = "Geheimer Entwurf"
    page.save_revision()  # a draft, not published

    anonymous = client.get("/de/stadtfest/")
    assert "Geheimer Entwurf" not in anonymous.content.decode()

    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert "Geheimer Entwurf" in preview.content.decode()
    assert _state(preview) is None
    client.logout()
    client.cookies.clear()
    assert "Geheimer Entwurf" not in client.get("/de/stadtfest/").content.decode()


def test_post_is_never_served_from_or_stored_in_the_cache(page, client):
    client.get("/de/stadtfest/")

    response = client.post("/de/stadtfest/", {"x": "1"})

    assert _state(response) is None


def test_the_cache_is_off_with_a_timeout_of_zero(page, client, settings):
    settings.ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT = 0

    assert [_state(r) for r in _served_twice(client)] == [None, None]
