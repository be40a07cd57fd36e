"""Every validation rule of the directory maintenance forms, one test (or case) each."""

import datetime
from decimal import Decimal

import pytest

from innovations.forms import (
    CriteriaFormSet,
    EvidenceSourcesFormSet,
    InnovationForm,
    InnovationStatusForm,
    MetricsFormSet,
    ResourcesFormSet,
)
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric
from innovations.selectors import innovation_rows_for_editing
from innovations.services import criterion_retire
from tests.factories import (
    AdoptionFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    SiteFactory,
    ThemeFactory,
    UserFactory,
)

from .rows import (
    PREFIX,
    existing,
    formset_data,
    new_criterion,
    new_evidence,
    new_metric,
    new_resource,
)

pytestmark = pytest.mark.django_db


def innovation_data(**changes) -> dict:
    data = {
        "name": "Family Valued",
        "slug": "",
        "summary": "Relational practice across a whole children's service.",
        "evidence_level": Innovation.EvidenceLevel.NOT_RATED,
        "cost_rating": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def errors(form, field) -> list[str]:
    return form.errors.get(field, [])


# --- The entry's own fields ------------------------------------------------------------


def test_a_complete_form_is_valid_and_makes_the_web_address_from_the_name():
    theme = ThemeFactory()
    site = SiteFactory()
    form = InnovationForm(
        data=innovation_data(
            themes=[theme.pk], support_organisations=[site.pk], originating_site=site.pk
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["slug"] == "family-valued"
    assert list(form.cleaned_data["themes"]) == [theme]
    assert form.cleaned_data["cost_rating"] is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Enter the innovation’s name."),
        ("summary", "Enter a summary of the innovation."),
        ("evidence_level", "Select the evidence level."),
    ],
)
def test_required_fields_say_what_to_enter(field, message):
    form = InnovationForm(data=innovation_data(**{field: ""}))
    assert not form.is_valid()
    assert errors(form, field) == [message]


def test_a_name_already_taken_is_refused_whatever_its_case():
    InnovationFactory(name="Mockingbird")
    form = InnovationForm(data=innovation_data(name="mockingbird", slug="another-address"))
    assert not form.is_valid()
    assert errors(form, "name") == [
        "Another innovation is already called “mockingbird”. Enter a different name."
    ]


def test_a_web_address_already_taken_is_refused_naming_the_entry_that_has_it():
    InnovationFactory(name="Mockingbird Family", slug="mockingbird")
    form = InnovationForm(data=innovation_data(name="Mockingbird UK", slug="mockingbird"))
    assert not form.is_valid()
    assert errors(form, "slug") == [
        "The web address “mockingbird” is already used by “Mockingbird Family”. "
        "Enter a different one."
    ]


def test_a_web_address_made_from_the_name_that_is_taken_says_so():
    InnovationFactory(name="Mockingbird (original)", slug="mockingbird")
    form = InnovationForm(data=innovation_data(name="Mockingbird"))
    assert not form.is_valid()
    assert errors(form, "slug") == [
        "The web address made from the name “mockingbird” is already used by "
        "“Mockingbird (original)”. Enter a different one."
    ]


def test_a_web_address_with_other_characters_suggests_a_valid_one():
    form = InnovationForm(data=innovation_data(slug="Family Valued!"))
    assert not form.is_valid()
    assert errors(form, "slug") == [
        "The web address can only use lower-case letters, numbers and hyphens. Try “family-valued”."
    ]


@pytest.mark.parametrize("slug", ["new", "import"])
def test_a_web_address_the_site_uses_for_its_own_pages_is_refused(slug):
    form = InnovationForm(data=innovation_data(slug=slug))
    assert not form.is_valid()
    assert errors(form, "slug") == [
        f"The web address “{slug}” is used by the site itself. Enter a different one."
    ]


def test_a_name_with_nothing_to_make_an_address_from_asks_for_one():
    form = InnovationForm(data=innovation_data(name="???"))
    assert not form.is_valid()
    assert errors(form, "slug") == [
        "Enter a web address using letters or numbers, like family-group-conferencing."
    ]


def test_editing_keeps_its_own_name_and_address():
    innovation = InnovationFactory(name="Family Valued", slug="family-valued")
    form = InnovationForm(
        data=innovation_data(name="Family Valued", slug="family-valued"), instance=innovation
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("rating", ["0", "6", "three"])
def test_a_cost_rating_outside_1_to_5_is_refused(rating):
    form = InnovationForm(data=innovation_data(cost_rating=rating))
    assert not form.is_valid()
    assert errors(form, "cost_rating") == ["Select a cost rating from 1 to 5, or “Not rated”."]


@pytest.mark.parametrize("rating", ["1", "5"])
def test_cost_ratings_1_and_5_are_accepted(rating):
    form = InnovationForm(data=innovation_data(cost_rating=rating))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cost_rating"] == int(rating)


def test_an_evidence_level_not_on_the_scale_is_refused():
    form = InnovationForm(data=innovation_data(evidence_level="5"))
    assert not form.is_valid()
    assert errors(form, "evidence_level") == ["Select one of the evidence levels shown."]


def test_an_originating_site_not_in_the_list_is_refused():
    form = InnovationForm(data=innovation_data(originating_site="999999"))
    assert not form.is_valid()
    assert errors(form, "originating_site") == ["Select an organisation from the list."]


def test_a_theme_not_in_the_list_is_refused():
    form = InnovationForm(data=innovation_data(themes=["999999"]))
    assert not form.is_valid()
    assert errors(form, "themes")


def test_an_id_too_large_for_the_database_is_refused_as_not_in_the_list():
    # Found by the fuzzer (tests/fuzz): SQLite could not bind the id, a server error.
    form = InnovationForm(data=innovation_data(support_organisations=["9" * 20], themes=["1"]))
    assert not form.is_valid()
    assert errors(form, "support_organisations") == ["Select organisations from the list."]
    form = InnovationForm(data=innovation_data(themes=[str(-(2**63))]))
    assert errors(form, "themes") == ["Select themes from the list."]


def test_the_evidence_level_radios_carry_the_explanatory_labels():
    form = InnovationForm()
    labels = dict(form.fields["evidence_level"].choices)
    assert labels["4+"] == "4+ (effective: consistent evidence from several rigorous studies)"
    assert labels["NL2"].startswith("NL2 (not yet level 2")


# --- Publication ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (Innovation.Status.DRAFT, ["published"]),
        (Innovation.Status.PUBLISHED, ["draft", "archived"]),
        (Innovation.Status.ARCHIVED, ["published"]),
    ],
)
def test_the_status_form_offers_only_the_allowed_moves(status, offered):
    form = InnovationStatusForm(innovation=InnovationFactory(status=status))
    assert [choice[0] for choice in form.fields["status"].choices] == offered


