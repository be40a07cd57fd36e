from django.apps import AppConfig


class SitesConfig(AppConfig):
    """Organisations and the adoptions that happen at them.

    Labelled ``adoptadapt_sites`` so it can never collide with ``django.contrib.sites``
    (label ``sites``), which this project does not install.
    """

    name = "sites"
    label = "adoptadapt_sites"
    verbose_name = "Sites and adoptions"
