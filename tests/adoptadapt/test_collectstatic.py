"""Static files collect with the storage production uses: hashed names, and every
url() in the stylesheets pointing at a file that ships (a missing one fails)."""

import json

from django.core.management import call_command

from adoptadapt.settings import base


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    # Production's storage (base settings), over our own static files only: the
    # packages' files (admin, Swagger UI) are theirs, and compressing them is slow.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed_css = manifest["build/app.css"]
    assert hashed_css != "build/app.css" and (tmp_path / hashed_css).exists()
    assert (tmp_path / f"{hashed_css}.gz").exists()
    assert "build/images/govuk-crest.svg" not in manifest
