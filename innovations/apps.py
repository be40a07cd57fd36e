from django.apps import AppConfig


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = "Innovation directory"

    def ready(self):
        from .public_pages import watch_what_the_pages_show

        watch_what_the_pages_show()
