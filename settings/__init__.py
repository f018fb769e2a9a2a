"""Django settings package of the site that runs the Engagement Hub.

Importing the package also loads the Celery app, so that ``@shared_task`` uses it.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
