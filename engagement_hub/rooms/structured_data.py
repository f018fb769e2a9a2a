"""schema.org Place JSON-LD of a room, in the page's language (no personal data
beyond the operator's function contact)."""

from __future__ import annotations

from engagement_hub.core.directory.structured_data import (
    absolute,
    compact,
    image_url,
    postal_address,
)


def room_json_ld(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": page.title,
        "description": page.short_description,
        "url": absolute(request, page.get_url(request)),
        "image": image_url(request, page.image),
        "address": postal_address(page),
        "maximumAttendeeCapacity": page.capacity,
        "isAccessibleForFree": page.free_for_nonprofits or None,
        "telephone": page.contact_phone,
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": name, "value": True}
            for name in [*page.equipment, *page.accessibility_features]
        ],
    }
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    return compact(data)
