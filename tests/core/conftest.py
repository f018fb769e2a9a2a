"""Fixtures of the core tests."""

import pytest

from engagement_hub.core.demo import LEGAL_PAGES
from engagement_hub.core.demo_tools import get_or_create_child, translate
from engagement_hub.core.models import HubSettings, StandardPage


@pytest.fixture
def legal_pages(site_tree, django_capture_on_commit_callbacks):
    """The three legal pages in German and English, linked in the footer: the part
    of the demo the foundation's pages need, without the slower taxonomy and the
    domains' content."""
    home, english = site_tree["de"], site_tree["locales"][1]
    pages = {}
    # wagtail-localize publishes translations on commit; the test never commits.
    with django_capture_on_commit_callbacks(execute=True):
        for slug, titles, texts, legal in LEGAL_PAGES:
            page = get_or_create_child(
                home,
                StandardPage,
                slug,
                title=titles[0],
                introduction=texts[0],
                legal_template=legal,
            )
            translate(page, english, {titles[0]: titles[1], texts[0]: texts[1]})
            pages[slug] = page
    HubSettings.objects.update_or_create(
        site=home.get_site(),
        defaults={
            "contact_email": "engagement@ludwigslust.example",
            "imprint_page": pages["impressum"],
            "privacy_page": pages["datenschutz"],
            "accessibility_page": pages["barrierefreiheit"],
        },
    )
    return pages
