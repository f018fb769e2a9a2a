"""The town's logo in every page's frame costs no query once cached, and a new logo
or a new file for the logo image shows at once."""

import re

import pytest

from engagement_hub.core.demo import demo_logo
from engagement_hub.core.models import HubSettings
from tests.core.test_query_counts import STANDARD_PAGE_QUERIES

pytestmark = pytest.mark.django_db
PATH = "/de/impressum/"


def logo_src(client) -> str:
    html = client.get(PATH).content.decode()
    found = re.search(r'<img[^>]*class="site-title__logo"[^>]*>', html)
    assert found, "no logo in the header"
    return re.search(r'src="([^"]+)"', found[0])[1]


def test_the_logo_costs_no_query_and_changes_show_at_once(
    site_tree,
    legal_pages,
    client,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    hub = HubSettings.for_site(site_tree["de"].get_site())
    with django_capture_on_commit_callbacks(execute=True):
        hub.logo = demo_logo()
        hub.save()
    first = logo_src(client)
    with django_assert_num_queries(STANDARD_PAGE_QUERIES["de"]):
        assert logo_src(client) == first
    # Another image as the logo: the header shows it at once.
    with django_capture_on_commit_callbacks(execute=True):
        hub.logo = demo_logo()
        hub.save()
    second = logo_src(client)
    assert second != first
    # A new file for the same image (as the image editor replaces it).
    image = hub.logo
    with django_capture_on_commit_callbacks(execute=True):
        image.file = demo_logo().file
        image.save()
        image.renditions.all().delete()
    assert logo_src(client) != second
