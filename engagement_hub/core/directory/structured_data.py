"""schema.org and Open Graph building blocks of directory pages, in the page's
language (a domain writes its own JSON-LD with them)."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator


def absolute(request, url: str | None) -> str | None:
    if not url:
        return None
    return request.build_absolute_uri(url) if url.startswith("/") else url


def postal_address(page) -> dict | None:
    if not (page.street or page.postcode):
        return None
    address = {
        "@type": "PostalAddress",
        "streetAddress": page.street,
        "postalCode": page.postcode,
        "addressLocality": page.town,
        "addressCountry": "DE",
    }
    return {key: value for key, value in address.items() if value}


def place(page) -> dict | None:
    address = postal_address(page)
    if address is None and not page.place_name:
        return None
    data = {"@type": "Place", "name": page.place_name or page.town}
    if address:
        data["address"] = address
    return data


def image_url(request, image, spec: str = "max-800x600") -> str | None:
    if image is None:
        return None
    try:
        return absolute(request, image.get_rendition(spec).url)
    except (OSError, ValueError):
        # A missing or broken source file must not break the page.
        return None


def open_graph(page, request, *, description: str, image=None, kind="website") -> dict:
    return {
        "title": page.seo_title or page.title,
        "description": Truncator(strip_tags(description)).chars(300),
        "url": absolute(request, page.get_url(request)),
        "type": kind,
        "image": image_url(request, image, "fill-1200x630") if image else None,
    }


def compact(data):
    """Drop empty values (schema.org consumers dislike nulls)."""
    if isinstance(data, dict):
        return {k: compact(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [compact(v) for v in data]
    return data
