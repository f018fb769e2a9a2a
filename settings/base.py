"""Settings shared by every environment. Secrets and hosts come from the environment
only."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from engagement_hub.core.periodic import beat_schedule

from .env import anymail_from_env, database_from_env, env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
# Files the running hub writes (SQLite database, embedded broker, mail, media).
VAR_DIR = Path(env("ENGAGEMENT_HUB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "engagement_hub.core",
    "engagement_hub.associations",
    "engagement_hub.offers",
    "engagement_hub.rooms",
    "engagement_hub.mailings",
    "engagement_hub.meetings",
    "engagement_hub.funding",
    "home",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "anymail",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "engagement_hub.core.security.EdgeInputMiddleware",
    # Before the session: a cached page for a visitor without a session costs one
    # cache round trip. Outside the privacy and CSP middleware, so it sees their
    # no-store and keeps a page with the policy it was rendered with.
    "engagement_hub.core.pagecache.AnonymousPageCacheMiddleware",
    "engagement_hub.core.security.PrivacyHeadersMiddleware",
    "engagement_hub.core.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 under /en/ for a page whose German path was used: to its translation
    # (outside Wagtail's redirects, so that an editor's redirect wins).
    "engagement_hub.core.language_paths.LanguagePathMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Password guessing on the admin login is throttled by django-axes: after
# AXES_FAILURE_LIMIT wrong passwords for one account or from one client address, both
# are locked for AXES_COOLOFF_MINUTES (a 429 page; `manage.py axes_reset` unlocks).
# (AxesBackend, not AxesStandaloneBackend: the first backend must also load users,
# since Wagtail's and Django's test helpers log in with it.)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "engagement_hub.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "engagement_hub.core.security.lockout_response"
AXES_VERBOSE = False

# Content-Security-Policy (django-csp) of every public page: nothing inline, nothing
# from another host. The admin gets its own (engagement_hub/core/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# When SECURE_SSL_REDIRECT is on (production): load balancers and container probes
# ask for /health/ over plain HTTP on the internal network, and a redirect to HTTPS
# would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

ROOT_URLCONF = "settings.urls"
WSGI_APPLICATION = "settings.wsgi.application"

# Public forms: label, hint, error, input, no colons (engagement_hub/core/forms.py).
FORM_RENDERER = "engagement_hub.core.forms.HubFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS_MODULE}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Internationalisation: German is the default, English the second language.
LANGUAGE_CODE = "de"
# British English dates and a 24-hour clock for "en" (engagement_hub/core/formats).
FORMAT_MODULE_PATH = ["engagement_hub.core.formats"]
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Cache: local memory out of the box, Redis when REDIS_URL is set (shared by workers,
# needed for rate limits that hold across processes).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Engagement Hub Ludwigslust")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL full-text search uses the German configuration.
        "SEARCH_CONFIG": "german",
    }
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_JQUERY_VERSION = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com (it would learn an MD5 of every editor's address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: written to files a person can read (VAR_DIR/mail) unless an ESP is configured
# (EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend plus ANYMAIL_* variables).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Engagement Hub <hub@ludwigslust.example>"
)
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ANYMAIL = anymail_from_env()

# Celery: an embedded broker on local files out of the box (no server needed; the
# web process, worker and beat share VAR_DIR/broker), Redis or RabbitMQ via
# CELERY_BROKER_URL.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(env("CELERY_FILESYSTEM_BROKER_DIR", str(VAR_DIR / "broker")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Redis redelivers unacknowledged tasks after this; every task must finish (or
        # retry) well within it. Task retries use backoff far below one hour.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    }
    if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        # A broker that accepts connections but never answers must not hang a web
        # request (or /health/): every socket operation gives up after this.
        CELERY_BROKER_TRANSPORT_OPTIONS.update(
            socket_connect_timeout=env_int("CELERY_BROKER_TIMEOUT", 2),
            socket_timeout=env_int("CELERY_BROKER_SOCKET_TIMEOUT", 10),
        )
# Seconds a publish waits for a broker connection; the mail outbox never retries in
# the request (its periodic jobs pick up what was not published).
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_TIMEOUT", 2)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Periodic jobs: each hub app contributes its own in its AppConfig
# (``periodic_tasks``); add the site's own entries below if it has any.
CELERY_BEAT_SCHEDULE: dict = beat_schedule(INSTALLED_APPS)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail's background tasks (django-tasks) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Engagement Hub plugin settings (documented in README.md, read in
# engagement_hub/core/conf.py).
ENGAGEMENT_HUB_CHECK_BROKER = env_bool("ENGAGEMENT_HUB_CHECK_BROKER", False)
ENGAGEMENT_HUB_HOME_PAGE_TYPES = ["home.HomePage"]
ENGAGEMENT_HUB_TRUSTED_PROXIES = env_int("ENGAGEMENT_HUB_TRUSTED_PROXIES", 0)
ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT = env_int("ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT", 300)
# The directory listings' ?q= on the site search index (tsvector + trigram GIN on
# PostgreSQL, FTS5 on SQLite) instead of the plugin's icontains default.
ENGAGEMENT_HUB_LISTING_TEXT_SEARCH = "search.listing.listing_matches"
# /health/ shows details (database, broker, worker) only to staff and to callers that
# send this token in an X-Health-Token header; everyone else gets "ok"/"unavailable".
ENGAGEMENT_HUB_HEALTH_TOKEN = env("ENGAGEMENT_HUB_HEALTH_TOKEN")
# The backend mailings send with (default EMAIL_BACKEND), e.g.
# anymail.backends.mailgun.EmailBackend for batch sending; recipients per ESP call.
ENGAGEMENT_HUB_MAIL_BACKEND = env("ENGAGEMENT_HUB_MAIL_BACKEND")
ENGAGEMENT_HUB_MAIL_BATCH_SIZE = env_int("ENGAGEMENT_HUB_MAIL_BATCH_SIZE", 200)
ENGAGEMENT_HUB_MAIL_BASE_URL = env("ENGAGEMENT_HUB_MAIL_BASE_URL")
