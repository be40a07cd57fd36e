"""The production settings, as the benchmark serves them, with one difference.

`collectstatic` with the production storage (WhiteNoise's CompressedManifestStaticFilesStorage)
fails: build/app.css refers to build/images/govuk-crest.svg, which scripts/build-frontend.mjs
deliberately does not copy. Until that is fixed, the benchmark collects and serves static
files compressed but without hashed names. The pages, their queries and their bytes are
the same; only the static files' cache lifetime differs, which the benchmark does not use.
"""

from adoptadapt.settings.production import *  # noqa: F403
from adoptadapt.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
