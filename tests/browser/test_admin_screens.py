"""The admin screens editors use load nothing from another host (no gravatar
avatars), break no rule of the admin's Content-Security-Policy and answer no 5xx
(all checked by the ``page`` fixture)."""

import pytest

SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=Verein",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/users/",
    "/admin/reports/locked/",
    "/admin/account/",
]


@pytest.mark.parametrize("url", SCREENS)
def test_admin_screen_stays_on_this_host(admin_page, url):
    response = admin_page.goto(url)

    assert response.status == 200
    assert "gravatar" not in admin_page.content()
    admin_page.wait_for_load_state("networkidle")


def test_the_page_editor_stays_on_this_host(admin_page):
    admin_page.goto("/admin/pages/search/?q=Verein")
    admin_page.locator("a[href*='/edit/']").first.click()
    admin_page.wait_for_load_state("networkidle")

    assert "/edit/" in admin_page.url
