"""Production: everything security-relevant from the environment; `check --deploy`
clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env, env_bool, env_int, env_list

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Generate one with: python -c 'from "
        "django.core.management.utils import get_random_secret_key as k; print(k())'"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set (comma-separated host names).")

# An ESP's tracking webhook unsubscribes and suppresses addresses: with an anymail
# backend it must be authenticated.
_MAIL_BACKEND = ENGAGEMENT_HUB_MAIL_BACKEND or EMAIL_BACKEND  # noqa: F405
if _MAIL_BACKEND.startswith("anymail.") and not ANYMAIL.get("WEBHOOK_SECRET"):  # noqa: F405
    raise ImproperlyConfigured(
        "ANYMAIL_WEBHOOK_SECRET is not set (user:password for the ESP's tracking "
        "webhook; give the same to the ESP)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list binds the whole domain and every subdomain
    # (the town's other services too) to HTTPS for years; it is the operator's
    # decision, so not asking for it is no warning.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
}

# Production runs behind one TLS-terminating proxy (see README) that appends the
# client's address to X-Forwarded-For.
ENGAGEMENT_HUB_TRUSTED_PROXIES = env_int("ENGAGEMENT_HUB_TRUSTED_PROXIES", 1)

# A worker or web process must not start against a broker it cannot reach.
ENGAGEMENT_HUB_CHECK_BROKER = env_bool("ENGAGEMENT_HUB_CHECK_BROKER", True)
