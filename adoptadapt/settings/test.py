"""Settings for the test suite.

SQLite and an in-memory broker by default; with DATABASE_URL and
CELERY_BROKER_URL set (as .ci/run does) the suite runs on PostgreSQL and Redis.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import env


def redis_database_of_this_test_worker(url: str) -> str:
    """Under pytest-xdist each worker process (gw0, gw1, ...) gets the Redis database
    after the one before, from the URL's own: two workers' Celery tests on one queue
    would run (and purge) each other's tasks. pytest-django gives each worker its own
    test database the same way."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url.startswith("redis://") or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    database = int(parts.path.lstrip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{database}"))


DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-use-anywhere-else"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests sign in again and again; the lock-out tests turn django-axes back on.
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The broker the suite was given, kept for the processes this one starts: their
# CELERY_BROKER_URL is already this worker's, and they work it out again from this.
SUITE_BROKER_URL = os.environ.setdefault(
    "ADOPTADAPT_SUITE_BROKER_URL", env.str("CELERY_BROKER_URL", default="memory://")
)
CELERY_BROKER_URL = redis_database_of_this_test_worker(SUITE_BROKER_URL)
if CELERY_BROKER_URL != SUITE_BROKER_URL:
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
if not CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
HEALTHZ_BROKER_TIMEOUT = 1.0
# Per process, so a test run never counts API requests into var/cache/ (see tests/api).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Pages render every time, so page tests and query budgets see the rendering;
# tests/innovations/test_public_pages.py turns the public page cache on.
PUBLIC_PAGE_CACHE = False
FRAGMENT_CACHE = False
