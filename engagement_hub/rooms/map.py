"""The room map: Leaflet from the hub's own static files, tiles only from the
tile server in ``ENGAGEMENT_HUB_MAP_TILES``; without it there is no map and no
request leaves the hub (the list with addresses is the accessible alternative)."""

from __future__ import annotations

from django.conf import settings

from engagement_hub.core.directory.listing import base_queryset


def tile_url() -> str:
    return getattr(settings, "ENGAGEMENT_HUB_MAP_TILES", "") or ""


def tile_origin() -> str:
    """``https://host`` of the tile server (for the CSP), or ""."""
    from urllib.parse import urlsplit

    parts = urlsplit(tile_url().replace("{s}.", ""))
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return ""
    host = parts.netloc
    if "{" in host:
        return ""
    return f"{parts.scheme}://{host}"


def map_context(index_page, request) -> dict:
    tiles = tile_url()
    if not tiles or not tile_origin():
        return {"room_map": None}
    pages = (
        base_queryset(index_page)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .only(
            "title", "url_path", "latitude", "longitude", "locale_id", "path", "depth"
        )
    )
    markers = [
        {
            "title": page.title,
            "url": page.get_url(request),
            "lat": float(page.latitude),
            "lon": float(page.longitude),
        }
        for page in pages
    ]
    return {
        "room_map": {
            "tiles": tiles,
            "markers": markers,
            "attribution": getattr(settings, "ENGAGEMENT_HUB_MAP_ATTRIBUTION", ""),
        }
    }
