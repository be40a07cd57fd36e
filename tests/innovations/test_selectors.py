import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from innovations.models import Innovation
from innovations.selectors import directory_counts, innovation_detail_queryset, innovation_list
from tests.factories import AdoptionFactory, FidelityCriterionFactory, InnovationFactory

pytestmark = pytest.mark.django_db


def test_directory_counts_counts_every_status_including_empty_ones():
    InnovationFactory.create_batch(3, status=Innovation.Status.PUBLISHED)
    InnovationFactory(status=Innovation.Status.DRAFT)
    assert directory_counts() == {"draft": 1, "published": 3, "archived": 0}


def test_list_counts_adopting_sites(world):
    listed = {i.slug: i for i in innovation_list(AnonymousUser())}
    assert listed["systemic-units"].adopting_site_count == 2
    assert "unfinished-draft-model" not in listed


def test_list_for_directory_admin_includes_drafts_and_archive(world):
    slugs = set(innovation_list(world.directory_admin).values_list("slug", flat=True))
    assert {"systemic-units", "unfinished-draft-model", "retired-archived-model"} <= slugs


def test_detail_queryset_prefetches_only_active_criteria():
    innovation = InnovationFactory()
    active = FidelityCriterionFactory(innovation=innovation, name="Kept")
    FidelityCriterionFactory(innovation=innovation, name="Old", retired_at=timezone.now())
    fetched = innovation_detail_queryset(AnonymousUser()).get(pk=innovation.pk)
    assert fetched.active_criteria == [active]


def test_detail_queryset_lists_adoptions_by_site_name():
    innovation = InnovationFactory()
    for name in ("Zeta Council", "Alpha Council"):
        AdoptionFactory(innovation=innovation, adopting_site__name=name)
    fetched = innovation_detail_queryset(AnonymousUser()).get(pk=innovation.pk)
    assert [a.adopting_site.name for a in fetched.adoptions.all()] == [
        "Alpha Council",
        "Zeta Council",
    ]
