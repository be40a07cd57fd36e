from django.apps import AppConfig


class AdoptAdaptConfig(AppConfig):
    """The project package as an app, for its template tags and management commands."""

    name = "adoptadapt"
    verbose_name = "Adopt & Adapt"
