"""Local development: `make run`. Debug on, a fixed insecure key unless one is set."""

from .base import *  # noqa: F403
from .env import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "django-insecure-dev-only-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
