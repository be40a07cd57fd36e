import pytest
from django.urls import reverse
from django.utils import timezone

from innovations.models import FidelityCriterion
from tests.factories import FidelityCriterionFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_published_entries_only_to_the_public(world, anonymous_client):
    response = anonymous_client.get(reverse("innovations:list"))
    assert response.status_code == 200
    assert "Systemic Units" in response.text
    assert "Unfinished Draft Model" not in response.text
    assert "Retired Archived Model" not in response.text
    assert "1 innovation" in response.text


def test_directory_admin_sees_drafts_tagged(world, client_for):
    response = client_for(world.directory_admin).get(reverse("innovations:list"))
    assert "Unfinished Draft Model" in response.text
    assert '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' in response.text
    assert '<strong class="govuk-tag govuk-tag--grey">Archived</strong>' in response.text


def test_detail_splits_must_haves_from_adaptables_and_hides_retired(world, anonymous_client):
    innovation = world.innovation
    FidelityCriterionFactory(innovation=innovation, name="Unit of five")
    FidelityCriterionFactory(
        innovation=innovation, name="Meeting room", kind=FidelityCriterion.Kind.ADAPTABLE
    )
    FidelityCriterionFactory(innovation=innovation, name="Retired rule", retired_at=timezone.now())
    response = anonymous_client.get(innovation.get_absolute_url())
    assert response.status_code == 200
    assert [c.name for c in response.context["must_haves"]] == ["Unit of five"]
    assert [c.name for c in response.context["adaptables"]] == ["Meeting room"]
    assert "Retired rule" not in response.text


def test_detail_links_only_the_adoptions_the_viewer_may_see(world, client_for):
    response = client_for(world.lead).get(world.innovation.get_absolute_url())
    assert response.context["visible_adoption_ids"] == {world.adoption.pk}
    assert f'href="{world.adoption.get_absolute_url()}"' in response.text
    assert f'href="{world.other_adoption.get_absolute_url()}"' not in response.text
    # The other site is still named, just not linked.
    assert "Other Borough Council" in response.text


def test_detail_links_no_adoption_for_the_public(world, anonymous_client):
    response = anonymous_client.get(world.innovation.get_absolute_url())
    assert response.context["visible_adoption_ids"] == set()
    assert "/adoptions/" not in response.text


def test_directory_admin_sees_the_draft_warning(world, client_for):
    response = client_for(world.directory_admin).get(world.draft_innovation.get_absolute_url())
    assert response.status_code == 200
    assert "This entry is a draft and is not shown to the public." in response.text
    response = client_for(world.directory_admin).get(world.archived_innovation.get_absolute_url())
    assert "This entry is archived and is not shown to the public." in response.text
