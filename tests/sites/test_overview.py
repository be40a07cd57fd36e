"""The adoption overview: the journey's task-list statuses, days in each stage, the
RAG trend, and the page that shows them."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from innovations.models import FidelityCriterion
from sites import services
from sites.models import Adoption, ContextFactor, ProgressUpdate, Rag, ReadinessItem, Stage
from sites.selectors import (
    TaskStatus,
    current_rag,
    days_in_each_stage,
    journey_tasks,
    months_before,
    rag_trend,
    stage_periods,
    trend_months,
    with_journey_counts,
)
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    ProgressUpdateFactory,
    SiteFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow
from tests.world import world_journey_row

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 20)
NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)

NOT_STARTED = TaskStatus.NOT_STARTED
IN_PROGRESS = TaskStatus.IN_PROGRESS
COMPLETED = TaskStatus.COMPLETED


def tasks(adoption, today=TODAY):
    annotated = with_journey_counts(Adoption.objects.filter(pk=adoption.pk)).get()
    return {task.key: task for task in journey_tasks(annotated, today=today)}


def status(adoption, key, today=TODAY):
    return tasks(adoption, today)[key].status


@pytest.fixture
def bare(world):
    """An adoption with nothing recorded: no partner, no people, no notes."""
    return AdoptionFactory(
        actor=world.lead, innovation=world.innovation, partner_site=None, started_on=TODAY
    )


def _exchange(adoption, actor, **overrides):
    fields = {
        "kind": "secondment",
        "from_site": adoption.partner_site or SiteFactory(),
        "to_site": adoption.adopting_site,
        "started_on": datetime.date(2024, 6, 1),
    } | overrides
    return services.personnel_exchange_create(actor=actor, adoption=adoption, **fields)


def _factor(adoption, actor, domain, **overrides):
    fields = {
        "domain": domain,
        "name": f"Factor in {domain}",
        "originating_rating": 1,
        "adopting_rating": 1,
        "nature": ContextFactor.Nature.ASSET,
        "fit": ContextFactor.Fit.ALIGNED,
    } | overrides
    return services.context_factor_create(actor=actor, adoption=adoption, **fields)


def _readiness(adoption, actor, status=ReadinessItem.Status.DONE):
    return services.readiness_item_create(
        actor=actor,
        adoption=adoption,
        area=ReadinessItem.Area.WORKFORCE,
        description="Posts approved",
        status=status,
    )


# --- 1. Partnerships and shared personnel ------------------------------------------


def test_partnerships_not_started_with_no_partner_people_or_exchange(bare):
    task = tasks(bare)["partnerships"]
    assert task.status == NOT_STARTED
    assert "an originating partner site" in task.hint
    assert "a personnel exchange" in task.hint


def test_partnerships_in_progress_with_partner_site_and_people_but_no_exchange(world):
    task = tasks(world.adoption)["partnerships"]
    assert task.status == IN_PROGRESS
    assert task.hint == "Still to record: a personnel exchange"


def test_partnerships_in_progress_with_only_an_exchange(bare, world):
    _exchange(bare, world.lead, from_site=world.originating_site)
    assert status(bare, "partnerships") == IN_PROGRESS


def test_partnerships_completed_with_partner_people_and_an_exchange(world):
    _exchange(world.adoption, world.lead)
    task = tasks(world.adoption)["partnerships"]
    assert task.status == COMPLETED
    assert task.hint == "1 originating partner, 1 personnel exchange"


def test_partnerships_need_a_support_organisation_when_the_innovation_lists_one(world):
    _exchange(world.adoption, world.lead)
    support = SiteFactory(name="Practice Support Ltd")
    world.innovation.support_organisations.add(support)
    task = tasks(world.adoption)["partnerships"]
    assert task.status == IN_PROGRESS
    assert "a support organisation" in task.hint
    services.adoption_partnership_update(
        actor=world.lead,
        adoption=world.adoption,
        partner_site=world.originating_site,
        support_organisation=support,
    )
    assert status(world.adoption, "partnerships") == COMPLETED


def test_partnerships_need_someone_from_the_originating_partner(world):
    _exchange(world.adoption, world.lead)
    world.adoption.roles.filter(role="originating_partner").delete()
    task = tasks(world.adoption)["partnerships"]
    assert task.status == IN_PROGRESS
    assert "someone from the originating partner" in task.hint


# --- 2. Understand the innovation --------------------------------------------------


def test_innovation_not_started_without_notes_even_with_must_haves(world):
    FidelityCriterionFactory(innovation=world.innovation)
    assert status(world.adoption, "innovation") == NOT_STARTED


def test_innovation_in_progress_with_notes_but_no_must_haves_in_the_directory(world):
    FidelityCriterionFactory(innovation=world.innovation, kind=FidelityCriterion.Kind.ADAPTABLE)
    services.adoption_team_notes_update(
        actor=world.lead, adoption=world.adoption, team_notes="Protect the weekly meeting."
    )
    task = tasks(world.adoption)["innovation"]
    assert task.status == IN_PROGRESS
    assert "does not name its must-haves" in task.hint


def test_innovation_completed_with_notes_and_must_haves(world):
    FidelityCriterionFactory(innovation=world.innovation)
    services.adoption_team_notes_update(
        actor=world.lead, adoption=world.adoption, team_notes="Protect the weekly meeting."
    )
    assert status(world.adoption, "innovation") == COMPLETED


def test_innovation_retired_must_haves_do_not_count(world):
    FidelityCriterionFactory(innovation=world.innovation, retired_at=NOW)
    services.adoption_team_notes_update(
        actor=world.lead, adoption=world.adoption, team_notes="Notes"
    )
    assert status(world.adoption, "innovation") == IN_PROGRESS


def test_innovation_blank_notes_are_not_notes(world):
    services.adoption_team_notes_update(actor=world.lead, adoption=world.adoption, team_notes="  ")
    assert status(world.adoption, "innovation") == NOT_STARTED


# --- 3. Understand the new context -------------------------------------------------


def test_context_not_started_with_no_factors_or_readiness(world):
    task = tasks(world.adoption)["context"]
    assert task.status == NOT_STARTED
    assert task.hint == "0 of 5 domains diagnosed; 0 of 0 readiness items done"


def test_context_in_progress_with_one_factor(world):
    _factor(world.adoption, world.lead, ContextFactor.Domain.INNER_SETTING)
    assert status(world.adoption, "context") == IN_PROGRESS


def test_context_in_progress_with_only_a_readiness_item(world):
    _readiness(world.adoption, world.lead, ReadinessItem.Status.NOT_STARTED)
    assert status(world.adoption, "context") == IN_PROGRESS


def test_context_in_progress_with_five_domains_but_no_readiness_items(world):
    for domain in ContextFactor.Domain:
        _factor(world.adoption, world.lead, domain)
    assert status(world.adoption, "context") == IN_PROGRESS


def test_context_in_progress_while_a_readiness_item_is_not_done(world):
    for domain in ContextFactor.Domain:
        _factor(world.adoption, world.lead, domain)
    _readiness(world.adoption, world.lead)
    _readiness(world.adoption, world.lead, ReadinessItem.Status.IN_PROGRESS)
    task = tasks(world.adoption)["context"]
    assert task.status == IN_PROGRESS
    assert task.hint == "5 of 5 domains diagnosed; 1 of 2 readiness items done"


def test_context_completed_with_all_domains_and_every_readiness_item_done(world):
    for domain in ContextFactor.Domain:
        _factor(world.adoption, world.lead, domain)
        _factor(world.adoption, world.lead, domain, name="A second factor")
    _readiness(world.adoption, world.lead)
    assert status(world.adoption, "context") == COMPLETED


def test_context_four_domains_are_not_enough(world):
    for domain in list(ContextFactor.Domain)[:4]:
        _factor(world.adoption, world.lead, domain)
    _readiness(world.adoption, world.lead)
    assert status(world.adoption, "context") == IN_PROGRESS


# --- 4. Balance fidelity with flexibility ------------------------------------------


def test_fidelity_not_started_without_assessments_or_adaptations(world):
    task = tasks(world.adoption)["fidelity"]
    assert task.status == NOT_STARTED
    assert task.hint.startswith("No fidelity assessment yet")


def test_fidelity_in_progress_with_only_an_adaptation(world):
    AdaptationFactory(actor=world.lead, adoption=world.adoption)
    assert status(world.adoption, "fidelity") == IN_PROGRESS


def test_fidelity_completed_with_a_recent_assessment_and_nothing_awaiting(world):
    FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2025, 1, 10)
    )
    AdaptationFactory(actor=world.lead, adoption=world.adoption)  # approved by the lead
    task = tasks(world.adoption)["fidelity"]
    assert task.status == COMPLETED
    assert "10 January 2025" in task.hint


def test_fidelity_six_months_ago_to_the_day_still_counts(world):
    FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2024, 9, 20)
    )
    assert status(world.adoption, "fidelity") == COMPLETED
    assert status(world.adoption, "fidelity", today=datetime.date(2025, 3, 21)) == IN_PROGRESS


def test_fidelity_in_progress_when_the_last_assessment_is_older_than_six_months(world):
    FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2024, 8, 1)
    )
    task = tasks(world.adoption)["fidelity"]
    assert task.status == IN_PROGRESS
    assert "more than six months ago" in task.hint


def test_fidelity_in_progress_while_an_adaptation_awaits_the_board(world):
    must_have = FidelityCriterionFactory(innovation=world.innovation)
    FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2025, 3, 1)
    )
    AdaptationFactory(actor=world.lead, adoption=world.adoption, criteria=[must_have])
    task = tasks(world.adoption)["fidelity"]
    assert task.status == IN_PROGRESS
    assert "1 adaptation awaiting a board decision" in task.hint


def test_months_before_keeps_the_day_or_uses_the_month_end():
    assert months_before(datetime.date(2025, 3, 20), 6) == datetime.date(2024, 9, 20)
    assert months_before(datetime.date(2025, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert months_before(datetime.date(2024, 8, 31), 6) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2025, 1, 15), 1) == datetime.date(2024, 12, 15)


# --- Days in each stage ------------------------------------------------------------


def _changes(adoption):
    return list(adoption.stage_changes.all())


@time_machine.travel(NOW, tick=False)
def test_days_in_stage_run_to_the_next_change_and_today_for_the_current(world):
    adoption = world.adoption  # exploration from 1 April 2024
    services.adoption_stage_change(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.PREPARATION,
        changed_on=datetime.date(2024, 6, 1),
    )
    services.adoption_stage_change(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.IMPLEMENTATION,
        changed_on=datetime.date(2025, 1, 1),
    )
    periods = stage_periods(_changes(adoption), today=TODAY)
    assert [(p.change.stage, p.days, p.is_current) for p in periods] == [
        ("exploration", 61, False),
        ("preparation", 214, False),
        ("implementation", 78, True),
    ]
    assert periods[0].ended_on == datetime.date(2024, 6, 1)
    assert periods[2].ended_on is None


def test_days_in_each_stage_add_up_a_stage_reached_twice(world):
    adoption = world.adoption
    for stage, day in (
        (Stage.IMPLEMENTATION, datetime.date(2024, 5, 1)),
        (Stage.PAUSED, datetime.date(2024, 6, 1)),
        (Stage.IMPLEMENTATION, datetime.date(2024, 6, 11)),
    ):
        services.adoption_stage_change(
            actor=world.lead, adoption=adoption, stage=stage, changed_on=day
        )
    periods = stage_periods(_changes(adoption), today=datetime.date(2024, 7, 1))
    assert days_in_each_stage(periods) == [
        ("Exploration", 30),
        ("Implementation", 31 + 20),
        ("Paused", 10),
    ]


def test_days_in_stage_orders_changes_on_one_day_by_when_they_were_recorded(world):
    adoption = world.adoption
    for stage in (Stage.PREPARATION, Stage.IMPLEMENTATION):
        services.adoption_stage_change(
            actor=world.lead, adoption=adoption, stage=stage, changed_on=datetime.date(2024, 5, 1)
        )
    periods = stage_periods(_changes(adoption), today=datetime.date(2024, 5, 11))
    assert [(p.change.stage, p.days) for p in periods] == [
        ("exploration", 30),
        ("preparation", 0),
        ("implementation", 10),
    ]


# --- The RAG trend -----------------------------------------------------------------


def test_trend_months_are_the_twelve_months_up_to_last_month():
    months = trend_months(TODAY)
    assert len(months) == 12
    assert months[0] == datetime.date(2024, 3, 1)
    assert months[-1] == datetime.date(2025, 2, 1)


def test_rag_trend_shows_submitted_updates_only_and_gaps(world):
    ProgressUpdateFactory(
        actor=world.lead,
        adoption=world.adoption,
        period=datetime.date(2025, 1, 1),
        rag=Rag.AMBER,
        submit=True,
    )
    ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=datetime.date(2025, 2, 1), rag=Rag.RED
    )
    updates = list(ProgressUpdate.objects.filter(adoption=world.adoption))
    trend = rag_trend(updates, today=TODAY)
    assert [month.rag for month in trend[-3:]] == ["", Rag.AMBER, ""]
    assert trend[-1].update.status == ProgressUpdate.Status.DRAFT
    assert current_rag(updates).period == datetime.date(2025, 1, 1)
    assert current_rag([]) is None


# --- The page ----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_overview_shows_the_task_list_with_statuses_and_links(world, client_for):
    _exchange(world.adoption, world.lead)
    response = client_for(world.lead).get(world.adoption.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert 'class="govuk-task-list"' in text
    partnerships = reverse("adoptions:partnerships", kwargs={"pk": world.adoption.pk})
    assert f'href="{partnerships}"' in text
    assert "1. Partnerships and shared personnel" in text
    assert '<span id="task-partnerships-status">Completed</span>' in text
    assert 'task-innovation-status">Not started</strong>' in text
    assert reverse("adoptions:innovation", kwargs={"pk": world.adoption.pk}) in text
    assert reverse("adoptions:context", kwargs={"pk": world.adoption.pk}) in text


@time_machine.travel(NOW, tick=False)
def test_overview_links_to_the_monthly_update_and_fidelity_pages(world, client_for):
    pk = world.adoption.pk
    text = client_for(world.lead).get(world.adoption.get_absolute_url()).text
    for name, kwargs in (
        ("adoptions:assessment_list", {}),
        ("adoptions:assessment_new", {}),
        ("adoptions:adaptation_list", {}),
        ("adoptions:adaptation_new", {}),
        ("adoptions:update_list", {}),
        ("adoptions:update_edit", {"period": "2025-02"}),
    ):
        assert f'href="{reverse(name, kwargs={"pk": pk, **kwargs})}"' in text, name
    assert "Write the February 2025 update" in text


def test_url_if_exists_is_empty_for_a_page_that_does_not_exist():
    from sites.templatetags.journey import url_if_exists

    assert url_if_exists("adoptions:no_such_page", pk=1) == ""
    assert url_if_exists("adoptions:detail", pk=7) == "/adoptions/7/"


@time_machine.travel(NOW, tick=False)
def test_overview_shows_stage_days_milestones_and_the_rag_trend(world, client_for):
    adoption = world.adoption
    services.adoption_stage_change(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.PREPARATION,
        changed_on=datetime.date(2025, 1, 1),
        note="Business case approved",
    )
    services.milestone_create(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.EXPLORATION,
        title="Visit Hackney",
        completed_on=datetime.date(2024, 5, 2),
    )
    services.milestone_create(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.PREPARATION,
        title="Recruit consultants",
        due_on=datetime.date(2025, 3, 1),
    )
    ProgressUpdateFactory(
        actor=world.lead,
        adoption=adoption,
        period=datetime.date(2025, 2, 1),
        rag=Rag.AMBER_GREEN,
        submit=True,
    )
    text = client_for(world.board_member).get(adoption.get_absolute_url()).text
    assert "Since 1 January 2025 (78 days)" in text
    assert "Exploration</dt>" in text and "275 days" in text
    assert "Recorded by Lee Tester: Business case approved" in text
    assert "Visit Hackney" in text and "Completed</strong> 2 May 2024" in text
    assert "Recruit consultants" in text and "Overdue</strong> due 1 March 2025" in text
    assert "1 of 2 milestone activities completed." in text
    assert "February 2025: Amber/green" in text  # the chart's accessible text
    assert "RAG status by month, March 2024 to February 2025" in text
    # A board member sees the page but no way to change it.
    assert "Change the stage" not in text
    assert "Write the February 2025 update" not in text


@time_machine.travel(NOW, tick=False)
def test_overview_for_a_lead_offers_the_changes(world, client_for):
    text = client_for(world.lead).get(world.adoption.get_absolute_url()).text
    assert "Change the stage" in text
    assert "Add and update milestones" in text
    contributor_text = client_for(world.contributor).get(world.adoption.get_absolute_url()).text
    assert "Change the stage" not in contributor_text
    assert "Add and update milestones" in contributor_text


@time_machine.travel(NOW, tick=False)
def test_overview_query_count_does_not_grow_with_the_journey(world, client_for):
    adoption = world.adoption
    world_journey_row(world, "exchange")
    world_journey_row(world, "factor")
    world_journey_row(world, "readiness")
    world_journey_row(world, "milestone")
    ProgressUpdateFactory(
        actor=world.lead,
        adoption=adoption,
        period=datetime.date(2025, 1, 1),
        rag="green",
        submit=True,
    )

    def grow():
        for n in range(6):
            person = UserFactory()
            AdoptionRoleFactory(
                actor=world.lead, adoption=adoption, user=person, role="contributor"
            )
            _exchange(adoption, world.lead, person_name=f"Person {n}")
            _factor(adoption, world.lead, ContextFactor.Domain.PROCESS, name=f"Factor {n}")
            _readiness(adoption, world.lead)
            services.milestone_create(
                actor=world.lead, adoption=adoption, stage=Stage.EXPLORATION, title=f"M {n}"
            )
            AdaptationFactory(actor=world.lead, adoption=adoption)
            FidelityAssessmentFactory(
                actor=world.lead, adoption=adoption, assessed_on=datetime.date(2025, 1, n + 1)
            )
        for month in range(2, 12):
            ProgressUpdateFactory(
                actor=world.lead,
                adoption=adoption,
                period=datetime.date(2024, month, 1),
                rag="amber",
                submit=True,
            )
        services.adoption_stage_change(
            actor=world.lead,
            adoption=adoption,
            stage=Stage.PREPARATION,
            changed_on=datetime.date(2024, 9, 1),
        )

    count = assert_queries_do_not_grow(
        client_for(world.lead), adoption.get_absolute_url(), grow=grow
    )
    assert count <= 14