@pytest.mark.parametrize(
    ("status", "move"),
    [
        (Innovation.Status.DRAFT, "archived"),
        (Innovation.Status.DRAFT, "draft"),
        (Innovation.Status.ARCHIVED, "draft"),
        (Innovation.Status.PUBLISHED, "deleted"),
    ],
)
def test_a_move_that_is_not_allowed_is_refused(status, move):
    innovation = InnovationFactory(status=status)
    form = InnovationStatusForm(data={"status": move}, innovation=innovation)
    assert not form.is_valid()
    label = Innovation.Status(status).label.lower()
    assert errors(form, "status") == [
        f"A {label} entry cannot be moved that way. Select one of the options shown."
    ]


def test_the_status_form_needs_a_choice():
    form = InnovationStatusForm(data={}, innovation=InnovationFactory())
    assert errors(form, "status") == ["Select what you want to do with this entry."]


# --- The entry's lists -----------------------------------------------------------------


def criteria_formset(innovation, data=None):
    retired = innovation_rows_for_editing(innovation, "criteria", retired=True)
    return CriteriaFormSet(
        data,
        instance=innovation,
        queryset=innovation_rows_for_editing(innovation, "criteria", retired=False),
        prefix=PREFIX,
        other_names=[c.name for c in retired],
    )


