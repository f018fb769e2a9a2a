"""Hostile input against every public URL and form of the running hub: never a 5xx.

The server is the browser tests' (its own process and database, the demo loaded once
per session). Every page of the sitemap, both languages, is asked with hostile values
in every parameter its GET forms offer (discovered from the HTML, so a new directory
facet is covered without editing this file), and every public POST form is sent
hostile values in each field, with hostile headers on top.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree

import pytest

HOSTILE = [
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "!!!???...",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../../../etc/passwd",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "99999999999999999999999999999999",
    "-1",
    "1e308",
    "\u202egnp.exe",
    "😀🏳️‍🌈",
    "%",
    "[]",
]
# Percent-encodings that do not decode to valid UTF-8 (sent raw in the query string).
RAW_HOSTILE = ["%FF%FE", "%ED%A0%80", "%C0%AF", "%00%00"]
HOSTILE_HEADERS = {
    "X-Forwarded-For": "not-an-ip, " + "9" * 300,
    "User-Agent": "x" * 5000,
    "Accept-Language": "de;q=abc, *;q=2, " + "x" * 500,
    "Referer": "javascript:alert(1)",
}


def _get(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _public_urls(base: str) -> list[str]:
    status, xml = _get(f"{base}/sitemap.xml")
    assert status == 200
    locs = [
        urllib.parse.urlsplit(loc.text).path
        for loc in ElementTree.fromstring(xml).iter()  # noqa: S314 (our own server)
        if loc.tag.endswith("loc") and loc.text
    ]
    extra = ["/de/suche/", "/en/search/", "/de/newsletter-abo/", "/en/subscription/"]
    return sorted(set(locs) | set(extra))


def _get_form_fields(html: str) -> set[str]:
    names: set[str] = set()
    for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I):
        if re.search(r'method="post"', form, flags=re.I):
            continue
        names.update(re.findall(r'\bname="([^"]+)"', form))
    return names


def _hostile_query_urls(base: str, path: str, fields: set[str]) -> list[str]:
    urls = []
    for field in sorted(fields | {"page", "q"}):
        for value in HOSTILE:
            urls.append(f"{base}{path}?{urllib.parse.urlencode({field: value})}")
        for raw in RAW_HOSTILE:
            urls.append(f"{base}{path}?{urllib.parse.quote(field)}={raw}")
    return urls


def _representatives(paths: list[str], per_parent: int = 2) -> list[str]:
    """At most ``per_parent`` pages below each parent path: pages of one type share a
    parent (the clubs below the club directory), and one of them shows what the type
    does with hostile input; index pages and pages of their own are all kept."""
    kept: dict[str, list[str]] = {}
    for path in paths:
        parent = path.rstrip("/").rpartition("/")[0]
        kept.setdefault(parent, [])
        if len(kept[parent]) < per_parent:
            kept[parent].append(path)
    return sorted(sum(kept.values(), []))


def test_no_public_url_answers_hostile_query_input_with_a_server_error(hub_server):
    every_path = _public_urls(hub_server)
    assert len(every_path) > 20, every_path
    urls: list[str] = []
    for path in every_path:
        urls.append(f"{hub_server}{path}%00")
        urls.append(f"{hub_server}{path}%FF%FE/")
    for path in _representatives(every_path):
        status, html = _get(f"{hub_server}{path}")
        assert status < 500, (status, path)
        urls.extend(_hostile_query_urls(hub_server, path, _get_form_fields(html)))

    def probe(url):
        return url, _get(url, HOSTILE_HEADERS)[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [(u[:200], s) for u, s in pool.map(probe, urls) if s >= 500]
    assert not failures, f"{len(failures)} of {len(urls)} requests: {failures[:10]}"


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def _post_form(base: str, path: str, values: dict[str, str]) -> int:
    opener, jar = _opener()
    with opener.open(f"{base}{path}", timeout=30) as response:
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **values}, doseq=True)
    request = urllib.request.Request(
        f"{base}{path}",
        data=data.encode(),
        headers={**HOSTILE_HEADERS, "Referer": f"{base}{path}"},
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_sign_up_form_answers_hostile_values_with_a_page(hub_server, language):
    path = f"/{language}/subscription/"
    valid = {"email": "hostile@example.org", "consent": "on", "language": language}
    fields = ["email", "consent", "language", "topics", "website", "source", "extra"]
    failures = []
    for field in fields:
        for value in HOSTILE:
            status = _post_form(hub_server, path, {**valid, field: value})
            if status >= 500:
                failures.append((field, value[:30], status))
    assert not failures
