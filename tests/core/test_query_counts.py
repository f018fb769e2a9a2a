"""Rendering a page costs a fixed number of queries: more pages in the menu, the
footer or more languages do not add any (no N+1)."""

import pytest
from wagtail.models import Page

from engagement_hub.core.models import StandardPage

# Routing (site, locale, the page and its ancestors, view restrictions); hub
# settings, footer links, home link, menu and language versions come from the
# chrome cache after the first request (core/chrome_cache.py). English routes
# through the German site root, one step more. A home page's child is loaded as its
# specific type in one query (core.routing.HintedChildRouteMixin).
STANDARD_PAGE_QUERIES = {"de": 6, "en": 7}
HOME_PAGE_QUERIES = {"de": 5, "en": 6}


def _add_menu_pages(number: int) -> None:
    home = Page.objects.get(depth=2, locale__language_code="de")
    for index in range(number):
        page = StandardPage(
            title=f"Menüpunkt {index}", slug=f"menu-{index}", show_in_menus=True
        )
        home.add_child(instance=page)
        page.save_revision().publish()


@pytest.mark.parametrize("language", ["de", "en"])
def test_standard_page_queries(
    legal_pages, client, django_assert_num_queries, language
):
    path = {"de": "/de/impressum/", "en": "/en/imprint/"}[language]
    client.get(path)  # warm-up: Wagtail caches the site root paths
    with django_assert_num_queries(STANDARD_PAGE_QUERIES[language]):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_queries(site_tree, client, django_assert_num_queries, language):
    home = site_tree["de"]
    home.body = [
        ("intro", {"heading": "Willkommen", "text": "<p>Hallo</p>"}),
        ("heading", {"text": "Aktuelles", "level": "h2"}),
    ]
    home.save_revision().publish()
    path = f"/{language}/"
    # Twice: the very first request creates the hub settings, which renews the
    # token of the cached frame (and of the cached settings).
    client.get(path)
    client.get(path)
    with django_assert_num_queries(HOME_PAGE_QUERIES[language]):
        assert client.get(path).status_code == 200


def test_menu_size_does_not_change_the_query_count(
    legal_pages, client, django_assert_num_queries
):
    _add_menu_pages(5)
    client.get("/de/impressum/")
    with django_assert_num_queries(STANDARD_PAGE_QUERIES["de"]):
        response = client.get("/de/impressum/")
    html = response.content.decode()
    # Each menu page twice: in the phone menu and in the bar.
    bar = html[html.index('<ul class="site-nav__list">') :]
    assert bar[: bar.index("</ul>")].count("Menüpunkt") == 5
    assert html.count("Menüpunkt") == 10


def test_a_renamed_child_of_the_home_page_is_routed_before_the_hints_renew(
    legal_pages, client
):
    """The cached slug map is only a hint: a page renamed without renewing it is
    found under its new slug and gone under its old one."""
    from engagement_hub.core.directory import cache as tokens

    page = StandardPage.objects.filter(locale__language_code="de").first()
    old_url = page.url
    assert client.get(old_url).status_code == 200
    # Rename it behind the caches' back (no signal, no token renewed).
    StandardPage.objects.filter(pk=page.pk).update(
        slug="umbenannt",
        url_path=page.url_path.replace(f"/{page.slug}/", "/umbenannt/"),
    )
    assert client.get(old_url).status_code == 404
    assert (
        client.get(old_url.replace(f"/{page.slug}/", "/umbenannt/")).status_code == 200
    )
    tokens.renew("pages")
    assert client.get(old_url).status_code == 404
