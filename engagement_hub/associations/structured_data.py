"""schema.org JSON-LD and Open Graph data of directory pages, in the page's language."""

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


def association_json_ld(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "description": page.short_description,
        "url": absolute(request, page.get_url(request)),
        "email": page.contact_email or None,
        "foundingDate": str(page.founding_year) if page.founding_year else None,
        "address": postal_address(page),
        "logo": image_url(request, page.logo),
        "sameAs": [link for link in [page.website, *page.social_link_list] if link]
        or None,
        "knowsLanguage": [lang.code for lang in page.languages.all()] or None,
    }
    if page.shows_personal_contact:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": page.contact_role or None,
            "name": page.contact_name or None,
            "telephone": page.contact_phone or None,
            "email": page.contact_email or None,
        }
    elif page.contact_role and page.contact_email:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": page.contact_role,
            "email": page.contact_email,
        }
    return _compact(data)


def open_graph(page, request, *, description: str, image=None, kind="website") -> dict:
    return {
        "title": page.seo_title or page.title,
        "description": Truncator(strip_tags(description)).chars(300),
        "url": absolute(request, page.get_url(request)),
        "type": kind,
        "image": image_url(request, image, "fill-1200x630") if image else None,
    }


def _compact(data):
    """Drop empty values (schema.org consumers dislike nulls)."""
    if isinstance(data, dict):
        return {k: _compact(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_compact(v) for v in data]
    return data
