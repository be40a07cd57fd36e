"""Lineage: an innovation adapted from another, its family on the directory page, the
"adapted from" filter, and a directory admin promoting an adaptation to an entry."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from innovations.lineage import descendant_ids, innovation_family
from innovations.models import FidelityCriterion, Innovation
from innovations.services import innovation_promote_adaptation, innovation_update
from sites.models import Adaptation
from tests.factories import FidelityCriterionFactory, InnovationFactory, OutcomeMetricFactory
from tests.querycount import assert_queries_do_not_grow
from tests.world import world_adaptation

pytestmark = pytest.mark.django_db


def adapt(child, parent, admin, **extra):
    return innovation_update(
        actor=admin,
        innovation=child,
        adapted_from=parent,
        lineage_changes=extra.pop("changes", f"{child.name} changes {parent.name}."),
        **extra,
    )


@pytest.fixture
def family(world):
    """MST ← MST-FIT ← FIT-Leeds, and MST ← MST-CAN; plus an unrelated entry."""
    admin = world.directory_admin
    mst = InnovationFactory(name="Multisystemic Therapy", slug="mst")
    fit = adapt(InnovationFactory(name="MST-FIT", slug="mst-fit"), mst, admin)
    leeds = adapt(InnovationFactory(name="FIT Leeds", slug="fit-leeds"), fit, admin)
    can = adapt(InnovationFactory(name="MST-CAN", slug="mst-can"), mst, admin)
    return {"mst": mst, "fit": fit, "leeds": leeds, "can": can}


def test_family_has_ancestors_oldest_first_and_the_tree_from_the_root(world, family):
    result = innovation_family(family["leeds"], world.lead)
    assert [i.slug for i in result.ancestors] == ["mst", "mst-fit"]
    root = result.root
    assert root.innovation.slug == "mst"
    assert [c.innovation.slug for c in root.children] == ["mst-can", "mst-fit"]
    fit = root.children[1]
    assert [c.innovation.slug for c in fit.children] == ["fit-leeds"]
    assert fit.children[0].is_current and not root.is_current
    assert result.descendant_count == 0
    assert innovation_family(family["mst"], world.lead).descendant_count == 3


def test_an_entry_outside_any_family_has_none(world, family):
    assert innovation_family(world.innovation, world.lead).is_empty


def test_entries_the_viewer_may_not_see_are_left_out_with_their_branches(world, family):
    family["fit"].status = Innovation.Status.DRAFT
    family["fit"].save()
    seen = innovation_family(family["mst"], None)
    assert [c.innovation.slug for c in seen.root.children] == ["mst-can"]
    admin_view = innovation_family(family["mst"], world.directory_admin)
    assert len(admin_view.root.children) == 2


def test_descendants_are_found_at_any_distance(family):
    assert descendant_ids(family["mst"].pk) == {
        family["fit"].pk,
        family["leeds"].pk,
        family["can"].pk,
    }
    assert descendant_ids(family["leeds"].pk) == set()


def test_an_entry_cannot_become_its_own_ancestor(world, family):
    with pytest.raises(ValidationError) as error:
        adapt(family["mst"], family["leeds"], world.directory_admin)
    assert "is already adapted from it" in str(error.value)
    with pytest.raises(ValidationError):
        adapt(family["mst"], family["mst"], world.directory_admin)
    family["mst"].refresh_from_db()
    assert family["mst"].adapted_from is None


def test_adapted_from_needs_what_changed_and_lineage_needs_a_parent(world, family):
    with pytest.raises(ValidationError) as error:
        adapt(
            InnovationFactory(name="Quiet Copy"), family["mst"], world.directory_admin, changes=""
        )
    assert "Say what changed from Multisystemic Therapy" in str(error.value)
    with pytest.raises(ValidationError) as error:
        innovation_update(
            actor=world.directory_admin, innovation=world.innovation, adapted_by="Someone"
        )
    assert "Select the innovation it was adapted from" in str(error.value)


def test_edit_form_saves_the_lineage_and_shows_errors_on_the_fields(world, family, client_for):
    client = client_for(world.directory_admin)
    url = reverse("innovations:edit", kwargs={"slug": world.innovation.slug})
    data = {
        "name": world.innovation.name,
        "slug": world.innovation.slug,
        "summary": world.innovation.summary,
        "evidence_level": world.innovation.evidence_level,
        "cost_rating": "",
        "adapted_from": str(family["can"].pk),
        "lineage_changes": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say what changed from MST-CAN" in response.content.decode()
    data["lineage_changes"] = "Units replace the therapist teams."
    data["adapted_at"] = str(world.adopting_site.pk)
    data["adapted_by"] = "The adopting borough's practice lead"
    response = client.post(url, data)
    assert response.status_code == 302
    world.innovation.refresh_from_db()
    assert world.innovation.adapted_from == family["can"]
    assert world.innovation.adapted_at == world.adopting_site
    assert world.innovation.history.first().adapted_from_id == family["can"].pk


def test_directory_page_shows_where_it_came_from_and_its_family(world, family, client_for):
    response = client_for(None).get(reverse("innovations:detail", kwargs={"slug": "mst-fit"}))
    page = response.content.decode()
    assert "It was adapted from" in page and 'href="/directory/mst/"' in page
    assert "MST-FIT changes Multisystemic Therapy." in page
    assert 'href="/directory/fit-leeds/"' in page and 'href="/directory/mst-can/"' in page
    assert "1 innovation in the directory was adapted from it" in page
    assert "?adapted_from=mst-fit" in page


def test_adapted_from_filter_finds_every_descendant(world, family, client_for):
    response = client_for(None).get(reverse("innovations:list"), {"adapted_from": "mst"})
    names = {i.name for i in response.context["innovations"]}
    assert names == {"MST-FIT", "FIT Leeds", "MST-CAN"}
    options = response.context["form"].fields["adapted_from"].queryset
    assert set(options.values_list("slug", flat=True)) == {"mst", "mst-fit"}


def test_adapted_from_filter_ignores_an_unknown_entry_and_says_so(world, family, client_for):
    response = client_for(None).get(reverse("innovations:list"), {"adapted_from": "no-such"})
    assert response.status_code == 200
    assert "is not one of the choices for adapted from" in response.content.decode()
    assert len(response.context["innovations"]) == Innovation.objects.published().count()


def test_directory_page_queries_do_not_grow_with_the_family(world, family, client_for):
    def grow():
        for n in range(3):
            adapt(InnovationFactory(name=f"FIT variant {n}"), family["fit"], world.directory_admin)

    assert_queries_do_not_grow(
        client_for(None), reverse("innovations:detail", kwargs={"slug": "mst-fit"}), grow=grow
    )


# --- promoting an adaptation to a directory entry ---------------------------------


def promote(world, adaptation, **overrides):
    fields = {
        "name": "Systemic Units Rural",
        "summary": "Units for rural districts.",
        "lineage_changes": "Fortnightly meetings online.",
        "lineage_reasons": "Distances.",
        "adapted_by": "The adopting borough",
        "copy_parts": True,
    } | overrides
    return innovation_promote_adaptation(
        actor=world.directory_admin, adaptation=adaptation, **fields
    )


def test_promotion_makes_a_linked_draft_with_the_parents_parts(world):
    adaptation = world_adaptation(world)
    FidelityCriterionFactory(
        innovation=world.innovation, name="Retired one", retired_at="2024-01-01T00:00Z"
    )
    OutcomeMetricFactory(innovation=world.innovation, name="Children seen")
    entry = promote(world, adaptation)
    assert entry.status == Innovation.Status.DRAFT
    assert entry.adapted_from == world.innovation
    assert entry.adapted_at == entry.originating_site == world.adopting_site
    assert entry.promoted_from == adaptation
    assert list(entry.criteria.values_list("name", "kind")) == [
        ("Weekly unit meeting", FidelityCriterion.Kind.MUST_HAVE)
    ]
    assert list(entry.metrics.values_list("name", flat=True)) == ["Children seen"]


def test_promotion_without_parts_and_only_once(world):
    adaptation = world_adaptation(world)
    entry = promote(world, adaptation, copy_parts=False)
    assert not entry.criteria.exists()
    with pytest.raises(ValidationError, match="already has its own directory entry"):
        promote(world, adaptation, name="Another name")
    assert Innovation.objects.filter(adapted_from=world.innovation).count() == 1


def test_promote_page_starts_from_the_adaptation_and_creates_the_entry(world, client_for):
    adaptation = world_adaptation(world)
    url = reverse(
        "adoptions:adaptation_promote",
        kwargs={"pk": world.adoption.pk, "adaptation_pk": adaptation.pk},
    )
    client = client_for(world.directory_admin)
    form = client.get(url).context["form"]
    assert form.initial["name"] == adaptation.title
    assert (
        "Organisation or setting: Rural teams cannot meet weekly"
        in (form.initial["lineage_reasons"])
    )
    data = {
        "name": "Systemic Units",  # taken
        "summary": "x",
        "lineage_changes": "y",
        "copy_parts": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Another innovation is already called" in response.content.decode()
    response = client.post(url, data | {"name": "Rural Systemic Units"})
    entry = Innovation.objects.get(name="Rural Systemic Units")
    assert response.status_code == 302 and response.url == entry.get_absolute_url()
    detail = client.get(
        reverse(
            "adoptions:adaptation_detail",
            kwargs={"pk": world.adoption.pk, "adaptation_pk": adaptation.pk},
        )
    ).content.decode()
    assert "This adaptation became an innovation of its own" in detail
    # The lead sees the link only once the entry is published.
    lead_view = client_for(world.lead).get(
        reverse(
            "adoptions:adaptation_detail",
            kwargs={"pk": world.adoption.pk, "adaptation_pk": adaptation.pk},
        )
    )
    assert "became an innovation of its own" not in lead_view.content.decode()
    assert "Promote to a directory entry" not in lead_view.content.decode()


def test_promotion_keeps_the_link_when_the_adaptation_is_deleted(world):
    adaptation = world_adaptation(world)
    entry = promote(world, adaptation)
    Adaptation.objects.filter(pk=adaptation.pk).delete()
    entry.refresh_from_db()
    assert entry.promoted_from is None and entry.adapted_from == world.innovation