def metrics_formset(innovation, data=None):
    return MetricsFormSet(
        data,
        instance=innovation,
        queryset=innovation_rows_for_editing(innovation, "metrics", retired=False),
        prefix=PREFIX,
    )


def row_errors(formset) -> list[dict]:
    return [dict(form.errors) for form in formset.forms]


def test_new_criteria_need_a_kind_and_dimension():
    innovation = InnovationFactory()
    data = formset_data(initial=[], new=[new_criterion(kind="", dimension="")])
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset) == [
        {
            "kind": ["Select whether it is a must-have or adaptable."],
            "dimension": ["Select the fidelity dimension."],
        }
    ]


def test_a_started_criterion_needs_a_name():
    innovation = InnovationFactory()
    data = formset_data(initial=[], new=[new_criterion(name="")])
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset) == [{"name": ["Enter the criterion’s name."]}]


def test_a_saved_criterion_cannot_lose_its_name():
    innovation = InnovationFactory()
    criterion = FidelityCriterionFactory(innovation=innovation)
    formset = criteria_formset(innovation, formset_data(initial=[existing(criterion, name="")]))
    assert not formset.is_valid()
    assert row_errors(formset) == [{"name": ["Enter the criterion’s name."]}]


def test_a_blank_extra_row_is_ignored():
    innovation = InnovationFactory()
    data = formset_data(initial=[], new=[{"name": "", "kind": "", "dimension": ""}])
    formset = criteria_formset(innovation, data)
    assert formset.is_valid(), formset.errors
    assert formset.row_changes() == []


def test_two_rows_with_the_same_name_are_refused_with_the_constraint_message():
    innovation = InnovationFactory()
    first = FidelityCriterionFactory(innovation=innovation, name="Hub home carer")
    data = formset_data(initial=[existing(first)], new=[new_criterion(name="hub home carer ")])
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset) == [
        {},
        {"name": ["This innovation already has a criterion with this name."]},
    ]


def test_a_new_row_cannot_take_a_retired_criterions_name():
    innovation = InnovationFactory()
    admin = UserFactory(is_directory_admin=True)
    criterion_retire(
        actor=admin,
        criterion=FidelityCriterionFactory(innovation=innovation, name="Monthly visits"),
    )
    data = formset_data(initial=[], new=[new_criterion(name="Monthly visits")])
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset)[0]["name"] == [
        "A retired criterion is called this. Bring it back instead of adding it again."
    ]


def test_renaming_rows_into_each_others_old_names_is_checked_as_a_whole():
    innovation = InnovationFactory()
    a = FidelityCriterionFactory(innovation=innovation, name="Alpha")
    b = FidelityCriterionFactory(innovation=innovation, name="Beta")
    data = formset_data(initial=[existing(a, name="Beta"), existing(b, name="Gamma")])
    assert criteria_formset(innovation, data).is_valid()


def _scored_criterion(innovation):
    admin = UserFactory(is_directory_admin=True)
    criterion = FidelityCriterionFactory(innovation=innovation, name="Hub home carer")
    adoption = AdoptionFactory(actor=admin, innovation=innovation)
    FidelityAssessmentFactory(actor=admin, adoption=adoption)
    return criterion


def test_deleting_a_scored_criterion_is_refused_and_says_to_retire_it():
    innovation = InnovationFactory()
    criterion = _scored_criterion(innovation)
    data = formset_data(initial=[existing(criterion, DELETE=True)])
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset)[0]["DELETE"] == [
        "“Hub home carer” has been scored in a fidelity assessment, so it cannot be "
        "deleted. Tick “Retire” instead."
    ]


