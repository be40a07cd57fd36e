"""Settings for the worker process that test_worker_killed.py starts and kills: the
embedded default's settings with the stalling email folder (the provider stand-in)."""

from adoptadapt.settings.local import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "tests.governance.mail_backends.StallingFileBackend"
