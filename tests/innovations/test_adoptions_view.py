"""The cross-site view of one innovation: every adoption across all boards, for directory
admins and the innovation's originating partners."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from innovations.models import FidelityCriterion, Innovation
from sites.models import AdoptionRole, CriterionScore, Rag
from tests.factories import (
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    ProgressUpdateFactory,
    SiteFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow
from tests.world import ACTORS

pytestmark = pytest.mark.django_db

Score = CriterionScore.Score
JAN = datetime.date(2025, 1, 1)
FEB = datetime.date(2025, 2, 1)
NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


def _url(innovation) -> str:
    return reverse("innovations:adoptions", kwargs={"slug": innovation.slug})


@pytest.fixture
def scored(world):
    """Both adoptions of the world's innovation reported and assessed on two must-haves."""
    weekly = FidelityCriterionFactory(innovation=world.innovation, name="Weekly unit meeting")
    clinician = FidelityCriterionFactory(innovation=world.innovation, name="Unit clinician")
    ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=JAN, rag=Rag.AMBER, submit=True
    )
    # A later draft is not a reported RAG.
    ProgressUpdateFactory(actor=world.lead, adoption=world.adoption, period=FEB, rag=Rag.RED)
    ProgressUpdateFactory(
        actor=world.other_lead,
        adoption=world.other_adoption,
        period=FEB,
        rag=Rag.GREEN,
        submit=True,
    )
    FidelityAssessmentFactory(
        actor=world.lead,
        adoption=world.adoption,
        assessed_on=FEB,
        scores={weekly: (Score.MET, ""), clinician: (Score.NOT_MET, "")},
    )
    FidelityAssessmentFactory(
        actor=world.other_lead,
        adoption=world.other_adoption,
        assessed_on=FEB,
        scores={weekly: (Score.MET, ""), clinician: (Score.MET, "")},
    )
    return weekly, clinician


def test_the_originating_partner_sees_every_adoption_across_boards(world, scored, client_for):
    response = client_for(world.originating_partner).get(_url(world.innovation))
    assert response.status_code == 200
    adoptions = {a.adopting_site.name: a for a in response.context["adoptions"]}
    assert list(adoptions) == ["Adopting Borough Council", "Other Borough Council"]
    ours, other = adoptions["Adopting Borough Council"], adoptions["Other Borough Council"]
    assert (ours.latest_rag, ours.latest_rag_period) == (Rag.AMBER, JAN)
    assert (other.latest_rag, other.latest_rag_period) == (Rag.GREEN, FEB)
    assert (ours.latest_fidelity_score, ours.fidelity_band) == (50, "low")
    assert (other.latest_fidelity_score, other.fidelity_band) == (100, "high")
    text = response.text
    assert "Our Adopters Board" in text and "Other Adopters Board" in text
    assert "for January 2025" in text
    assert "50% on 1 Feb 2025" in text


def test_only_adoptions_the_viewer_may_see_are_links(world, scored, client_for):
    response = client_for(world.originating_partner).get(_url(world.innovation))
    assert response.context["visible_adoption_ids"] == {world.adoption.pk}
    assert f'href="{world.adoption.get_absolute_url()}"' in response.text
    assert f'href="{world.other_adoption.get_absolute_url()}"' not in response.text
    response = client_for(world.directory_admin).get(_url(world.innovation))
    assert f'href="{world.other_adoption.get_absolute_url()}"' in response.text


def test_the_heatmap_has_words_in_every_cell_and_a_spread_per_must_have(world, scored, client_for):
    weekly, clinician = scored
    response = client_for(world.directory_admin).get(_url(world.innovation))
    heatmap = response.context["heatmap"]
    assert heatmap.criteria == [weekly, clinician]
    assert [[cell.score for cell in row.cells] for row in heatmap.rows] == [
        [Score.MET, Score.NOT_MET],
        [Score.MET, Score.MET],
    ]
    verdicts = [(spread.criterion, spread.verdict) for spread in heatmap.spread]
    assert verdicts == [(weekly, "Holds everywhere"), (clinician, "Drifting")]
    heatmap_html = response.text.split('id="heatmap"')[1]
    assert heatmap_html.count(">Met</strong>") == 3
    assert heatmap_html.count(">Not met</strong>") == 1
    assert "Holds everywhere" in heatmap_html and "Drifting" in heatmap_html


def test_a_site_not_yet_assessed_says_so_in_its_cells(world, client_for):
    FidelityCriterionFactory(innovation=world.innovation, name="Weekly unit meeting")
    FidelityAssessmentFactory(actor=world.lead, adoption=world.adoption, assessed_on=FEB)
    response = client_for(world.directory_admin).get(_url(world.innovation))
    assert "Not assessed yet" in response.text
    assert ">Not scored</strong>" in response.text


