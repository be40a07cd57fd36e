from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read-only API"

    def ready(self):
        # Registers the OpenAPI description of the token authentication.
        from . import authentication  # noqa: F401
