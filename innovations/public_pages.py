"""The directory's public pages (the list, searched and filtered, and each entry's page)
are cached whole for visitors who are not signed in (adoptadapt/page_cache.py) until
anything they show changes: at England scale each cost 20–30 ms of CPU to render, and
a cached one well under 1 ms.

What they show, and so what a change to invalidates: the entries (with their themes,
support organisations and lineage), their criteria, metrics, evidence sources and
resources, the themes, the organisations (names, kinds, regions), and the adoptions
with their stage, latest fidelity score and accreditations. Every ORM save or delete
of these (services, the admin, the import) changes the version through the receivers
below. Writes that send no signals call `DIRECTORY_PAGES.bump()` themselves: the
stored search vector's refresh (innovations/search.py) and the bulk loaders
(`generate_scale_data`); so does every `migrate` (data migrations, and a deploy's
new templates). tests/innovations/test_public_pages.py changes each through
its services and the admin and checks the page at once.
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from adoptadapt.page_cache import PageCache

DIRECTORY_PAGES = PageCache("directory")


def shown_models() -> list:
    from sites.models import Accreditation, Adoption, FidelityAssessment, Site

    from .models import (
        EvidenceSource,
        FidelityCriterion,
        Innovation,
        OutcomeMetric,
        Resource,
        Theme,
    )

    return [
        Innovation,
        Theme,
        FidelityCriterion,
        OutcomeMetric,
        EvidenceSource,
        Resource,
        Site,
        Adoption,
        FidelityAssessment,
        Accreditation,
    ]


def _changed(sender, **kwargs):
    DIRECTORY_PAGES.bump()


def watch_what_the_pages_show() -> None:
    """Connect the receivers (InnovationsConfig.ready)."""
    from .models import Innovation

    for model in shown_models():
        uid = f"directory-pages-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Innovation.themes.through, Innovation.support_organisations.through):
        m2m_changed.connect(
            _changed, sender=through, dispatch_uid=f"directory-pages-{through._meta.label_lower}"
        )
    post_migrate.connect(_changed, dispatch_uid="directory-pages-migrate")