def test_a_scored_criterion_may_be_retired():
    innovation = InnovationFactory()
    criterion = _scored_criterion(innovation)
    formset = criteria_formset(innovation, formset_data(initial=[existing(criterion, retire=True)]))
    assert formset.is_valid(), formset.errors
    [row] = formset.row_changes()
    assert row.retire and not row.delete and row.instance == criterion


def test_an_unscored_criterion_may_be_deleted():
    innovation = InnovationFactory()
    criterion = FidelityCriterionFactory(innovation=innovation)
    formset = criteria_formset(innovation, formset_data(initial=[existing(criterion, DELETE=True)]))
    assert formset.is_valid(), formset.errors
    [row] = formset.row_changes()
    assert row.delete


def test_only_saved_rows_offer_retire_and_delete():
    innovation = InnovationFactory()
    FidelityCriterionFactory(innovation=innovation)
    data = formset_data(
        initial=[existing(innovation.criteria.get())], new=[new_criterion(name="New")]
    )
    saved, new = criteria_formset(innovation, data).forms
    assert {"retire", "DELETE"} <= set(saved.fields)
    assert not {"retire", "DELETE"} & set(new.fields)


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ("first", "Enter the order as a whole number, like 3."),
        ("-1", "Enter an order of 0 or more."),
    ],
)
def test_the_order_must_be_a_whole_number_from_0(order, message):
    innovation = InnovationFactory()
    criterion = FidelityCriterionFactory(innovation=innovation)
    formset = criteria_formset(
        innovation, formset_data(initial=[existing(criterion, position=order)])
    )
    assert not formset.is_valid()
    assert row_errors(formset)[0]["position"] == [message]


def test_a_tampered_management_form_is_an_error_not_a_crash():
    innovation = InnovationFactory()
    formset = criteria_formset(innovation, {"rows-TOTAL_FORMS": "x"})
    assert not formset.is_valid()
    assert formset.non_form_errors()


def test_metrics_need_a_name_and_unit():
    innovation = InnovationFactory()
    data = formset_data(initial=[], new=[new_metric(name="", unit="")])
    formset = metrics_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset)[0] == {
        "name": ["Enter the metric’s name."],
        "unit": ["Enter the unit, like carers or children."],
    }


def test_two_metrics_with_the_same_name_are_refused():
    innovation = InnovationFactory()
    metric = OutcomeMetricFactory(innovation=innovation, name="Carers")
    data = formset_data(initial=[existing(metric)], new=[new_metric(name="Carers")])
    formset = metrics_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset)[1]["name"] == [
        "This innovation already has a metric with this name."
    ]


def test_deleting_a_metric_with_recorded_values_is_refused():
    innovation = InnovationFactory()
    metric = OutcomeMetricFactory(innovation=innovation, name="Carers")
    admin = UserFactory(is_directory_admin=True)
    adoption = AdoptionFactory(actor=admin, innovation=innovation)
    ProgressUpdateFactory(
        actor=admin,
        adoption=adoption,
        period=datetime.date(2025, 1, 1),
        metric_values={metric: Decimal("12")},
    )
    formset = metrics_formset(innovation, formset_data(initial=[existing(metric, DELETE=True)]))
    assert not formset.is_valid()
    assert row_errors(formset)[0]["DELETE"] == [
        "“Carers (carers)” has values or targets recorded by adopting sites, so it cannot "
        "be deleted. Tick “Retire” instead."
    ]


def test_an_unused_metric_may_be_deleted():
    innovation = InnovationFactory()
    metric = OutcomeMetricFactory(innovation=innovation)
    formset = metrics_formset(innovation, formset_data(initial=[existing(metric, DELETE=True)]))
    assert formset.is_valid(), formset.errors


