"""Every validation rule of the monthly update form, and how its errors reach the page."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sites.forms import ProgressUpdateForm, ProgressUpdateReviewForm
from sites.models import LessonTag, ProgressUpdate
from tests.factories import OutcomeMetricFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 5, 12, 0, tzinfo=datetime.UTC)


def _form(data=None, *, metrics=(), submitting=False, rag_required=False):
    posted = {"version": "0", **(data or {})}
    return ProgressUpdateForm(
        posted, metrics=metrics, submitting=submitting, rag_required=rag_required
    )


# --- RAG status and its explanation ---------------------------------------------------


def test_an_empty_draft_is_valid():
    form = _form()
    assert form.is_valid(), form.errors
    assert form.update_fields() == {
        "rag": "",
        "rag_explanation": "",
        "summary": "",
        "achievements": "",
        "barriers_and_risks": "",
        "lessons_learned": "",
        "next_steps": "",
    }


def test_submitting_needs_a_rag_status_and_a_summary():
    form = _form(submitting=True)
    assert not form.is_valid()
    assert form.errors["rag"] == ["Select a RAG status"]
    assert form.errors["summary"] == ["Enter a summary of the month"]


def test_submitting_with_a_rag_status_and_a_summary_is_valid():
    form = _form({"rag": "green", "summary": "Units running."}, submitting=True)
    assert form.is_valid(), form.errors


def test_a_summary_of_only_spaces_is_not_a_summary():
    form = _form({"rag": "green", "summary": "   \n  "}, submitting=True)
    assert not form.is_valid()
    assert form.errors["summary"] == ["Enter a summary of the month"]


def test_a_returned_update_keeps_its_rag_status_even_as_a_draft():
    """A returned update is no longer a draft: the database needs its RAG status."""
    form = _form(rag_required=True)
    assert not form.is_valid()
    assert form.errors["rag"] == ["Select a RAG status"]


@pytest.mark.parametrize("rag", ["amber_red", "red"])
@pytest.mark.parametrize("submitting", [False, True])
@pytest.mark.parametrize("explanation", ["", "  \n "])
def test_amber_red_and_red_need_an_explanation(rag, submitting, explanation):
    form = _form(
        {"rag": rag, "summary": "Hard month.", "rag_explanation": explanation},
        submitting=submitting,
    )
    assert not form.is_valid()
    assert form.errors["rag_explanation"] == ["Explain why the RAG status is amber/red or red"]


@pytest.mark.parametrize("rag", ["amber_red", "red"])
def test_amber_red_and_red_with_an_explanation_are_valid(rag):
    form = _form(
        {"rag": rag, "summary": "Hard month.", "rag_explanation": "Two consultants left."},
        submitting=True,
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("rag", ["green", "amber_green", "amber"])
def test_other_statuses_need_no_explanation(rag):
    form = _form({"rag": rag, "summary": "Fine."}, submitting=True)
    assert form.is_valid(), form.errors


def test_a_rag_status_that_is_not_a_choice_is_refused():
    form = _form({"rag": "purple"})
    assert not form.is_valid()
    assert form.errors["rag"] == ["Select a RAG status from the list"]


def test_the_five_statuses_are_offered_in_words_with_a_hint_each():
    choices = _form().fields["rag"].choices
    assert [label for _value, label in choices] == [
        "Green",
        "Amber/green",
        "Amber",
        "Amber/red",
        "Red",
    ]
    assert all(choice.hint for choice in choices)


# --- the hidden version ----------------------------------------------------------------


@pytest.mark.parametrize("version", ["", "-1", "abc"])
def test_the_version_must_be_a_whole_number_of_zero_or_more(version):
    form = ProgressUpdateForm({"version": version})
    assert not form.is_valid()
    assert "version" in form.errors


# --- outcome metric values ------------------------------------------------------------


@pytest.fixture
def carers():
    return OutcomeMetricFactory(name="Foster carers", unit="carers")


@pytest.fixture
def percent():
    return OutcomeMetricFactory(name="Agency social workers", unit="%")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12", Decimal("12")), ("12.5", Decimal("12.5")), ("1,200", Decimal("1200")), (" 7 ", 7)],
)
def test_metric_values_are_read_as_people_type_them(carers, typed, expected):
    form = _form({f"metric_{carers.pk}": typed}, metrics=[carers])
    assert form.is_valid(), form.errors
    assert form.metric_values() == {carers: Decimal(expected)}


def test_a_blank_metric_value_is_allowed_in_a_draft_and_on_submit(carers):
    form = _form({"rag": "green", "summary": "ok"}, metrics=[carers], submitting=True)
    assert form.is_valid(), form.errors
    assert form.metric_values() == {carers: None}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twelve", "Enter Foster carers as a number, like 12 or 12.5"),
        ("NaN", "Enter Foster carers as a number, like 12 or 12.5"),
        ("Infinity", "Enter Foster carers as a number, like 12 or 12.5"),
        ("-1", "Foster carers must be 0 or more"),
        ("1.234", "Foster carers can have no more than 2 decimal places"),
        ("12345678901", "Foster carers must be less than 10,000,000,000"),
    ],
)
def test_metric_values_are_checked(carers, typed, message):
    form = _form({f"metric_{carers.pk}": typed}, metrics=[carers])
    assert not form.is_valid()
    assert form.errors[f"metric_{carers.pk}"] == [message]


def test_a_percentage_cannot_be_over_100(percent):
    form = _form({f"metric_{percent.pk}": "101"}, metrics=[percent])
    assert not form.is_valid()
    assert form.errors[f"metric_{percent.pk}"] == [
        "Agency social workers is a percentage, so it must be 100 or less"
    ]
    assert _form({f"metric_{percent.pk}": "100"}, metrics=[percent]).is_valid()


def test_each_metric_input_is_labelled_with_its_unit_and_hinted(carers):
    form = ProgressUpdateForm(metrics=[carers], metric_hints={carers.pk: "Target: 55."})
    field = form.fields[f"metric_{carers.pk}"]
    assert field.label == "Foster carers (carers)"
    assert field.help_text == "Target: 55."


# --- lesson tags ------------------------------------------------------------------------


def test_new_tags_are_split_on_commas_tidied_and_deduplicated():
    form = _form({"new_lesson_tags": " Recruitment ,partner   agencies,, recruitment, "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["new_lesson_tags"] == ["Recruitment", "partner agencies"]


def test_a_new_tag_needs_a_letter_or_number():
    form = _form({"new_lesson_tags": "workforce, ???"})
    assert not form.is_valid()
    assert form.errors["new_lesson_tags"] == [
        "Tag “???” must include at least one letter or number"
    ]


def test_a_new_tag_is_at_most_100_characters():
    form = _form({"new_lesson_tags": "x" * 101})
    assert not form.is_valid()
    assert form.errors["new_lesson_tags"] == ["Each tag must be 100 characters or fewer"]


def test_existing_tags_are_checkboxes_and_unknown_ones_are_refused():
    tag = LessonTag.objects.create(name="Workforce", slug="workforce")
    form = _form({"lesson_tags": [str(tag.pk)]})
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["lesson_tags"]) == [tag]
    refused = _form({"lesson_tags": ["999999"]})
    assert not refused.is_valid()
    assert refused.errors["lesson_tags"] == ["Select tags from the list"]


# --- every long text field warns about personal details -------------------------------


def test_every_long_text_field_warns_about_personal_details():
    form = ProgressUpdateForm()
    for name in ("rag_explanation", *ProgressUpdateForm.NARRATIVE_FIELDS):
        assert "Do not enter children’s or families’ personal details." in (
            form.fields[name].help_text
        ), name
    review = ProgressUpdateReviewForm()
    assert "Do not enter children’s or families’ personal details." in (
        review.fields["note"].help_text
    )


# --- the review form ------------------------------------------------------------------


def test_returning_an_update_needs_a_note():
    form = ProgressUpdateReviewForm({"decision": "return", "note": " "})
    assert not form.is_valid()
    assert form.errors["note"] == ["Say what needs to change before the update can be accepted"]
    assert ProgressUpdateReviewForm({"decision": "return", "note": "Add figures"}).is_valid()


def test_accepting_needs_no_note_but_a_decision_is_needed():
    assert ProgressUpdateReviewForm({"decision": "accept"}).is_valid()
    form = ProgressUpdateReviewForm({})
    assert not form.is_valid()
    assert form.errors["decision"] == ["Select whether to accept the update or return it"]


# --- how errors reach the page --------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_errors_are_summarised_and_linked_to_their_fields_with_typed_values_kept(world, client_for):
    metric = OutcomeMetricFactory(innovation=world.innovation, name="Units", unit="units")
    url = reverse("adoptions:update_edit", kwargs={"pk": world.adoption.pk, "period": "2025-02"})
    response = client_for(world.lead).post(
        url,
        {
            "version": "0",
            "action": "submit",
            "rag": "red",
            "rag_explanation": "",
            "achievements": "Two units opened",
            f"metric_{metric.pk}": "-3",
        },
    )
    assert response.status_code == 200
    html = response.text
    assert "There is a problem" in html
    assert (
        '<a href="#id_rag_explanation">Explain why the RAG status is amber/red or red</a>' in html
    )
    assert '<a href="#id_summary">Enter a summary of the month</a>' in html
    assert f'<a href="#id_metric_{metric.pk}">Units must be 0 or more</a>' in html
    assert "<title>Error: " in html
    assert "Two units opened</textarea>" in html
    assert 'value="-3"' in html
    assert not ProgressUpdate.objects.filter(adoption=world.adoption).exists()


@time_machine.travel(NOW, tick=False)
def test_the_rag_error_links_to_the_first_radio(world, client_for):
    url = reverse("adoptions:update_edit", kwargs={"pk": world.adoption.pk, "period": "2025-02"})
    html = client_for(world.lead).post(url, {"version": "0", "action": "submit"}).text
    assert '<a href="#id_rag_1">Select a RAG status</a>' in html
    assert 'id="id_rag_1"' in html
