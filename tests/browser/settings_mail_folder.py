"""Settings of the meetings journey's own server: the test settings, with mail
written to a folder (as ``make run`` does), so the test reads the mails a person
would get. Links in mail point at that server."""

import os

from settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["HUB_MAIL_FOLDER"]
ENGAGEMENT_HUB_MAIL_BASE_URL = os.environ["HUB_BASE_URL"]
