"""The plugin's settings, read lazily with their defaults (all prefixed ENGAGEMENT_HUB_).

Use ``hub_settings.NAME``; each read goes to ``django.conf.settings`` so that
``override_settings`` in tests works.
"""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Associations not confirmed for longer than this are flagged as possibly outdated.
    "OUTDATED_AFTER": timedelta(days=365),
    # Page size of every listing.
    "PAGE_SIZE": 20,
    # Page types under which the hub's index pages and standard pages may be created
    # (the site's home page model, e.g. ["home.HomePage"]); None allows any parent.
    "HOME_PAGE_TYPES": None,
    # Check that the Celery broker is reachable at start-up (production turns it on).
    "CHECK_BROKER": False,
}


class PluginSettings:
    def __getattr__(self, name: str):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown Engagement Hub setting {name!r}")
        return getattr(settings, f"ENGAGEMENT_HUB_{name}", DEFAULTS[name])


hub_settings = PluginSettings()
