"""The production settings, as the fault tests' web and worker processes run them.

One difference: static files come from the finders (as on the embedded default), not
from a collected manifest, because collecting them with production's storage takes
longer than the fault tests themselves (tests/adoptadapt/test_collectstatic.py tests
it). Everything a fault touches (database connections, broker, cache, sessions,
cookies, error pages) is production's, read from the environment at start.
"""

from adoptadapt.settings.production import *  # noqa: F403
from adoptadapt.settings.production import STORAGES

WHITENOISE_USE_FINDERS = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
