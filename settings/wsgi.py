"""WSGI entry point (gunicorn settings.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_wsgi_application()

# Refuse to serve with a broken configuration (unreachable broker in production, ...).
from engagement_hub.core.checks import raise_on_startup_errors  # noqa: E402

raise_on_startup_errors()
