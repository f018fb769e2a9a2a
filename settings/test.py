"""Test settings: only what tests need differently, each override says why."""

import os

from .base import *  # noqa: F403

# A fixed key: tests sign tokens and must not depend on the environment.
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnop"  # noqa: S105
# The live server and Django's test client use these host names.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: worker processes started by tests must see the same data.
    # One per test process, so that concurrent runs do not share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# The anonymous page cache outlives a test's database transaction (local memory), so
# it is off; tests/core/test_pagecache.py turns it on.
ENGAGEMENT_HUB_PAGE_CACHE_TIMEOUT = 0

# Fast hashing: tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Mail stays in django.core.mail.outbox unless a test points anymail at the fake ESP.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tasks run in-process unless a test starts a real worker (tests/conftest.py); inside
# such a worker (ENGAGEMENT_HUB_TEST_WORKER=1) tasks that enqueue tasks use the broker.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("ENGAGEMENT_HUB_TEST_WORKER") != "1"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_EAGER_PROPAGATES = True

# Tests write media into a throw-away folder.
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405

# Django's test client logs in without a request, which django-axes refuses; the
# lockout tests switch it on (tests/security/test_logins.py).
AXES_ENABLED = False

# The browser tests' server gets every sign-up of the suite from 127.0.0.1 (the
# hostile-input test alone sends hundreds); the rate-limit tests set their own limits.
ENGAGEMENT_HUB_NEWSLETTER_SIGNUP_RATE_PER_CLIENT = 100_000
ENGAGEMENT_HUB_NEWSLETTER_SIGNUP_RATE_PER_ADDRESS = 100_000
ENGAGEMENT_HUB_ROOMS_REQUEST_RATE_PER_CLIENT = 100_000
ENGAGEMENT_HUB_ROOMS_REQUEST_RATE_PER_ADDRESS = 100_000
