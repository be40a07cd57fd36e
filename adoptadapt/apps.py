from django.apps import AppConfig


class AdoptAdaptConfig(AppConfig):
    """The project package as an app, for its template tags and management commands."""

    name = "adoptadapt"
    verbose_name = "Adopt & Adapt"

    def ready(self):
        from . import security
        from .fragment_cache import watch_every_write

        security.connect_signals()
        watch_every_write()