def test_an_innovation_nobody_has_adopted_shows_an_empty_state(world, client_for):
    response = client_for(world.directory_admin).get(_url(world.draft_innovation))
    assert response.status_code == 200
    assert response.context["adoptions"] == []
    assert "No site has adopted Unfinished Draft Model yet." in response.text


def test_adopted_but_no_assessments_yet_says_so(world, client_for):
    FidelityCriterionFactory(innovation=world.innovation, name="Weekly unit meeting")
    response = client_for(world.originating_partner).get(_url(world.innovation))
    assert "No adopting site has recorded a fidelity assessment yet." in response.text
    assert ">Not reported</strong>" in response.text


@pytest.mark.parametrize(
    "actor", ["unrelated_user", "lead", "contributor", "board_member", "board_chair"]
)
def test_people_without_the_role_get_a_404(world, client_for, actor):
    assert client_for(world.actor(actor)).get(_url(world.innovation)).status_code == 404


def test_an_originating_partner_of_another_innovation_gets_a_404(world, client_for):
    elsewhere = AdoptionFactory(innovation=InnovationFactory())
    partner = UserFactory()
    AdoptionRoleFactory(
        adoption=elsewhere, user=partner, role=AdoptionRole.Role.ORIGINATING_PARTNER
    )
    assert client_for(partner).get(_url(world.innovation)).status_code == 404
    assert client_for(partner).get(_url(elsewhere.innovation)).status_code == 200


def test_signing_in_is_asked_of_anonymous_visitors(world, client_for):
    url = _url(world.innovation)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("actor", ACTORS)
def test_the_innovation_page_links_to_it_only_for_those_who_may_see_it(world, client_for, actor):
    response = client_for(world.actor(actor)).get(world.innovation.get_absolute_url())
    may = actor in ("originating_partner", "directory_admin")
    assert response.context["can_see_every_adoption"] is may
    assert ("See every adoption of this innovation" in response.text) is may
    assert (_url(world.innovation) in response.text) is may


@pytest.mark.parametrize("actor", ACTORS)
def test_the_queryset_and_the_permission_agree(world, actor):
    user = world.actor(actor)
    for innovation in (world.innovation, world.draft_innovation):
        in_queryset = (
            Innovation.objects.adoptions_overseeable_by(user).filter(pk=innovation.pk).exists()
        )
        assert in_queryset == user.has_perm("innovations.view_innovation_adoptions", innovation)
        expected = actor == "directory_admin" or (
            actor == "originating_partner" and innovation == world.innovation
        )
        assert in_queryset is expected


def test_an_inactive_originating_partner_sees_nothing(world):
    world.originating_partner.is_active = False
    world.originating_partner.save()
    assert not Innovation.objects.adoptions_overseeable_by(world.originating_partner).exists()


# --- Query budget ----------------------------------------------------------------------


def test_cross_site_view_with_2_then_20_adoptions(client_for):
    innovation = InnovationFactory()
    criteria = FidelityCriterionFactory.create_batch(
        3, innovation=innovation, kind=FidelityCriterion.Kind.MUST_HAVE
    )
    partner = UserFactory()

    def add(n):
        for index in range(n):
            adoption = AdoptionFactory(
                innovation=innovation,
                adopting_site=SiteFactory(),
                board=GovernanceBoardFactory(),
            )
            role = AdoptionRole.Role.ORIGINATING_PARTNER if index % 2 else AdoptionRole.Role.LEAD
            if role == AdoptionRole.Role.ORIGINATING_PARTNER:
                AdoptionRoleFactory(adoption=adoption, user=partner, role=role)
            ProgressUpdateFactory(adoption=adoption, period=JAN, rag=Rag.AMBER, submit=True)
            FidelityAssessmentFactory(
                adoption=adoption,
                assessed_on=FEB,
                scores=dict.fromkeys(criteria, (Score.PARTLY_MET, "")),
            )

    add(2)
    count = assert_queries_do_not_grow(
        client_for(partner),
        reverse("innovations:adoptions", kwargs={"slug": innovation.slug}),
        grow=lambda: add(18),
        small="2 adoptions",
        large="20 adoptions",
    )
    # Session and user (2), the innovation (1), the adoptions with their RAG and fidelity
    # (1), the adoptions the partner may open (1), the must-haves and their scores (2),
    # and the navigation asking whether to offer Boards (1).
    assert count <= 8
