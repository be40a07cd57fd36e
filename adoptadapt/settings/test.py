"""Settings for the test suite.

SQLite and an in-memory broker by default; with DATABASE_URL and
CELERY_BROKER_URL set (as .ci/run does) the suite runs on PostgreSQL and Redis.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-use-anywhere-else"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests sign in again and again; the lock-out tests turn django-axes back on.
AXES_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
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
