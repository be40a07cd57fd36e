"""Maintaining the directory: the services, the pages, and their query budgets.

Who may reach each page is in the permission matrix (tests/adoptadapt/test_permissions.py);
every validation rule of the forms is in test_forms.py.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from adoptadapt.audit import save_as
from innovations.history import describe_changes, innovation_history
from innovations.models import (
    EvidenceSource,
    FidelityCriterion,
    Innovation,
    OutcomeMetric,
    Resource,
)
from innovations.services import (
    RowChange,
    criteria_save,
    criterion_restore,
    criterion_retire,
    evidence_sources_save,
    innovation_create,
    innovation_publish_problems,
    innovation_set_status,
    innovation_update,
    metric_restore,
    metric_retire,
    metrics_save,
    resources_save,
)
from sites.models import MetricTarget
from tests.factories import (
    AdoptionFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    SiteFactory,
    ThemeFactory,
)
from tests.querycount import assert_queries_do_not_grow

from .rows import (
    existing,
    formset_data,
    new_criterion,
    new_evidence,
    new_metric,
)

pytestmark = pytest.mark.django_db

MUST_HAVE = FidelityCriterion.Kind.MUST_HAVE
ADAPTABLE = FidelityCriterion.Kind.ADAPTABLE
ADHERENCE = FidelityCriterion.Dimension.ADHERENCE


@pytest.fixture
def admin(world):
    return world.directory_admin


@pytest.fixture
def admin_client(admin, client_for):
    return client_for(admin)


def url(name, innovation=None):
    return reverse(f"innovations:{name}", kwargs={"slug": innovation.slug} if innovation else {})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def scored(innovation, admin, **criterion):
    """A criterion that an assessment has scored."""
    criterion = FidelityCriterionFactory(innovation=innovation, **criterion)
    FidelityAssessmentFactory(
        actor=admin, adoption=AdoptionFactory(actor=admin, innovation=innovation)
    )
    return criterion


# --- Services: the entry ---------------------------------------------------------------


def test_innovation_create_starts_a_draft_and_records_who(admin):
    themes = [ThemeFactory(name="Fostering"), ThemeFactory(name="Edge of care")]
    site = SiteFactory()
    innovation = innovation_create(
        actor=admin,
        name="Family Valued",
        summary="Relational practice across the service.",
        originating_site=site,
        themes=themes,
        support_organisations=[site],
    )
    assert innovation.status == Innovation.Status.DRAFT
    assert innovation.slug == "family-valued"
    assert set(innovation.themes.all()) == set(themes)
    assert list(innovation.support_organisations.all()) == [site]
    records = list(innovation.history.order_by("history_id"))
    # Created, then one record for its themes and organisations (not one per link).
    assert [r.history_type for r in records] == ["+", "~"]
    assert {r.history_user for r in records} == {admin}


def test_innovation_create_without_relations_writes_one_record(admin):
    innovation = innovation_create(actor=admin, name="Lone Model", summary="On its own.")
    assert innovation.history.count() == 1


def test_innovation_create_refuses_a_duplicate_name(admin):
    InnovationFactory(name="Mockingbird")
    with pytest.raises(ValidationError):
        innovation_create(actor=admin, name="Mockingbird", slug="mockingbird-2", summary="x")
    assert Innovation.objects.filter(name="Mockingbird").count() == 1


def test_innovation_create_refuses_fields_it_does_not_know(admin):
    with pytest.raises(TypeError):
        innovation_create(actor=admin, name="X", summary="y", status="published")


def test_innovation_update_records_one_change_with_the_actor(admin):
    innovation = InnovationFactory(summary="Before.")
    before = innovation.history.count()
    theme = ThemeFactory()
    innovation_update(
        actor=admin, innovation=innovation, summary="After.", themes=[theme], cost_rating=3
    )
    innovation.refresh_from_db()
    assert (innovation.summary, innovation.cost_rating) == ("After.", 3)
    assert list(innovation.themes.all()) == [theme]
    assert innovation.history.count() == before + 1
    assert innovation.history.first().history_user == admin


def test_innovation_update_with_nothing_changed_writes_nothing(admin):
    innovation = InnovationFactory(summary="Same.")
    before = innovation.history.count()
    innovation_update(
        actor=admin, innovation=innovation, summary="Same.", themes=[], support_organisations=[]
    )
    assert innovation.history.count() == before


def test_innovation_update_makes_a_web_address_when_it_is_cleared(admin):
    innovation = InnovationFactory(name="Family Valued", slug="fv")
    innovation_update(actor=admin, innovation=innovation, name="Family Valued", slug="")
    innovation.refresh_from_db()
    assert innovation.slug == "family-valued"


def test_innovation_update_refuses_a_taken_web_address(admin):
    InnovationFactory(slug="taken")
    innovation = InnovationFactory(slug="mine")
    with pytest.raises(ValidationError):
        innovation_update(actor=admin, innovation=innovation, slug="taken")
    innovation.refresh_from_db()
    assert innovation.slug == "mine"


# --- Services: publishing --------------------------------------------------------------


def test_publishing_needs_a_current_must_have(admin):
    innovation = InnovationFactory(status=Innovation.Status.DRAFT)
    FidelityCriterionFactory(innovation=innovation, kind=ADAPTABLE)
    criterion_retire(
        actor=admin, criterion=FidelityCriterionFactory(innovation=innovation, kind=MUST_HAVE)
    )
    with pytest.raises(ValidationError) as refused:
        innovation_set_status(actor=admin, innovation=innovation, status="published")
    assert refused.value.messages == [
        "Name at least one must-have before publishing, so adopting sites know what they must keep."
    ]
    innovation.refresh_from_db()
    assert innovation.status == Innovation.Status.DRAFT


def test_publishing_needs_a_summary(admin):
    innovation = InnovationFactory(status=Innovation.Status.ARCHIVED, summary="  ")
    FidelityCriterionFactory(innovation=innovation, kind=MUST_HAVE)
    assert innovation_publish_problems(innovation) == [
        "Add a summary before publishing: it is the first thing visitors read."
    ]
    with pytest.raises(ValidationError):
        innovation_set_status(actor=admin, innovation=innovation, status="published")


def test_archiving_and_returning_to_draft_need_no_must_have(admin):
    innovation = InnovationFactory(status=Innovation.Status.PUBLISHED)
    innovation_set_status(actor=admin, innovation=innovation, status="archived")
    innovation.refresh_from_db()
    assert innovation.status == Innovation.Status.ARCHIVED


# --- Services: the lists ---------------------------------------------------------------


def test_criteria_save_adds_changes_and_orders_rows(admin):
    innovation = InnovationFactory()
    kept = FidelityCriterionFactory(innovation=innovation, name="Kept", position=4)
    result = criteria_save(
        actor=admin,
        innovation=innovation,
        rows=[
            RowChange(kept, {"name": "Kept, renamed", "position": 4}),
            RowChange(None, {"name": "New one", "kind": MUST_HAVE, "dimension": ADHERENCE}),
            RowChange(
                None,
                {"name": "New two", "kind": ADAPTABLE, "dimension": ADHERENCE, "position": 1},
            ),
        ],
    )
    assert str(result) == "2 added, 1 changed"
    rows = list(innovation.criteria.order_by("position", "pk").values_list("name", "position"))
    assert rows == [("New two", 1), ("Kept, renamed", 4), ("New one", 5)]
    assert {c.history.first().history_user for c in innovation.criteria.all()} == {admin}


def test_criteria_save_writes_no_history_for_an_unchanged_row(admin):
    criterion = FidelityCriterionFactory(name="Same")
    before = criterion.history.count()
    result = criteria_save(
        actor=admin,
        innovation=criterion.innovation,
        rows=[RowChange(criterion, {"name": "Same", "position": criterion.position})],
    )
    assert str(result) == "no changes"
    assert criterion.history.count() == before


def test_criteria_save_retires_and_brings_back(admin):
    innovation = InnovationFactory()
    criterion = scored(innovation, admin, name="Hub home carer", position=1)
    FidelityCriterionFactory(innovation=innovation, position=7)
    result = criteria_save(
        actor=admin, innovation=innovation, rows=[RowChange(criterion, {}, retire=True)]
    )
    assert str(result) == "1 retired"
    criterion.refresh_from_db()
    assert criterion.is_retired
    result = criteria_save(actor=admin, innovation=innovation, rows=[], restore=[criterion.pk])
    assert str(result) == "1 brought back"
    criterion.refresh_from_db()
    assert not criterion.is_retired
    assert criterion.position == 8  # at the end of the list


def test_criteria_save_deletes_an_unscored_criterion_and_records_who(admin):
    criterion = FidelityCriterionFactory()
    innovation = criterion.innovation
    criteria_save(actor=admin, innovation=innovation, rows=[RowChange(criterion, delete=True)])
    assert not innovation.criteria.exists()
    deletion = FidelityCriterion.history.filter(id=criterion.pk).first()
    assert (deletion.history_type, deletion.history_user) == ("-", admin)


def test_criteria_save_refuses_to_delete_a_scored_criterion_and_changes_nothing(admin):
    innovation = InnovationFactory()
    criterion = scored(innovation, admin, name="Hub home carer")
    with pytest.raises(ValidationError) as refused:
        criteria_save(
            actor=admin,
            innovation=innovation,
            rows=[
                RowChange(None, {"name": "Added", "kind": MUST_HAVE, "dimension": ADHERENCE}),
                RowChange(criterion, delete=True),
            ],
        )
    assert refused.value.messages == [
        "“Hub home carer” has been scored in a fidelity assessment, so it cannot be "
        "deleted. Retire it instead."
    ]
    assert list(innovation.criteria.values_list("name", flat=True)) == ["Hub home carer"]


def test_criteria_save_refuses_duplicate_names(admin):
    existing_one = FidelityCriterionFactory(name="Weekly huddle")
    with pytest.raises(ValidationError) as refused:
        criteria_save(
            actor=admin,
            innovation=existing_one.innovation,
            rows=[
                RowChange(
                    None, {"name": "weekly huddle", "kind": MUST_HAVE, "dimension": ADHERENCE}
                )
            ],
        )
    assert refused.value.messages == [
        "This innovation already has a criterion called “weekly huddle”."
    ]


def test_criteria_save_refuses_a_row_of_another_innovation(admin):
    theirs = FidelityCriterionFactory()
    with pytest.raises(ValidationError):
        criteria_save(
            actor=admin,
            innovation=InnovationFactory(),
            rows=[RowChange(theirs, {"name": "Taken over"})],
        )
    theirs.refresh_from_db()
    assert theirs.name != "Taken over"


def test_criteria_save_refuses_to_bring_back_one_that_is_not_retired(admin):
    criterion = FidelityCriterionFactory()
    with pytest.raises(ValidationError):
        criteria_save(actor=admin, innovation=criterion.innovation, rows=[], restore=[criterion.pk])


def test_criteria_save_refuses_fields_it_does_not_edit(admin):
    criterion = FidelityCriterionFactory()
    with pytest.raises(TypeError):
        criteria_save(
            actor=admin,
            innovation=criterion.innovation,
            rows=[RowChange(criterion, {"retired_at": None})],
        )


def test_criterion_retire_and_restore(admin):
    criterion = FidelityCriterionFactory()
    criterion = criterion_retire(actor=admin, criterion=criterion)
    assert criterion.is_retired
    assert criterion.history.first().history_user == admin
    criterion = criterion_restore(actor=admin, criterion=criterion)
    assert not criterion.is_retired


def _metric_with_target(admin):
    metric = OutcomeMetricFactory(name="Carers")
    adoption = AdoptionFactory(actor=admin, innovation=metric.innovation)
    # No service sets targets yet; save_as still records who.
    save_as(MetricTarget(adoption=adoption, metric=metric, target=Decimal("20")), actor=admin)
    return metric


def test_metrics_save_refuses_to_delete_a_metric_with_a_target(admin):
    metric = _metric_with_target(admin)
    with pytest.raises(ValidationError) as refused:
        metrics_save(
            actor=admin, innovation=metric.innovation, rows=[RowChange(metric, delete=True)]
        )
    assert "cannot be deleted" in refused.value.messages[0]
    assert OutcomeMetric.objects.filter(pk=metric.pk).exists()


def test_metrics_save_refuses_to_delete_a_metric_with_values(admin):
    metric = OutcomeMetricFactory(name="Carers")
    adoption = AdoptionFactory(actor=admin, innovation=metric.innovation)
    ProgressUpdateFactory(
        actor=admin,
        adoption=adoption,
        period=datetime.date(2025, 1, 1),
        metric_values={metric: Decimal("3")},
    )
    with pytest.raises(ValidationError):
        metrics_save(
            actor=admin, innovation=metric.innovation, rows=[RowChange(metric, delete=True)]
        )


def test_metrics_save_retires_a_used_metric_and_adds_one(admin):
    metric = _metric_with_target(admin)
    result = metrics_save(
        actor=admin,
        innovation=metric.innovation,
        rows=[
            RowChange(metric, {}, retire=True),
            RowChange(
                None,
                {"name": "Carers (new count)", "unit": "carers", "aggregation": "cumulative"},
            ),
        ],
    )
    assert str(result) == "1 added, 1 retired"
    metric.refresh_from_db()
    assert metric.retired_at is not None


def test_metric_retire_and_restore(admin):
    metric = OutcomeMetricFactory()
    assert metric_retire(actor=admin, metric=metric).retired_at is not None
    assert metric_restore(actor=admin, metric=metric).retired_at is None


def test_evidence_and_resources_save_add_change_and_delete(admin):
    innovation = InnovationFactory()
    evidence_sources_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(None, {"title": "Evaluation", "kind": "evaluation", "year": 2017})],
    )
    source = innovation.evidence_sources.get()
    assert (source.year, source.position) == (2017, 1)
    result = evidence_sources_save(
        actor=admin, innovation=innovation, rows=[RowChange(source, delete=True)]
    )
    assert str(result) == "1 deleted"
    resources_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(None, {"title": "Toolkit", "kind": "toolkit", "url": "https://x.org"})],
    )
    resource = innovation.resources.get()
    resources_save(
        actor=admin, innovation=innovation, rows=[RowChange(resource, {"title": "Handbook"})]
    )
    resource.refresh_from_db()
    assert resource.title == "Handbook"
    assert resource.history.first().history_user == admin


def test_evidence_save_validates_the_year_too(admin):
    with pytest.raises(ValidationError):
        evidence_sources_save(
            actor=admin,
            innovation=InnovationFactory(),
            rows=[RowChange(None, {"title": "Old", "kind": "evaluation", "year": 1900})],
        )
    assert not EvidenceSource.objects.exists()


# --- Pages: adding and editing the entry ---------------------------------------------------


def test_the_create_page_shows_the_form(admin_client):
    response = admin_client.get(url("create"))
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Add an innovation</h1>' in response.text
    assert 'name="evidence_level"' in response.text
    assert "Save as a draft" in response.text


def test_creating_an_entry_saves_a_draft_and_goes_on_to_its_criteria(admin_client, admin):
    theme = ThemeFactory(name="Fostering")
    response = admin_client.post(
        url("create"),
        {
            "name": "Family Valued",
            "slug": "",
            "summary": "Relational practice.",
            "evidence_level": "3",
            "cost_rating": "2",
            "themes": [theme.pk],
        },
        follow=True,
    )
    innovation = Innovation.objects.get(name="Family Valued")
    assert response.redirect_chain == [(url("criteria", innovation), 302)]
    assert messages_of(response) == [
        "“Family Valued” has been added as a draft. Next, name its must-haves and adaptable parts."
    ]
    assert "govuk-notification-banner--success" in response.text
    assert innovation.status == Innovation.Status.DRAFT
    assert (innovation.evidence_level, innovation.cost_rating) == ("3", 2)
    assert innovation.history.last().history_user == admin


def test_an_invalid_entry_shows_the_error_summary_and_keeps_what_was_typed(admin_client):
    InnovationFactory(name="Mockingbird")
    response = admin_client.post(
        url("create"),
        {"name": "Mockingbird", "summary": "", "evidence_level": "3", "culture": "Warm"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert '<a href="#id_name">Another innovation is already called' in response.text
    assert '<a href="#id_summary">Enter a summary of the innovation.</a>' in response.text
    assert "Warm</textarea>" in response.text
    assert response.text.count('value="3" checked') or 'value="3"\n' in response.text
    assert "<title>Error: Add an innovation" in response.text
    assert Innovation.objects.filter(name="Mockingbird").count() == 1


def test_editing_an_entry_saves_and_returns_to_it(admin_client, world):
    innovation = world.draft_innovation
    response = admin_client.post(
        url("edit", innovation),
        {
            "name": innovation.name,
            "slug": "renamed-draft",
            "summary": "A better summary.",
            "evidence_level": innovation.evidence_level,
            "cost_rating": "",
        },
        follow=True,
    )
    innovation.refresh_from_db()
    assert response.redirect_chain == [("/directory/renamed-draft/", 302)]
    assert innovation.summary == "A better summary."
    assert messages_of(response) == [f"Your changes to “{innovation.name}” have been saved."]


def test_the_edit_page_keeps_the_saved_name_in_its_heading_when_the_form_is_wrong(
    admin_client, world
):
    innovation = world.innovation
    response = admin_client.post(
        url("edit", innovation),
        {"name": "", "summary": "Kept", "evidence_level": "3", "slug": innovation.slug},
    )
    assert response.status_code == 200
    assert f'<span class="govuk-caption-l">{innovation.name}</span>' in response.text
    assert "Enter the innovation’s name." in response.text
    assert "Kept</textarea>" in response.text


def test_the_edit_page_shows_the_saved_values(admin_client, world):
    innovation = world.innovation
    response = admin_client.get(url("edit", innovation))
    assert f'value="{innovation.name}"' in response.text
    assert 'href="/directory/systemic-units/criteria/"' in response.text  # the side navigation


# --- Pages: the lists -------------------------------------------------------------------------


def test_the_criteria_page_lists_current_and_retired_criteria(admin_client, admin, world):
    innovation = world.innovation
    FidelityCriterionFactory(innovation=innovation, name="Current one")
    criterion_retire(
        actor=admin, criterion=FidelityCriterionFactory(innovation=innovation, name="Old one")
    )
    response = admin_client.get(url("criteria", innovation))
    assert response.status_code == 200
    assert 'value="Current one"' in response.text
    assert 'value="Old one"' not in response.text
    assert 'Bring back<span class="govuk-visually-hidden"> Old one</span>' in response.text


def test_an_empty_list_starts_with_one_blank_row(admin_client, world):
    response = admin_client.get(url("criteria", world.innovation))
    assert 'name="rows-TOTAL_FORMS" value="1"' in response.text
    assert "1. New criterion" in response.text


def test_add_another_shows_one_more_row_without_saving_or_judging(admin_client, world):
    innovation = world.innovation
    data = formset_data(initial=[], new=[new_criterion(name="Typed but not saved", kind="")])
    data["add"] = "1"
    response = admin_client.post(url("criteria", innovation), data)
    assert response.status_code == 200
    assert 'name="rows-TOTAL_FORMS" value="2"' in response.text
    assert 'value="Typed but not saved"' in response.text
    assert "2. New criterion" in response.text
    assert "govuk-error-summary" not in response.text
    assert "Select whether it is a must-have" not in response.text
    assert not innovation.criteria.exists()


def test_saving_criteria_adds_them_and_says_so(admin_client, world):
    innovation = world.innovation
    data = formset_data(
        initial=[],
        new=[new_criterion(name="Hub home carer"), new_criterion(name="Monthly meetings")],
    )
    response = admin_client.post(url("criteria", innovation), data, follow=True)
    assert response.redirect_chain == [(url("criteria", innovation), 302)]
    assert messages_of(response) == ["Must-haves and adaptable parts saved: 2 added."]
    assert list(innovation.criteria.values_list("name", "position")) == [
        ("Hub home carer", 1),
        ("Monthly meetings", 2),
    ]


def test_criteria_errors_link_to_their_row_and_keep_what_was_typed(admin_client, world):
    innovation = world.innovation
    first = FidelityCriterionFactory(innovation=innovation, name="Hub home carer")
    data = formset_data(
        initial=[existing(first, description="Edited text")],
        new=[new_criterion(name="Hub home carer"), new_criterion(name="Third", kind="")],
    )
    response = admin_client.post(url("criteria", innovation), data)
    assert response.status_code == 200
    text = response.text
    assert (
        '<a href="#id_rows-1-name">Row 2: This innovation already has a criterion with this '
        "name.</a>" in text
    )
    assert (
        '<a href="#id_rows-2-kind_1">Row 3: Select whether it is a must-have or adaptable.</a>'
        in text
    )
    assert "Edited text</textarea>" in text
    assert 'value="Third"' in text
    assert "<title>Error: " in text
    first.refresh_from_db()
    assert first.description == ""


def test_deleting_a_scored_criterion_is_refused_on_the_page(admin_client, admin, world):
    innovation = world.innovation
    criterion = scored(innovation, admin, name="Hub home carer")
    data = formset_data(initial=[existing(criterion, DELETE=True)])
    response = admin_client.post(url("criteria", innovation), data)
    assert response.status_code == 200
    assert (
        '<a href="#id_rows-0-DELETE">Row 1: “Hub home carer” has been scored in a fidelity '
        "assessment, so it cannot be deleted. Tick “Retire” instead.</a>" in response.text
    )
    assert innovation.criteria.filter(pk=criterion.pk).exists()


def test_retiring_then_bringing_back_a_criterion(admin_client, admin, world):
    innovation = world.innovation
    criterion = scored(innovation, admin, name="Hub home carer")
    page = url("criteria", innovation)
    response = admin_client.post(
        page, formset_data(initial=[existing(criterion, retire=True)]), follow=True
    )
    assert messages_of(response) == ["Must-haves and adaptable parts saved: 1 retired."]
    assert 'Bring back<span class="govuk-visually-hidden"> Hub home carer' in response.text
    response = admin_client.post(
        page, formset_data(initial=[], bring_back=str(criterion.pk)), follow=True
    )
    assert messages_of(response) == ["Must-haves and adaptable parts saved: 1 brought back."]
    criterion.refresh_from_db()
    assert not criterion.is_retired


def test_bringing_back_something_that_is_not_retired_is_a_404(admin_client, world):
    innovation = world.innovation
    criterion = FidelityCriterionFactory(innovation=innovation)
    data = formset_data(initial=[existing(criterion)], bring_back=str(criterion.pk))
    assert admin_client.post(url("criteria", innovation), data).status_code == 404


def test_a_broken_management_form_is_reported_not_a_crash(admin_client, world):
    response = admin_client.post(url("criteria", world.innovation), {"rows-TOTAL_FORMS": "x"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    response = admin_client.post(url("criteria", world.innovation), {"add": "1"})
    assert response.status_code == 200


def test_add_another_with_a_negative_row_count_shows_one_blank_row(admin_client, world):
    # Found by the fuzzer (tests/fuzz): there was no last row to add to, a server error.
    data = formset_data(initial=[], new=[])
    data.update({"rows-TOTAL_FORMS": "-1", "add": "1"})
    response = admin_client.post(url("criteria", world.innovation), data)
    assert response.status_code == 200
    assert 'name="rows-TOTAL_FORMS" value="1"' in response.text
    assert not world.innovation.criteria.exists()


def test_a_row_count_past_the_ceiling_is_refused_without_drawing_the_rows(admin_client, world):
    # Found by the fuzzer (tests/fuzz): Django believes a posted count up to 2,000 rows,
    # and drawing that many blank rows took a request 10-20 seconds.
    data = formset_data(initial=[], new=[])
    data["rows-TOTAL_FORMS"] = "9" * 30
    response = admin_client.post(url("criteria", world.innovation), data)
    assert response.status_code == 200
    assert "Please submit at most 100 forms." in response.text
    assert response.text.count('name="rows-99-name"') == 1
    assert 'name="rows-100-name"' not in response.text
    assert not world.innovation.criteria.exists()


def test_the_metrics_page_saves_and_refuses_deleting_a_used_metric(admin_client, admin, world):
    innovation = world.innovation
    page = url("metrics", innovation)
    response = admin_client.post(
        page, formset_data(initial=[], new=[new_metric(name="Carers")]), follow=True
    )
    assert messages_of(response) == ["Outcome metrics saved: 1 added."]
    metric = innovation.metrics.get()
    save_as(MetricTarget(adoption=world.adoption, metric=metric, target=Decimal("5")), actor=admin)
    response = admin_client.post(page, formset_data(initial=[existing(metric, DELETE=True)]))
    assert "Tick “Retire” instead." in response.text
    assert innovation.metrics.exists()


def test_the_evidence_page_saves_a_source(admin_client, world):
    innovation = world.innovation
    response = admin_client.post(
        url("evidence", innovation),
        formset_data(
            initial=[], new=[new_evidence(year="2019", url="example.org/report", publisher="DfE")]
        ),
        follow=True,
    )
    assert messages_of(response) == ["Evidence sources saved: 1 added."]
    source = innovation.evidence_sources.get()
    assert (source.url, source.year, source.publisher) == (
        "https://example.org/report",
        2019,
        "DfE",
    )


def test_the_evidence_page_shows_a_bad_year_in_the_summary(admin_client, world):
    response = admin_client.post(
        url("evidence", world.innovation),
        formset_data(initial=[], new=[new_evidence(year="1800")]),
    )
    assert '<a href="#id_rows-0-year">Row 1: Enter a year from 1950 to 2100.</a>' in response.text


def test_the_resources_page_changes_and_deletes(admin_client, admin, world):
    innovation = world.innovation
    resources_save(
        actor=admin,
        innovation=innovation,
        rows=[
            RowChange(None, {"title": "Toolkit", "kind": "toolkit"}),
            RowChange(None, {"title": "Course", "kind": "training"}),
        ],
    )
    toolkit, course = innovation.resources.order_by("position")
    response = admin_client.post(
        url("resources", innovation),
        formset_data(
            initial=[existing(toolkit, title="Practice toolkit"), existing(course, DELETE=True)]
        ),
        follow=True,
    )
    assert messages_of(response) == ["Resources saved: 1 changed, 1 deleted."]
    assert list(Resource.objects.filter(innovation=innovation).values_list("title", flat=True)) == [
        "Practice toolkit"
    ]


# --- Pages: publication ------------------------------------------------------------------


def test_the_status_page_shows_who_changed_it_and_when(admin_client, admin, world):
    innovation = world.innovation
    FidelityCriterionFactory(innovation=innovation)
    innovation_set_status(actor=admin, innovation=innovation, status="draft")
    innovation_set_status(actor=admin, innovation=innovation, status="published")
    response = admin_client.get(url("status", innovation))
    assert '<strong class="govuk-tag govuk-tag--green">Published</strong>' in response.text
    assert f"by {admin}" in response.text
    assert 'value="archived"' in response.text and 'value="draft"' in response.text
    assert 'value="published"' not in response.text


def test_publishing_without_a_must_have_is_refused_with_the_reason(admin_client, world):
    innovation = world.draft_innovation
    response = admin_client.get(url("status", innovation))
    assert "It cannot be published yet." in response.text
    response = admin_client.post(url("status", innovation), {"status": "published"})
    assert response.status_code == 200
    assert '<a href="#id_status_1">Name at least one must-have before publishing' in response.text
    innovation.refresh_from_db()
    assert innovation.status == Innovation.Status.DRAFT


def test_publishing_a_ready_draft(admin_client, admin, world):
    innovation = world.draft_innovation
    FidelityCriterionFactory(innovation=innovation, kind=MUST_HAVE)
    response = admin_client.post(url("status", innovation), {"status": "published"}, follow=True)
    assert response.redirect_chain == [(innovation.get_absolute_url(), 302)]
    assert messages_of(response) == [
        f"“{innovation.name}” is now published: anyone can find it in the directory."
    ]
    innovation.refresh_from_db()
    assert (innovation.status, innovation.status_changed_by) == ("published", admin)


def test_a_move_not_offered_is_refused_on_the_page(admin_client, world):
    innovation = world.draft_innovation
    response = admin_client.post(url("status", innovation), {"status": "archived"})
    assert response.status_code == 200
    assert "A draft entry cannot be moved that way." in response.text
    innovation.refresh_from_db()
    assert innovation.status == Innovation.Status.DRAFT


# --- Pages: change history -----------------------------------------------------------------


def test_history_lists_the_entry_and_its_parts_newest_first_with_differences(
    admin_client, admin, world
):
    innovation = world.innovation
    theme = ThemeFactory(name="Fostering")
    innovation_update(
        actor=admin,
        innovation=innovation,
        summary="A new summary.",
        cost_rating=2,
        evidence_level="3",
        themes=[theme],
    )
    criteria_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(None, {"name": "Hub home carer", "kind": MUST_HAVE, "dimension": "dose"})],
    )
    criterion = innovation.criteria.get()
    criteria_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(criterion, {"kind": ADAPTABLE})],
    )
    criterion_retire(actor=admin, criterion=criterion)

    response = admin_client.get(url("history", innovation))
    assert response.status_code == 200
    entries = response.context["entries"]
    assert [(e.action, e.part) for e in entries[:4]] == [
        ("Retired", "Adaptable part"),
        ("Changed", "Adaptable part"),
        ("Created", "Must-have"),
        ("Changed", "Entry details"),
    ]
    assert all(e.who == admin for e in entries[:4])
    kind_change = entries[1].changes
    assert [(c.label, c.old, c.new) for c in kind_change] == [("Kind", "Must-have", "Adaptable")]
    details = {c.label: (c.old, c.new) for c in entries[3].changes}
    assert details["Summary"][1] == "A new summary."
    assert details["Cost rating"] == ("(empty)", "2")
    assert details["Evidence level"][1] == "3 (effective: one rigorous evaluation)"
    assert details["Themes"] == ("None", "Fostering")
    assert "Updated at" not in details
    assert "Retired: adaptable part “Hub home carer”" in response.text


def test_history_names_originating_sites_not_their_numbers(admin, world):
    innovation = world.innovation
    new_site = SiteFactory(name="Leeds City Council")
    innovation_update(actor=admin, innovation=innovation, originating_site=new_site)
    [entry] = innovation_history(innovation)[:1]
    describe_changes([entry])
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Originating site", "Originating Borough Council", "Leeds City Council")
    ]


def test_history_shows_deleted_rows(admin, world):
    innovation = world.innovation
    resources_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(None, {"title": "Toolkit", "kind": "toolkit"})],
    )
    resources_save(
        actor=admin,
        innovation=innovation,
        rows=[RowChange(innovation.resources.get(), delete=True)],
    )
    latest = innovation_history(innovation)[0]
    assert (latest.action, latest.part, latest.name, latest.who) == (
        "Deleted",
        "Resource",
        "Toolkit",
        admin,
    )


def test_history_is_paginated(admin_client, admin, world):
    innovation = world.innovation
    for n in range(30):
        innovation_update(actor=admin, innovation=innovation, summary=f"Version {n}")
    response = admin_client.get(url("history", innovation))
    assert len(response.context["entries"]) == 25
    assert 'href="?page=2"' in response.text
    response = admin_client.get(url("history", innovation) + "?page=2")
    assert len(response.context["entries"]) == innovation.history.count() - 25
    # A page number that does not exist shows the last page rather than failing.
    assert admin_client.get(url("history", innovation) + "?page=99").status_code == 200


# --- Query budgets -------------------------------------------------------------------------


def _grow_entry(innovation, admin, n):
    """More rows in every list, each changed once, and more entry changes."""
    for i in range(n):
        criteria_save(
            actor=admin,
            innovation=innovation,
            rows=[
                RowChange(
                    None, {"name": f"Criterion {n}-{i}", "kind": MUST_HAVE, "dimension": "dose"}
                )
            ],
        )
        metrics_save(
            actor=admin,
            innovation=innovation,
            rows=[RowChange(None, {"name": f"Metric {n}-{i}", "unit": "carers"})],
        )
        evidence_sources_save(
            actor=admin,
            innovation=innovation,
            rows=[RowChange(None, {"title": f"Report {i}", "kind": "evaluation"})],
        )
        resources_save(
            actor=admin,
            innovation=innovation,
            rows=[RowChange(None, {"title": f"Toolkit {i}", "kind": "toolkit"})],
        )
        innovation_update(
            actor=admin,
            innovation=innovation,
            summary=f"Summary {n}-{i}",
            originating_site=SiteFactory(),
            themes=[ThemeFactory()],
        )
    for criterion in innovation.criteria.all():
        criteria_save(
            actor=admin,
            innovation=innovation,
            rows=[RowChange(criterion, {"description": f"Changed {criterion.pk}"})],
        )


@pytest.mark.parametrize("page", ["history", "criteria", "metrics", "evidence", "resources"])
def test_maintenance_pages_do_not_grow_queries_with_the_entry(page, admin_client, admin, world):
    innovation = world.innovation
    _grow_entry(innovation, admin, 2)
    scored(innovation, admin)
    assert_queries_do_not_grow(
        admin_client,
        url(page, innovation),
        grow=lambda: _grow_entry(innovation, admin, 6),
    )


def test_the_edit_page_does_not_grow_queries_with_sites_and_themes(admin_client, admin, world):
    ThemeFactory()  # an empty list of choices costs no query; compare like with like

    def grow():
        for _ in range(10):
            SiteFactory()
            ThemeFactory()

    assert_queries_do_not_grow(admin_client, url("edit", world.innovation), grow=grow)


# --- The way in from the directory ---------------------------------------------------------


def test_admin_actions_offer_adding_and_managing_to_directory_admins_only(world):
    innovation = world.innovation
    for user, shown in (
        (world.directory_admin, True),
        (world.lead, False),
        (AnonymousUser(), False),
    ):
        on_list = render_to_string(
            "innovations/includes/admin_actions.html", {"perms": PermWrapper(user)}
        )
        on_entry = render_to_string(
            "innovations/includes/admin_actions.html",
            {"perms": PermWrapper(user), "innovation": innovation},
        )
        assert ("Add an innovation" in on_list) is shown
        assert ("Manage this entry" in on_entry) is shown
        assert (url("history", innovation) in on_entry) is shown


def test_a_row_deleted_by_someone_else_meanwhile_is_explained(admin_client, admin, world):
    innovation = world.innovation
    criterion = FidelityCriterionFactory(innovation=innovation, name="Gone")
    data = formset_data(initial=[existing(criterion, description="Typed")])
    criteria_save(actor=admin, innovation=innovation, rows=[RowChange(criterion, delete=True)])
    response = admin_client.post(url("criteria", innovation), data)
    assert response.status_code == 200
    assert (
        '<a href="#row-1">Row 1: Someone else has deleted or retired this row since you '
        "opened the page." in response.text
    )
