"""Reflow (WCAG 1.4.10, which axe does not test): every public page at 320 CSS px
without sideways scrolling, in German and English.

Every page the sitemap lists (every live page of every page type, both languages)
and the views outside Wagtail's page tree (search, sign-up, filtered listings, the
404 page) are opened at 320 x 640 px; the document may not be wider than the
window. A failure names the page and the elements that stick out.
"""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

WIDTH = 320

# Views that are not pages of the sitemap, or states of a page it lists once.
EXTRA = [
    "/{lang}/search/?q=Sport",
    "/{lang}/search/?q=zzzqqq",
    "/{lang}/subscription/",
    "/{lang}/club-entry/confirm/not-a-token/",
    "/{lang}/gibt-es-nicht/",
]

WIDEST = """() => {
    const out = [];
    for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.right > window.innerWidth + 1 && element.children.length === 0) {
            const text = (element.textContent || "").trim().slice(0, 40);
            const name = `${element.tagName.toLowerCase()}.${element.className}`;
            out.push(`${name} "${text}" to ${Math.round(box.right)} px`);
        }
    }
    return out.slice(0, 3);
}"""


def sitemap_paths(base_url: str) -> list[str]:
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=30) as response:
        xml = response.read().decode()
    return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def test_every_public_page_reflows_at_320_px(page, hub_server):
    paths = sitemap_paths(hub_server)
    languages = {path.split("/")[1] for path in paths}
    assert languages == {"de", "en"}, f"the sitemap lists {sorted(languages)}"
    # The directories (and other pages below home) with a search and filters, which
    # add notices and removable filter chips to a listing.
    top_level = [path for path in paths if path.rstrip("/").count("/") == 2]
    paths += [extra.format(lang=lang) for extra in EXTRA for lang in ("de", "en")]
    paths += [f"{path}?q=Sport&age=10&page=2" for path in top_level]
    page.set_viewport_size({"width": WIDTH, "height": 640})
    too_wide = []
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide.append(f"{path}: {width} px; {page.evaluate(WIDEST)}")
    assert len(paths) > 100
    assert not too_wide, f"{len(too_wide)} of {len(paths)} pages scroll sideways:\n" + (
        "\n".join(too_wide)
    )
