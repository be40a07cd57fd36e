"""The journey's sub-pages: partnerships and exchanges, the innovation notes, the
context diagnosis, readiness, the stage and milestones. Who may see and change them
is in the permission matrix; here: what they show, what they save, every rule their
forms enforce, and their query counts."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from innovations.models import FidelityCriterion
from sites import services
from sites.forms import (
    ContextFactorForm,
    MilestoneForm,
    PersonnelExchangeForm,
    ReadinessItemForm,
    StageChangeForm,
    rating_label,
)
from sites.models import (
    Adoption,
    ContextFactor,
    Milestone,
    PersonnelExchange,
    ReadinessItem,
    Stage,
    StageChange,
)
from tests.factories import FidelityCriterionFactory, SiteFactory
from tests.querycount import assert_queries_do_not_grow
from tests.world import world_journey_row

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


def url(name, adoption, **kwargs):
    return reverse(f"adoptions:{name}", kwargs={"pk": adoption.pk, **kwargs})


def date_data(name, day):
    """POST data for a GOV.UK date input."""
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def exchange_data(world, **overrides):
    data = {
        "kind": "secondment",
        "from_site": str(world.originating_site.pk),
        "to_site": str(world.adopting_site.pk),
        "person_name": "Senior practitioner",
        "role_description": "Coach for the first unit",
        "notes": "",
        **date_data("started_on", datetime.date(2024, 9, 2)),
        **date_data("ended_on", datetime.date(2025, 2, 28)),
    }
    return data | overrides


def factor_data(**overrides):
    return {
        "domain": "inner_setting",
        "name": "Supply of clinicians",
        "originating_context": "A clinic next door",
        "originating_rating": "2",
        "adopting_context": "Few clinicians locally",
        "adopting_rating": "-2",
        "nature": "constraint",
        "fit": "blocker",
        "mitigation": "Joint posts with the health trust",
    } | overrides


def history_user(row):
    return row.history.latest().history_user


# --- Partnerships and exchanges ----------------------------------------------------


def test_partnerships_page_shows_partners_people_and_exchanges(world, client_for):
    world_journey_row(world, "exchange")
    response = client_for(world.originating_partner).get(url("partnerships", world.adoption))
    text = response.text
    assert "Originating Borough Council" in text
    assert "Olu Tester" in text and "Originating partner" in text
    assert "Lee Tester" in text and "Project lead" in text
    assert "Secondment: Originating Borough Council to Adopting Borough Council" in text
    assert "1 June 2024 onwards (ongoing)" in text
    # Read-only for the partner: no form, no change links.
    assert "You can see this page but not change it." in text
    assert '<form method="post"' not in text.split("Sign out")[1]
    assert "Add a personnel exchange" not in text


def test_contributor_sees_exchange_links_but_not_the_partner_form(world, client_for):
    text = client_for(world.contributor).get(url("partnerships", world.adoption)).text
    assert "Add a personnel exchange" in text
    assert "Change the partner site or support organisation" not in text


def test_lead_changes_the_partner_site_and_support_organisation(world, client_for):
    support = SiteFactory(name="Practice Support Ltd")
    response = client_for(world.lead).post(
        url("partnerships", world.adoption),
        {"partner_site": str(world.other_site.pk), "support_organisation": str(support.pk)},
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(pk=world.adoption.pk)
    assert adoption.partner_site == world.other_site
    assert adoption.support_organisation == support
    assert history_user(adoption) == world.lead


def test_partner_site_cannot_be_the_adopting_site(world, client_for):
    response = client_for(world.lead).post(
        url("partnerships", world.adoption),
        {"partner_site": str(world.adopting_site.pk), "support_organisation": ""},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert Adoption.objects.get(pk=world.adoption.pk).partner_site == world.originating_site


def test_service_refuses_the_adopting_site_as_support_organisation(world):
    with pytest.raises(services.ValidationError) as error:
        services.adoption_partnership_update(
            actor=world.lead,
            adoption=world.adoption,
            partner_site=None,
            support_organisation=world.adopting_site,
        )
    assert "support_organisation" in error.value.message_dict


@pytest.mark.parametrize("who", ["lead", "contributor"])
def test_the_team_adds_an_exchange(world, client_for, who):
    user = getattr(world, who)
    response = client_for(user).post(url("exchange_new", world.adoption), exchange_data(world))
    assert response.status_code == 302
    assert response["Location"] == url("partnerships", world.adoption)
    exchange = PersonnelExchange.objects.get(adoption=world.adoption)
    assert exchange.started_on == datetime.date(2024, 9, 2)
    assert exchange.ended_on == datetime.date(2025, 2, 28)
    assert exchange.person_name == "Senior practitioner"
    assert history_user(exchange) == user


def test_the_add_form_starts_from_the_partner_and_this_site(world, client_for):
    form = client_for(world.lead).get(url("exchange_new", world.adoption)).context["form"]
    assert form.initial["from_site"] == world.originating_site.pk
    assert form.initial["to_site"] == world.adopting_site.pk


def test_an_exchange_is_edited_and_deleted(world, client_for):
    exchange = world_journey_row(world, "exchange")
    client = client_for(world.contributor)
    edit = url("exchange_edit", world.adoption, item=exchange.pk)
    assert "Experienced consultant social worker" in client.get(edit).text
    response = client.post(edit, exchange_data(world, kind="coaching"))
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.kind == "coaching"
    delete = url("exchange_delete", world.adoption, item=exchange.pk)
    assert "Are you sure you want to delete this personnel exchange?" in client.get(delete).text
    assert PersonnelExchange.objects.filter(pk=exchange.pk).exists()
    response = client.post(delete)
    assert response["Location"] == url("partnerships", world.adoption)
    assert not PersonnelExchange.objects.filter(pk=exchange.pk).exists()
    deleted = PersonnelExchange.history.filter(id=exchange.pk).latest()
    assert deleted.history_type == "-" and deleted.history_user == world.contributor


EXCHANGE_ERRORS = [
    ({"kind": ""}, "kind", "Select the kind of exchange"),
    ({"to_site": "FROM"}, "to_site", "Select a different site from the one they come from"),
    ({"from_site": "OTHER"}, "to_site", "One of the two sites must be Adopting Borough Council"),
    (
        date_data("ended_on", datetime.date(2024, 9, 1)),
        "ended_on",
        "End date must be the same as or after the start date",
    ),
    (date_data("started_on", None), "started_on", "Enter the start date"),
    ({"started_on_1": ""}, "started_on", "The start date must include a month"),
    (
        {"started_on_0": "31", "started_on_1": "2"},
        "started_on",
        "The start date must be a real date",
    ),
    ({"started_on_2": "24"}, "started_on", "The year of the start date must include 4 numbers"),
    ({"ended_on_0": "x"}, "ended_on", "The end date must be a real date"),
    # Found by the fuzzer (tests/fuzz): a day past any calendar was a server error.
    ({"ended_on_0": "9" * 20}, "ended_on", "The end date must be a real date"),
]


@pytest.mark.parametrize(("changes", "field", "message"), EXCHANGE_ERRORS)
def test_exchange_form_rules(world, changes, field, message):
    changes = dict(changes)
    for key, value in list(changes.items()):
        if value == "FROM":
            changes[key] = str(world.originating_site.pk)
        if value == "OTHER":
            changes[key] = str(world.other_site.pk)
            changes["to_site"] = str(SiteFactory().pk)
    form = PersonnelExchangeForm(exchange_data(world, **changes), adoption=world.adoption)
    assert not form.is_valid()
    assert message in form.errors[field]


def test_an_open_ended_exchange_is_allowed(world):
    form = PersonnelExchangeForm(
        exchange_data(world, **date_data("ended_on", None)), adoption=world.adoption
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ended_on"] is None


def test_invalid_exchange_redisplays_what_was_typed(world, client_for):
    data = exchange_data(world, to_site=str(world.originating_site.pk), person_name="Ana Li")
    response = client_for(world.lead).post(url("exchange_new", world.adoption), data)
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text
    assert 'value="Ana Li"' in text
    assert 'name="started_on_0" value="2"' in text
    assert not PersonnelExchange.objects.exists()


def test_service_refuses_an_exchange_that_does_not_involve_the_adopting_site(world):
    with pytest.raises(services.ValidationError):
        services.personnel_exchange_create(
            actor=world.lead,
            adoption=world.adoption,
            kind="visit",
            from_site=world.originating_site,
            to_site=world.other_site,
            started_on=datetime.date(2024, 1, 1),
        )


def test_an_exchange_of_another_adoption_is_not_found_here(world, client_for):
    other = world_journey_row(world, "exchange", "other_adoption")
    response = client_for(world.lead).post(url("exchange_delete", world.adoption, item=other.pk))
    assert response.status_code == 404
    assert PersonnelExchange.objects.filter(pk=other.pk).exists()


# --- Understand the innovation -----------------------------------------------------


def test_innovation_page_shows_must_haves_periphery_and_notes(world, client_for):
    FidelityCriterionFactory(innovation=world.innovation, name="Weekly unit meeting")
    FidelityCriterionFactory(
        innovation=world.innovation, name="Room layout", kind=FidelityCriterion.Kind.ADAPTABLE
    )
    FidelityCriterionFactory(innovation=world.innovation, name="Old rule", retired_at=NOW)
    services.adoption_team_notes_update(
        actor=world.lead, adoption=world.adoption, team_notes="Protect the weekly meeting."
    )
    text = client_for(world.board_observer).get(url("innovation", world.adoption)).text
    must_haves, periphery = text.split("Adaptable periphery")
    assert "Weekly unit meeting" in must_haves and "Room layout" not in must_haves
    assert "Room layout" in periphery
    assert "Old rule" not in text
    assert "Protect the weekly meeting." in text
    assert world.innovation.get_absolute_url() in text
    assert "<textarea" not in text


@pytest.mark.parametrize("who", ["lead", "contributor"])
def test_the_team_writes_its_notes(world, client_for, who):
    user = getattr(world, who)
    response = client_for(user).post(
        url("innovation", world.adoption), {"team_notes": "  Consultants hold the line.  "}
    )
    assert response["Location"] == url("innovation", world.adoption)
    adoption = Adoption.objects.get(pk=world.adoption.pk)
    assert adoption.team_notes == "Consultants hold the line."
    assert history_user(adoption) == user
    form_text = client_for(user).get(url("innovation", world.adoption)).text
    assert "Consultants hold the line.</textarea>" in form_text


# --- Context diagnosis -------------------------------------------------------------


def test_rating_labels_are_signed_numbers_with_words():
    assert rating_label(2) == "+2 strongly helps"
    assert rating_label(1) == "+1 helps"
    assert rating_label(0) == "0 neither helps nor hinders"
    assert rating_label(-1) == "\u22121 hinders"
    assert rating_label(-2) == "\u22122 strongly hinders"


def test_context_page_groups_factors_by_domain_side_by_side(world, client_for):
    world_journey_row(world, "factor")
    services.context_factor_create(
        actor=world.lead,
        adoption=world.adoption,
        domain="outer_setting",
        name="Labour market",
        originating_rating=1,
        adopting_rating=0,
        nature="asset",
        fit="aligned",
    )
    text = client_for(world.originating_partner).get(url("context", world.adoption)).text
    inner = text.split('id="domain-inner_setting"')[1].split('id="domain-individuals"')[0]
    assert "Supply of clinicians" in inner
    assert "+2 strongly helps" in inner and "\u22121 hinders" in inner
    assert "Constraint" in inner and 'govuk-tag--yellow">Gap</strong>' in inner
    assert "Joint posts with the health trust." in inner
    assert "Labour market" in text.split('id="domain-outer_setting"')[1]
    assert "No individuals factors yet." in text
    assert "2 factors, covering 2 of the 5 domains" in text
    assert "Add a factor" not in text


def test_the_team_adds_edits_and_deletes_a_factor(world, client_for):
    client = client_for(world.contributor)
    response = client.post(url("context_factor_new", world.adoption), factor_data())
    assert response["Location"] == url("context", world.adoption)
    factor = ContextFactor.objects.get(adoption=world.adoption)
    assert (factor.originating_rating, factor.adopting_rating) == (2, -2)
    assert history_user(factor) == world.contributor
    edit = url("context_factor_edit", world.adoption, item=factor.pk)
    client.post(edit, factor_data(fit="aligned", mitigation="", adopting_rating="1"))
    factor.refresh_from_db()
    assert (factor.fit, factor.adopting_rating) == ("aligned", 1)
    client.post(url("context_factor_delete", world.adoption, item=factor.pk))
    assert not ContextFactor.objects.exists()


def test_the_add_form_can_start_in_a_domain(world, client_for):
    response = client_for(world.lead).get(
        url("context_factor_new", world.adoption) + "?domain=process"
    )
    assert response.context["form"].initial["domain"] == "process"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"fit": "gap", "mitigation": " "},
            "mitigation",
            "Enter a mitigation: say how you will deal with this gap",
        ),
        (
            {"fit": "blocker", "mitigation": ""},
            "mitigation",
            "Enter a mitigation: say how you will deal with this blocker",
        ),
        ({"originating_rating": "3"}, "originating_rating", None),
        ({"adopting_rating": ""}, "adopting_rating", "Select how much it helps here"),
        ({"domain": ""}, "domain", "Select the domain"),
        ({"name": ""}, "name", "Enter the factor"),
        ({"fit": ""}, "fit", "Select the fit"),
        ({"nature": ""}, "nature", "Select whether it is a constraint or an asset here"),
    ],
)
def test_context_factor_form_rules(world, changes, field, message):
    form = ContextFactorForm(factor_data(**changes), adoption=world.adoption)
    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert message in form.errors[field]


def test_aligned_factors_need_no_mitigation(world):
    form = ContextFactorForm(factor_data(fit="aligned", mitigation=""), adoption=world.adoption)
    assert form.is_valid(), form.errors


def test_a_factor_name_is_unique_within_its_domain(world):
    factor = world_journey_row(world, "factor")
    duplicate = ContextFactorForm(
        factor_data(name="supply of CLINICIANS "), adoption=world.adoption
    )
    assert not duplicate.is_valid()
    assert "There is already a factor with this name in this domain" in duplicate.errors["name"][0]
    elsewhere = ContextFactorForm(
        factor_data(name="Supply of clinicians", domain="process"), adoption=world.adoption
    )
    assert elsewhere.is_valid(), elsewhere.errors
    itself = ContextFactorForm(factor_data(), adoption=world.adoption, instance=factor)
    assert itself.is_valid(), itself.errors
    other_adoption = ContextFactorForm(factor_data(), adoption=world.other_adoption)
    assert other_adoption.is_valid(), other_adoption.errors


def test_service_refuses_a_gap_without_mitigation(world):
    with pytest.raises(services.ValidationError) as error:
        services.context_factor_create(
            actor=world.lead,
            adoption=world.adoption,
            domain="process",
            name="Pace",
            originating_rating=0,
            adopting_rating=0,
            nature="constraint",
            fit="gap",
        )
    assert "mitigation" in error.value.message_dict


# --- Readiness ---------------------------------------------------------------------


def test_readiness_page_groups_items_by_area_with_status(world, client_for):
    item = world_journey_row(world, "readiness")
    services.readiness_item_create(
        actor=world.lead,
        adoption=world.adoption,
        area="culture",
        description="Managers briefed",
        status="done",
        due_on=datetime.date(2025, 1, 31),
    )
    client = client_for(world.lead)
    text = client.get(url("readiness", world.adoption)).text
    workforce = text.split('<h2 class="govuk-heading-m">Workforce</h2>')[1].split("<h2")[0]
    assert item.description in workforce and "Not started" in workforce
    assert "Mark as in progress" in workforce
    culture = text.split('<h2 class="govuk-heading-m">Culture</h2>')[1]
    assert "Managers briefed" in culture and "Due 31 January 2025" in culture
    assert "1 of 2 items done" in text
    assert "No permissions and approvals items yet." in text


def test_quick_status_change_moves_an_item_on(world, client_for):
    item = world_journey_row(world, "readiness")
    client = client_for(world.contributor)
    response = client.post(
        url("readiness_item_status", world.adoption, item=item.pk), {"status": "done"}
    )
    assert response["Location"] == url("readiness", world.adoption) + f"#item-{item.pk}"
    item.refresh_from_db()
    assert item.status == "done"
    assert history_user(item) == world.contributor
    assert "is now done" in client.get(url("readiness", world.adoption)).text


def test_quick_status_change_with_a_made_up_status_changes_nothing(world, client_for):
    item = world_journey_row(world, "readiness")
    client = client_for(world.lead)
    response = client.post(
        url("readiness_item_status", world.adoption, item=item.pk), {"status": "finished"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "not_started"
    assert "Select a status for" in client.get(url("readiness", world.adoption)).text


def test_the_team_adds_edits_and_deletes_a_readiness_item(world, client_for):
    client = client_for(world.lead)
    data = {"area": "permissions", "description": "Cabinet sign-off", "status": "in_progress"}
    data |= date_data("due_on", datetime.date(2025, 6, 30)) | {"notes": ""}
    assert client.post(url("readiness_item_new", world.adoption), data).status_code == 302
    item = ReadinessItem.objects.get(adoption=world.adoption)
    assert item.due_on == datetime.date(2025, 6, 30)
    data |= {"status": "done"} | date_data("due_on", None)
    client.post(url("readiness_item_edit", world.adoption, item=item.pk), data)
    item.refresh_from_db()
    assert (item.status, item.due_on) == ("done", None)
    client.post(url("readiness_item_delete", world.adoption, item=item.pk))
    assert not ReadinessItem.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"area": ""}, "area", "Select the area"),
        ({"description": ""}, "description", "Enter what needs to be in place"),
        ({"status": "finished"}, "status", None),
        ({"due_on_1": "13"}, "due_on", "The due date must be a real date"),
        ({"due_on_2": ""}, "due_on", "The due date must include a year"),
    ],
)
def test_readiness_item_form_rules(changes, field, message):
    data = {"area": "workforce", "description": "Posts approved", "status": "not_started"}
    data |= date_data("due_on", datetime.date(2025, 6, 30)) | changes
    form = ReadinessItemForm(data)
    assert not form.is_valid()
    assert field in form.errors
    if message:
        assert message in form.errors[field]


# --- Stage -------------------------------------------------------------------------


def test_stage_page_shows_history_with_days_and_who(world, client_for):
    services.adoption_stage_change(
        actor=world.lead,
        adoption=world.adoption,
        stage=Stage.PREPARATION,
        changed_on=datetime.date(2025, 1, 1),
        note="Business case approved",
    )
    text = client_for(world.board_chair).get(url("stage", world.adoption)).text
    assert "since 1 January 2025, 78 days so far" in text
    assert "Business case approved" in text
    assert "1 Apr 2024" in text and ">275</td>" in text and ">78</td>" in text
    assert "Dana Admin" in text and "Lee Tester" in text
    assert "Change the stage" not in text


def test_lead_changes_the_stage(world, client_for):
    data = {"stage": "preparation", "note": "Approved"} | date_data(
        "changed_on", datetime.date(2025, 3, 1)
    )
    response = client_for(world.lead).post(url("stage", world.adoption), data)
    assert response["Location"] == world.adoption.get_absolute_url()
    assert Adoption.objects.get(pk=world.adoption.pk).stage == "preparation"
    change = StageChange.objects.filter(adoption=world.adoption).latest()
    assert (change.changed_by, change.note) == (world.lead, "Approved")


def _stage_form(world, **data):
    last = world.adoption.stage_changes.latest().changed_on
    return StageChangeForm(data, adoption=world.adoption, last_changed_on=last)


def test_stage_form_refuses_the_current_stage(world):
    form = _stage_form(
        world, stage="exploration", **date_data("changed_on", datetime.date(2025, 3, 1))
    )
    assert not form.is_valid()
    assert (
        "The adoption is already in exploration; select a different stage" in form.errors["stage"]
    )


def test_stage_form_refuses_a_date_before_the_last_change(world):
    form = _stage_form(
        world, stage="preparation", **date_data("changed_on", datetime.date(2024, 3, 31))
    )
    assert not form.is_valid()
    assert form.errors["changed_on"] == [
        "The date of the change must be the same as or after 1 April 2024, "
        "the date of the last change"
    ]


def test_stage_form_refuses_a_future_date(world):
    form = _stage_form(
        world, stage="preparation", **date_data("changed_on", datetime.date(2025, 3, 21))
    )
    assert not form.is_valid()
    assert "The date of the change must be today or in the past" in form.errors["changed_on"]


def test_stage_form_needs_a_stage_and_a_date(world):
    form = _stage_form(world)
    assert not form.is_valid()
    assert form.errors["stage"] == ["Select the new stage"]
    assert form.errors["changed_on"] == ["Enter the date of the change"]


def test_stage_refusal_from_the_service_shows_on_the_form(world, client_for):
    """Two tabs: the stage changed after the form was opened."""
    client = client_for(world.lead)
    data = {"stage": "preparation", "note": ""} | date_data("changed_on", datetime.date(2025, 3, 1))
    client.post(url("stage", world.adoption), data)
    response = client.post(url("stage", world.adoption), data)
    assert response.status_code == 200
    assert "already in preparation" in response.text


# --- Milestones --------------------------------------------------------------------


def test_milestones_page_groups_by_stage(world, client_for):
    world_journey_row(world, "milestone")
    services.milestone_create(
        actor=world.lead,
        adoption=world.adoption,
        stage="implementation",
        title="First unit live",
        due_on=datetime.date(2025, 4, 1),
    )
    text = (
        client_for(world.observer if hasattr(world, "observer") else world.board_observer)
        .get(url("milestones", world.adoption))
        .text
    )
    exploration, implementation = text.split('<h2 class="govuk-heading-m">Implementation</h2>')
    assert "Visit the originating site" in exploration
    assert "First unit live" in implementation and "due 1 April 2025" in implementation
    assert "0 of 2 completed" in text
    assert "Mark as completed today" not in text


def test_the_team_completes_a_milestone_today(world, client_for):
    milestone = world_journey_row(world, "milestone")
    client = client_for(world.contributor)
    response = client.post(url("milestone_complete", world.adoption, item=milestone.pk))
    assert response["Location"] == url("milestones", world.adoption)
    milestone.refresh_from_db()
    assert milestone.completed_on == datetime.date(2025, 3, 20)
    assert history_user(milestone) == world.contributor
    # Completing it again keeps the first date.
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        client.post(url("milestone_complete", world.adoption, item=milestone.pk))
    milestone.refresh_from_db()
    assert milestone.completed_on == datetime.date(2025, 3, 20)


def test_the_team_adds_edits_and_deletes_a_milestone(world, client_for):
    client = client_for(world.lead)
    data = {"title": "Recruit consultants", "stage": "preparation", "notes": ""}
    data |= date_data("due_on", datetime.date(2025, 5, 1)) | date_data("completed_on", None)
    client.post(url("milestone_new", world.adoption), data)
    first = Milestone.objects.get(adoption=world.adoption)
    assert (first.due_on, first.completed_on, first.position) == (
        datetime.date(2025, 5, 1),
        None,
        1,
    )
    client.post(url("milestone_new", world.adoption), data | {"title": "Second"})
    assert Milestone.objects.get(title="Second").position == 2
    data |= date_data("completed_on", datetime.date(2025, 3, 2))
    client.post(url("milestone_edit", world.adoption, item=first.pk), data)
    first.refresh_from_db()
    assert first.completed_on == datetime.date(2025, 3, 2)
    client.post(url("milestone_delete", world.adoption, item=first.pk))
    assert list(Milestone.objects.values_list("title", flat=True)) == ["Second"]


def test_milestone_form_starts_at_the_current_stage(world, client_for):
    form = client_for(world.lead).get(url("milestone_new", world.adoption)).context["form"]
    assert form.initial["stage"] == "exploration"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the milestone activity"),
        ({"stage": ""}, "stage", "Select the stage it belongs to"),
        (
            date_data("completed_on", datetime.date(2025, 3, 21)),
            "completed_on",
            "The date completed must be today or in the past",
        ),
        ({"due_on_0": "30", "due_on_1": "2"}, "due_on", "The due date must be a real date"),
    ],
)
def test_milestone_form_rules(world, changes, field, message):
    data = {"title": "Go live", "stage": "implementation", "notes": ""}
    data |= date_data("due_on", datetime.date(2025, 5, 1)) | date_data("completed_on", None)
    form = MilestoneForm(data | changes, adoption=world.adoption)
    assert not form.is_valid()
    assert message in form.errors[field]


# --- A page that is only a form is not for readers ---------------------------------


def test_a_reader_is_refused_the_add_forms_and_changes_nothing(world, client_for):
    client = client_for(world.originating_partner)
    assert client.get(url("exchange_new", world.adoption)).status_code == 403
    response = client.post(url("exchange_new", world.adoption), exchange_data(world))
    assert response.status_code == 403
    assert not PersonnelExchange.objects.exists()


def test_a_directory_admin_reads_but_does_not_edit(world, client_for):
    client = client_for(world.directory_admin)
    text = client.get(url("context", world.other_adoption)).text
    assert "You can see this page but not change it." in text
    response = client.post(url("innovation", world.other_adoption), {"team_notes": "Mine now"})
    assert response.status_code == 403
    assert Adoption.objects.get(pk=world.other_adoption.pk).team_notes == ""


# --- Query counts ------------------------------------------------------------------


def _grow_journey(world, n=6):
    adoption = world.adoption
    for i in range(n):
        services.personnel_exchange_create(
            actor=world.lead,
            adoption=adoption,
            kind="visit",
            from_site=SiteFactory(),
            to_site=adoption.adopting_site,
            started_on=datetime.date(2024, 7, i + 1),
        )
        for domain in ContextFactor.Domain:
            services.context_factor_create(
                actor=world.lead,
                adoption=adoption,
                domain=domain,
                name=f"Factor {i}",
                originating_rating=1,
                adopting_rating=-1,
                nature="constraint",
                fit="gap",
                mitigation="A plan",
            )
        for area in ReadinessItem.Area:
            services.readiness_item_create(
                actor=world.lead, adoption=adoption, area=area, description=f"Item {i}"
            )
        services.milestone_create(
            actor=world.lead, adoption=adoption, stage=Stage.values[i % 4], title=f"Milestone {i}"
        )
        FidelityCriterionFactory(innovation=world.innovation)
    for stage, day in ((Stage.PREPARATION, 1), (Stage.IMPLEMENTATION, 2)):
        services.adoption_stage_change(
            actor=world.lead,
            adoption=adoption,
            stage=stage,
            changed_on=datetime.date(2024, 10, day),
        )


@pytest.mark.parametrize(
    "page", ["partnerships", "innovation", "context", "readiness", "stage", "milestones"]
)
@pytest.mark.parametrize("who", ["lead", "originating_partner"])
def test_journey_pages_cost_the_same_queries_at_two_sizes(world, client_for, page, who):
    for kind in ("exchange", "factor", "readiness", "milestone"):
        world_journey_row(world, kind)
    count = assert_queries_do_not_grow(
        client_for(getattr(world, who)),
        url(page, world.adoption),
        grow=lambda: _grow_journey(world),
        small="one row each",
        large="many rows",
    )
    assert count <= 12
