"""schema.org JSON-LD of an association, in the page's language."""

from __future__ import annotations

from engagement_hub.core.directory.structured_data import (
    absolute,
    compact,
    image_url,
    postal_address,
)


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
        "logo": image_url(request, page.image),
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
    return compact(data)
