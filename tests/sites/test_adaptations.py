"""The adaptations log: the FRAME form and its validation, which adaptations wait for
the board, withdrawing, the list's filters and pagination, the detail page with the
board's decision, and query budgets."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from adoptadapt.audit import save_as
from governance.models import BoardMeeting, Decision
from innovations.models import FidelityCriterion
from sites.models import Adaptation
from sites.services import adaptation_withdraw
from tests.factories import AdaptationFactory, FidelityCriterionFactory, InnovationFactory
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)
FRAME_FIELDS = (
    "phase",
    "planning",
    "decided_by",
    "what_modified",
    "level_of_delivery",
    "modification_type",
    "fidelity_relation",
    "goal",
)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def criteria(world):
    innovation = world.innovation
    return {
        "weekly": FidelityCriterionFactory(
            innovation=innovation, name="Weekly unit meeting", position=1
        ),
        "coordinator": FidelityCriterionFactory(
            innovation=innovation,
            name="Unit coordinator",
            kind=FidelityCriterion.Kind.ADAPTABLE,
            position=2,
        ),
        "retired": FidelityCriterionFactory(
            innovation=innovation, name="Paper case files", position=3, retired_at=timezone.now()
        ),
        "foreign": FidelityCriterionFactory(
            innovation=InnovationFactory(), name="Another model's must-have"
        ),
    }


def new_url(adoption):
    return reverse("adoptions:adaptation_new", kwargs={"pk": adoption.pk})


def list_url(adoption):
    return reverse("adoptions:adaptation_list", kwargs={"pk": adoption.pk})


def detail_url(adaptation):
    return reverse(
        "adoptions:adaptation_detail",
        kwargs={"pk": adaptation.adoption_id, "adaptation_pk": adaptation.pk},
    )


def withdraw_url(adaptation):
    return reverse(
        "adoptions:adaptation_withdraw",
        kwargs={"pk": adaptation.adoption_id, "adaptation_pk": adaptation.pk},
    )


def form_data(**overrides):
    data = {
        "title": "Fortnightly unit meetings in rural teams",
        "description": "Rural units meet in person every other week and online between.",
        "made_on_0": "3",
        "made_on_1": "2",
        "made_on_2": "2025",
        "phase": "implementation",
        "planning": "planned_reactive",
        "decided_by": "programme_manager",
        "what_modified": "context_format",
        "level_of_delivery": "team",
        "modification_type": "tailoring",
        "fidelity_relation": "consistent",
        "goal": "feasibility",
        "reasons_organisation": "Travel across the Peak District takes half a day.",
    }
    data.update(overrides)
    return data


# --- the form -----------------------------------------------------------------


def test_form_groups_this_innovations_active_criteria(world, criteria, client_for):
    text = client_for(world.lead).get(new_url(world.adoption)).text
    must_haves = text[text.index("Must-haves it touches") : text.index("Adaptable components it")]
    assert "Weekly unit meeting" in must_haves and "Unit coordinator" not in must_haves
    adaptables = text[text.index("Adaptable components it touches") :]
    assert "Unit coordinator" in adaptables
    assert "Paper case files" not in text
    assert "Another model" not in text
    # Every FRAME question has a plain-words hint.
    assert "Made on the spot, in response to something unexpected." in text
    assert "How it is delivered, for example online rather than face to face." in text
    assert "The board will decide on it." in text
    assert "Who made the final decision to change it." in text


def test_an_empty_form_shows_every_error_linked_to_its_field(world, criteria, client_for):
    response = client_for(world.lead).post(new_url(world.adoption), {})
    assert response.status_code == 200
    assert not Adaptation.objects.exists()
    text = response.text
    expected = {
        "id_title": "Enter a title for the adaptation",
        "id_description": "Describe what was changed",
        "id_made_on_0": "Enter the date of the adaptation",
        "id_phase_1": "Select when the adaptation was made",
        "id_planning_1": "Select whether the adaptation was planned",
        "id_decided_by": "Select who decided to make the adaptation",
        "id_what_modified_1": "Select what was modified",
        "id_level_of_delivery_1": "Select who or what the change applies to",
        "id_modification_type": "Select the type of modification",
        "id_fidelity_relation_1": "Select how the adaptation relates to fidelity",
        "id_goal": "Select the main goal of the adaptation",
        "id_reasons_sociopolitical": (
            "Give at least one reason for the adaptation, at any of the four levels"
        ),
    }
    for anchor, message in expected.items():
        assert f'<a href="#{anchor}">{message}</a>' in text, anchor
        assert f'id="{anchor}"' in text, f"{anchor} is not on the page"


@pytest.mark.parametrize("field", FRAME_FIELDS)
def test_each_frame_field_is_required(world, client_for, field):
    response = client_for(world.lead).post(new_url(world.adoption), form_data(**{field: ""}))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not Adaptation.objects.exists()


@pytest.mark.parametrize("field", FRAME_FIELDS)
def test_each_frame_field_refuses_a_value_off_its_list(world, client_for, field):
    response = client_for(world.lead).post(new_url(world.adoption), form_data(**{field: "other"}))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Adaptation.objects.exists()


def test_at_least_one_reason_is_needed_and_any_level_will_do(world, client_for):
    response = client_for(world.lead).post(
        new_url(world.adoption), form_data(reasons_organisation="   ")
    )
    assert "Give at least one reason for the adaptation" in response.text
    response = client_for(world.lead).post(
        new_url(world.adoption),
        form_data(reasons_organisation="", reasons_recipient="Families asked for evenings."),
    )
    assert response.status_code == 302
    assert Adaptation.objects.get().reasons_recipient == "Families asked for evenings."


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("30", "2", "2025", "The date of the adaptation must be a real date"),
        ("9" * 20, "1", "2025", "The date of the adaptation must be a real date"),
        ("", "2", "2025", "The date of the adaptation must include a day"),
        ("3", "2", "", "The date of the adaptation must include a year"),
    ],
)
def test_the_date_must_be_real_and_complete(world, client_for, day, month, year, message):
    data = form_data(made_on_0=day, made_on_1=month, made_on_2=year)
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert message in response.text
    assert not Adaptation.objects.exists()


def test_a_title_over_200_characters_is_refused(world, client_for):
    response = client_for(world.lead).post(new_url(world.adoption), form_data(title="x" * 201))
    assert "Ensure this value has at most 200 characters" in response.text
    assert not Adaptation.objects.exists()


@pytest.mark.parametrize("which", ["retired", "foreign"])
def test_only_this_innovations_active_criteria_can_be_chosen(world, criteria, client_for, which):
    data = form_data(must_have_criteria=[str(criteria[which].pk)])
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert "Choose must-haves of this innovation" in response.text
    assert not Adaptation.objects.exists()


def test_nothing_typed_is_lost_when_the_form_is_refused(world, criteria, client_for):
    data = form_data(
        title="",
        must_have_criteria=[str(criteria["weekly"].pk)],
        reasons_provider="Consultants asked for it.",
    )
    text = client_for(world.lead).post(new_url(world.adoption), data).text
    assert "Rural units meet in person every other week" in text
    assert "Consultants asked for it." in text
    assert 'value="2025"' in text
    assert re.search(r'value="planned_reactive"\s+checked', text)
    assert re.search(r'<option value="programme_manager" selected>', text)
    assert re.search(rf'value="{criteria["weekly"].pk}"\s+checked', text)


# --- which adaptations wait for the board -------------------------------------


def test_touching_a_must_have_waits_for_a_board_decision(world, criteria, client_for):
    client = client_for(world.contributor)
    data = form_data(
        must_have_criteria=[str(criteria["weekly"].pk)],
        adaptable_criteria=[str(criteria["coordinator"].pk)],
    )
    response = client.post(new_url(world.adoption), data, follow=True)
    adaptation = Adaptation.objects.get()
    assert response.redirect_chain[-1][0] == detail_url(adaptation)
    assert adaptation.needs_board_decision
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED
    assert adaptation.logged_by == world.contributor
    assert set(adaptation.criteria.all()) == {criteria["weekly"], criteria["coordinator"]}
    assert "awaiting a decision from the governance board" in response.text
    assert ">Awaiting board decision</strong>" in response.text
    assert "Yes: it touches a must-have" in response.text
    listing = client.get(list_url(world.adoption)).text
    assert ">Awaiting board decision</strong>" in listing
    assert "Weekly unit meeting (must-have)" in listing


def test_a_fidelity_inconsistent_adaptation_waits_too(world, criteria, client_for):
    data = form_data(fidelity_relation="inconsistent")
    response = client_for(world.lead).post(new_url(world.adoption), data, follow=True)
    adaptation = Adaptation.objects.get()
    assert adaptation.awaiting_decision
    assert "Yes: it is fidelity-inconsistent" in response.text
    assert "It is fidelity-inconsistent, so it is awaiting a decision" in response.text


def test_other_adaptations_are_recorded_as_approved_by_the_lead(world, criteria, client_for):
    data = form_data(adaptable_criteria=[str(criteria["coordinator"].pk)])
    response = client_for(world.lead).post(new_url(world.adoption), data, follow=True)
    adaptation = Adaptation.objects.get()
    assert not adaptation.needs_board_decision
    assert adaptation.decision_status == Adaptation.DecisionStatus.APPROVED
    assert "Adaptation logged and recorded as approved." in response.text
    assert ">Approved</strong>" in response.text
    assert "Recorded by the project lead; no board decision needed." in response.text
    assert "Withdraw adaptation" not in response.text


# --- withdrawing --------------------------------------------------------------


def _proposed(world, criteria, **kwargs):
    return AdaptationFactory(
        actor=world.lead, adoption=world.adoption, criteria=[criteria["weekly"]], **kwargs
    )


def test_the_lead_withdraws_a_proposed_adaptation(world, criteria, client_for):
    adaptation = _proposed(world, criteria)
    client = client_for(world.lead)
    assert "Withdraw adaptation" in client.get(detail_url(adaptation)).text
    response = client.post(
        withdraw_url(adaptation), {"reason": "The team found another way."}, follow=True
    )
    assert response.redirect_chain[-1][0] == detail_url(adaptation)
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.WITHDRAWN
    assert adaptation.decided_at is not None
    assert adaptation.decision_rationale == (
        "Withdrawn by the project lead. The team found another way."
    )
    assert "has been withdrawn" in response.text
    assert ">Withdrawn</strong>" in response.text
    assert "Withdraw adaptation" not in response.text


def test_a_nul_character_in_the_reason_is_dropped_not_a_server_error(world, criteria, client_for):
    # Found by the fuzzer (tests/fuzz): PostgreSQL cannot store NUL, a server error.
    adaptation = _proposed(world, criteria)
    response = client_for(world.lead).post(
        withdraw_url(adaptation), {"reason": "Found\x00 another"}
    )
    assert response.status_code == 302
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.WITHDRAWN
    assert adaptation.decision_rationale == "Withdrawn by the project lead. Found another"


@pytest.mark.parametrize(
    "status",
    [
        Adaptation.DecisionStatus.APPROVED,
        Adaptation.DecisionStatus.REJECTED,
        Adaptation.DecisionStatus.WITHDRAWN,
    ],
)
def test_only_a_proposed_adaptation_can_be_withdrawn(world, criteria, client_for, status):
    adaptation = _proposed(world, criteria)
    adaptation.decision_status = status
    adaptation.decided_at = timezone.now()
    save_as(adaptation, actor=world.board_chair)
    client = client_for(world.lead)
    assert "Withdraw adaptation" not in client.get(detail_url(adaptation)).text
    response = client.post(withdraw_url(adaptation), follow=True)
    assert "Only a proposed adaptation can be withdrawn" in response.text
    adaptation.refresh_from_db()
    assert adaptation.decision_status == status


def test_only_the_lead_withdraws(world, criteria, client_for):
    adaptation = _proposed(world, criteria)
    assert (
        "Withdraw adaptation" not in client_for(world.contributor).get(detail_url(adaptation)).text
    )
    for person in (world.contributor, world.originating_partner, world.board_chair):
        assert client_for(person).post(withdraw_url(adaptation)).status_code == 403
    with pytest.raises(PermissionDenied):
        adaptation_withdraw(actor=world.contributor, adaptation=adaptation)
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED


def test_withdrawing_is_post_only(world, criteria, client_for):
    adaptation = _proposed(world, criteria)
    assert client_for(world.lead).get(withdraw_url(adaptation)).status_code == 405
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED


def test_the_service_refuses_to_withdraw_twice(world, criteria):
    adaptation = _proposed(world, criteria)
    adaptation_withdraw(actor=world.lead, adaptation=adaptation)
    with pytest.raises(ValidationError):
        adaptation_withdraw(actor=world.lead, adaptation=adaptation)


# --- the board's decision on the detail page ----------------------------------


def _decide(world, adaptation, outcome, rationale, held_on=datetime.date(2025, 3, 10)):
    """Record a board decision as the board pages do (no governance service exists yet)."""
    meeting = BoardMeeting.objects.filter(board=world.board, held_on=held_on).first()
    if meeting is None:
        meeting = save_as(BoardMeeting(board=world.board, held_on=held_on), actor=world.board_chair)
    save_as(
        Decision(
            meeting=meeting,
            adaptation=adaptation,
            title=f"Adaptation: {adaptation.title}",
            outcome=outcome,
            rationale=rationale,
            recorded_by=world.board_chair,
        ),
        actor=world.board_chair,
    )
    if outcome in (Decision.Outcome.APPROVED, Decision.Outcome.REJECTED):
        adaptation.decision_status = outcome
        adaptation.decided_at = timezone.now()
        adaptation.decision_rationale = rationale
        save_as(adaptation, actor=world.board_chair)


def test_detail_shows_the_boards_decision_with_rationale_and_meeting_date(
    world, criteria, client_for
):
    adaptation = _proposed(world, criteria)
    _decide(world, adaptation, "rejected", "Weekly meetings are the heart of the model.")
    text = client_for(world.board_member).get(detail_url(adaptation)).text
    assert ">Rejected</strong>" in text
    assert "Board decisions" in text
    assert "Our Adopters Board, 10 March 2025" in text
    assert "Weekly meetings are the heart of the model." in text
    assert "Chris" in text  # who recorded it


def test_detail_of_a_proposal_says_the_board_has_not_decided(world, criteria, client_for):
    adaptation = _proposed(world, criteria, goal=Adaptation.Goal.REACH)
    text = client_for(world.originating_partner).get(detail_url(adaptation)).text
    assert "The board has not decided on this adaptation yet." in text
    assert "Increase reach or engagement" in text
    assert "Withdraw adaptation" not in text


# --- the list: filters, pagination, count, empty state ------------------------


@pytest.fixture
def log(world, criteria):
    """Four adaptations, one in each status."""
    lead = world.lead
    awaiting = _proposed(world, criteria, title="Awaiting one")
    approved = AdaptationFactory(
        actor=lead,
        adoption=world.adoption,
        title="Approved one",
        criteria=[criteria["coordinator"]],
        modification_type=Adaptation.ModificationType.ADDING,
    )
    rejected = _proposed(world, criteria, title="Rejected one")
    _decide(world, rejected, "rejected", "No.")
    withdrawn = _proposed(world, criteria, title="Withdrawn one")
    adaptation_withdraw(actor=lead, adaptation=withdrawn)
    return {
        "awaiting": awaiting,
        "approved": approved,
        "rejected": rejected,
        "withdrawn": withdrawn,
    }


def _titles(text):
    return re.findall(r'href="/adoptions/\d+/adaptations/\d+/">([^<]+)</a>', text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Awaiting one", "Approved one", "Rejected one", "Withdrawn one"}),
        ("status=proposed", {"Awaiting one"}),
        ("status=approved", {"Approved one"}),
        ("status=rejected", {"Rejected one"}),
        ("status=withdrawn", {"Withdrawn one"}),
        ("modification_type=adding", {"Approved one"}),
        ("modification_type=tailoring", {"Awaiting one", "Rejected one", "Withdrawn one"}),
        ("status=proposed&modification_type=adding", set()),
    ],
)
def test_filters_by_status_and_type(world, log, client_for, query, expected):
    text = client_for(world.lead).get(f"{list_url(world.adoption)}?{query}").text
    assert set(_titles(text)) == expected
    count = len(expected)
    if not expected:
        assert "No adaptations match these filters." in text
    else:
        assert f"{count} adaptation{'s' if count != 1 else ''}" in text


def test_filter_by_criterion_touched_and_the_form_reflects_the_url(
    world, criteria, log, client_for
):
    coordinator = criteria["coordinator"].pk
    text = client_for(world.lead).get(f"{list_url(world.adoption)}?criterion={coordinator}").text
    assert _titles(text) == ["Approved one"]
    assert f'<option value="{coordinator}" selected>Unit coordinator</option>' in text
    assert "1 adaptation matches the filters" in text
    assert "Clear filters" in text
    # Must-haves and adaptable components are grouped in the criterion list.
    assert '<optgroup label="Must-haves">' in text and '<optgroup label="Adaptable">' in text
    # A retired criterion stays in the filter: old adaptations still touch it.
    assert "Paper case files (retired)" in text
    assert "Another model" not in text


def test_invalid_filter_values_do_not_break_the_page(world, log, client_for):
    response = client_for(world.lead).get(
        f"{list_url(world.adoption)}?status=bogus&criterion=abc&modification_type=%00"
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_pagination_keeps_the_filters(world, criteria, client_for):
    for n in range(23):
        _proposed(world, criteria, title=f"Proposal {n:02d}")
    AdaptationFactory(actor=world.lead, adoption=world.adoption, title="Approved tweak")
    client = client_for(world.lead)
    first = client.get(f"{list_url(world.adoption)}?status=proposed").text
    assert "23 adaptations match the filters" in first
    assert len(_titles(first)) == 20
    assert 'href="?status=proposed&amp;page=2"' in first
    second = client.get(f"{list_url(world.adoption)}?status=proposed&page=2").text
    assert len(_titles(second)) == 3
    assert "Approved tweak" not in second


def test_empty_log_says_so_and_viewers_are_not_offered_the_form(world, client_for):
    text = client_for(world.board_member).get(list_url(world.adoption)).text
    assert "No adaptations have been logged yet." in text
    assert "0 adaptations" in text
    assert "Log an adaptation" not in text
    assert "Log an adaptation" in client_for(world.contributor).get(list_url(world.adoption)).text
    assert (
        "Log an adaptation"
        not in client_for(world.originating_partner).get(list_url(world.adoption)).text
    )


# --- query budgets ------------------------------------------------------------


def test_list_with_2_then_20_adaptations(world, criteria, client_for):
    def add(n):
        for _ in range(n):
            _proposed(world, criteria)
            AdaptationFactory(
                actor=world.lead, adoption=world.adoption, criteria=[criteria["coordinator"]]
            )

    add(1)
    count = assert_queries_do_not_grow(
        client_for(world.lead),
        f"{list_url(world.adoption)}?status=proposed&criterion={criteria['weekly'].pk}",
        grow=lambda: add(9),
        small="2 adaptations",
        large="20 adaptations",
    )
    assert count <= 12


def test_detail_with_1_then_5_criteria_and_decisions(world, client_for):
    criteria = FidelityCriterionFactory.create_batch(1, innovation=world.innovation)
    adaptation = AdaptationFactory(actor=world.lead, adoption=world.adoption, criteria=criteria)
    _decide(world, adaptation, "noted", "Noted at the first meeting.")

    def grow():
        more = FidelityCriterionFactory.create_batch(4, innovation=world.innovation)
        adaptation.criteria.add(*more)
        for day in (11, 12, 13, 14):
            _decide(world, adaptation, "noted", "Noted again.", datetime.date(2025, 3, day))

    count = assert_queries_do_not_grow(
        client_for(world.lead), detail_url(adaptation), grow=grow, small="1", large="5"
    )
    assert count <= 12


def test_the_form_with_2_then_20_criteria(world, client_for):
    FidelityCriterionFactory.create_batch(2, innovation=world.innovation)
    count = assert_queries_do_not_grow(
        client_for(world.lead),
        new_url(world.adoption),
        grow=lambda: FidelityCriterionFactory.create_batch(18, innovation=world.innovation),
    )
    assert count <= 10