def evidence_formset(innovation, data):
    return EvidenceSourcesFormSet(
        data, instance=innovation, queryset=innovation.evidence_sources.all(), prefix=PREFIX
    )


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1949", "Enter a year from 1950 to 2100."),
        ("2101", "Enter a year from 1950 to 2100."),
        ("last year", "Enter the year as four digits, like 2019."),
    ],
)
def test_an_evidence_year_outside_1950_to_2100_is_refused(year, message):
    formset = evidence_formset(
        InnovationFactory(), formset_data(initial=[], new=[new_evidence(year=year)])
    )
    assert not formset.is_valid()
    assert row_errors(formset)[0] == {"year": [message]}


def test_an_evidence_source_needs_a_title():
    formset = evidence_formset(
        InnovationFactory(), formset_data(initial=[], new=[new_evidence(title="", year="2019")])
    )
    assert row_errors(formset)[0] == {"title": ["Enter the title of the evidence source."]}


def test_an_evidence_link_must_be_a_web_address():
    formset = evidence_formset(
        InnovationFactory(), formset_data(initial=[], new=[new_evidence(url="not a link")])
    )
    assert row_errors(formset)[0] == {
        "url": ["Enter a full web address, like https://www.example.org/report.pdf."]
    }


def test_a_link_without_a_scheme_is_taken_as_https():
    formset = evidence_formset(
        InnovationFactory(),
        formset_data(initial=[], new=[new_evidence(url="www.example.org/report.pdf")]),
    )
    assert formset.is_valid(), formset.errors
    assert formset.row_changes()[0].values["url"] == "https://www.example.org/report.pdf"


def test_evidence_sources_may_share_a_title():
    formset = evidence_formset(
        InnovationFactory(),
        formset_data(initial=[], new=[new_evidence(title="Report"), new_evidence(title="Report")]),
    )
    assert formset.is_valid(), formset.errors


def test_a_resource_needs_a_title_and_a_valid_link():
    innovation = InnovationFactory()
    formset = ResourcesFormSet(
        formset_data(initial=[], new=[new_resource(title="", url="ftp:/nowhere")]),
        instance=innovation,
        queryset=innovation.resources.all(),
        prefix=PREFIX,
    )
    assert not formset.is_valid()
    assert row_errors(formset)[0] == {
        "title": ["Enter the resource’s title."],
        "url": ["Enter a full web address, like https://www.example.org/report.pdf."],
    }


def test_row_changes_carry_the_cleaned_values():
    innovation = InnovationFactory()
    data = formset_data(initial=[], new=[new_criterion(name="  Weekly huddles  ", position="")])
    formset = criteria_formset(innovation, data)
    assert formset.is_valid(), formset.errors
    [row] = formset.row_changes()
    assert row.instance is None
    assert row.values["name"] == "Weekly huddles"
    assert row.values["position"] is None
    assert row.values["kind"] == FidelityCriterion.Kind.MUST_HAVE


def test_unticking_higher_is_better_is_a_change():
    innovation = InnovationFactory()
    metric = OutcomeMetricFactory(innovation=innovation, higher_is_better=True)
    data = formset_data(initial=[existing(metric, higher_is_better=False)])
    formset = metrics_formset(innovation, data)
    assert formset.is_valid(), formset.errors
    assert formset.row_changes()[0].values["higher_is_better"] is False
    assert OutcomeMetric.objects.get().higher_is_better is True  # nothing saved by the form


def test_a_criterion_whose_deletion_is_refused_keeps_its_name():
    innovation = InnovationFactory()
    criterion = _scored_criterion(innovation)
    data = formset_data(
        initial=[existing(criterion, DELETE=True)], new=[new_criterion(name="Hub home carer")]
    )
    formset = criteria_formset(innovation, data)
    assert not formset.is_valid()
    assert row_errors(formset)[1]["name"] == [
        "This innovation already has a criterion with this name."
    ]
