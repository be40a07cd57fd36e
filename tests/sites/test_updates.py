"""The monthly progress update: the form, lost-update protection, submitting, the
review, the list of months and each month's status."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from sites.models import LessonTag, MetricTarget, ProgressUpdate, Rag
from sites.periods import (
    add_months,
    is_reportable,
    next_fidelity_assessment_due,
    period_status,
    reportable_periods,
)
from sites.services import (
    StaleUpdateError,
    adoption_contributors_may_submit_set,
    progress_update_accept,
    progress_update_return,
    progress_update_save,
    progress_update_submit,
)
from tests.factories import (
    BoardMembershipFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

d = datetime.date
JAN, FEB = d(2025, 1, 1), d(2025, 2, 1)
# 5 March 2025: February's update is due on 10 March.
NOW = datetime.datetime(2025, 3, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


def edit_url(adoption, period="2025-02"):
    return reverse("adoptions:update_edit", kwargs={"pk": adoption.pk, "period": period})


def submit_url(adoption, period="2025-02"):
    return reverse("adoptions:update_submit", kwargs={"pk": adoption.pk, "period": period})


def review_url(adoption, period="2025-02"):
    return reverse("adoptions:update_review", kwargs={"pk": adoption.pk, "period": period})


def list_url(adoption):
    return reverse("adoptions:update_list", kwargs={"pk": adoption.pk})


def text(response) -> str:
    """The page's visible words, tags removed and spaces normalised."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.text, flags=re.S)
    html = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def metrics(world):
    carers = OutcomeMetricFactory(innovation=world.innovation, name="Foster carers", unit="carers")
    units = OutcomeMetricFactory(innovation=world.innovation, name="Units", unit="units")
    retired = OutcomeMetricFactory(
        innovation=world.innovation,
        name="Old measure",
        unit="things",
        retired_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    MetricTarget.objects.create(
        adoption=world.adoption, metric=carers, target=Decimal("55"), target_date=d(2025, 12, 31)
    )
    return carers, units, retired


@pytest.fixture
def january(world, metrics):
    """A submitted January update with narrative and values for both active metrics."""
    carers, units, _retired = metrics
    return ProgressUpdateFactory(
        actor=world.lead,
        adoption=world.adoption,
        period=JAN,
        rag=Rag.AMBER,
        summary="January summary",
        achievements="January achievements",
        barriers_and_risks="January barriers",
        lessons_learned="January lessons",
        next_steps="January next steps",
        metric_values={carers: Decimal("12"), units: Decimal("3.5")},
        submit=True,
    )


def form_data(**overrides):
    data = {
        "version": "0",
        "rag": "green",
        "rag_explanation": "",
        "summary": "February went well.",
        "achievements": "",
        "barriers_and_risks": "",
        "lessons_learned": "",
        "new_lesson_tags": "",
        "next_steps": "",
    }
    data.update(overrides)
    return data


# --- opening a month --------------------------------------------------------------------


def test_a_new_month_is_prefilled_from_last_months_narrative(world, client_for, january):
    response = client_for(world.lead).get(edit_url(world.adoption))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["version"] == 0
    for name in ("summary", "achievements", "barriers_and_risks", "lessons_learned", "next_steps"):
        assert form.initial[name] == getattr(january, name), name
    # The RAG status and its explanation are this month's judgement: not copied.
    assert "rag" not in form.initial
    page = text(response)
    assert "from the January 2025 update" in page
    assert "January summary</textarea>" in response.text


def test_last_months_values_and_the_targets_are_shown_beside_each_input(
    world, client_for, january, metrics
):
    carers, units, _retired = metrics
    response = client_for(world.lead).get(edit_url(world.adoption))
    form = response.context["form"]
    assert form.fields[f"metric_{carers.pk}"].help_text == (
        "January 2025: 12. Target: 55 by 31 December 2025."
    )
    assert form.fields[f"metric_{units.pk}"].help_text == "January 2025: 3.5. No target set."
    page = text(response)
    assert "January 2025: 12. Target: 55 by 31 December 2025." in page
    assert "Foster carers: 55 carers by 31 Dec 2025" in page


def test_retired_metrics_get_no_input(world, client_for, metrics):
    _carers, _units, retired = metrics
    form = client_for(world.lead).get(edit_url(world.adoption)).context["form"]
    assert f"metric_{retired.pk}" not in form.fields
    assert "Old measure" not in form.fields.values().__repr__()


def test_without_last_month_nothing_is_prefilled(world, client_for, metrics):
    carers, _units, _retired = metrics
    response = client_for(world.lead).get(edit_url(world.adoption))
    assert "pre-filled" not in response.text and "We have filled in" not in response.text
    assert (
        response.context["form"]
        .fields[f"metric_{carers.pk}"]
        .help_text.startswith("January 2025: no value.")
    )


def test_an_existing_draft_opens_with_its_own_answers(world, client_for, metrics):
    carers, _units, _retired = metrics
    tag = LessonTag.objects.create(name="Workforce", slug="workforce")
    draft = progress_update_save(
        actor=world.contributor,
        adoption=world.adoption,
        period=FEB,
        fields={"rag": "amber", "summary": "Half written"},
        metric_values={carers: Decimal("14.50")},
        lesson_tags=[tag],
    )
    form = client_for(world.lead).get(edit_url(world.adoption)).context["form"]
    assert form.initial["version"] == draft.version
    assert form.initial["rag"] == "amber"
    assert form.initial["summary"] == "Half written"
    assert form.initial[f"metric_{carers.pk}"] == "14.5"
    assert form.initial["lesson_tags"] == [tag.pk]


def _tag_boxes(html: str) -> dict[str, bool]:
    """Each lesson tag's checkbox on the page: its label → whether it is ticked."""
    boxes = re.findall(
        r'<input\s+type="checkbox"\s+name="lesson_tags"[^>]*?id="(id_lesson_tags_\d+)"'
        r'[^>]*?value="\d+"(\s+checked="checked")?[^>]*>\s*<label[^>]*>\s*([^<]+?)\s*</label>',
        html,
    )
    return {label: bool(ticked) for _id, ticked, label in boxes}


def test_the_tags_offered_show_which_are_chosen(world, client_for):
    workforce = LessonTag.objects.create(name="Workforce", slug="workforce")
    LessonTag.objects.create(name="Partner agencies", slug="partner-agencies")
    progress_update_save(
        actor=world.lead,
        adoption=world.adoption,
        period=FEB,
        fields={"summary": "Half written"},
        lesson_tags=[workforce],
    )
    lead = client_for(world.lead)
    assert _tag_boxes(lead.get(edit_url(world.adoption)).text) == {
        "Partner agencies": False,
        "Workforce": True,
    }
    # Shown again with the person's own choices when the form is refused.
    refused = lead.post(
        edit_url(world.adoption),
        form_data(version="1", rag="red", lesson_tags=[str(workforce.pk)]),
    )
    assert refused.status_code == 200
    assert _tag_boxes(refused.text) == {"Partner agencies": False, "Workforce": True}


def test_every_text_field_and_the_page_warn_about_personal_details(world, client_for):
    html = client_for(world.lead).get(edit_url(world.adoption)).text
    assert html.count("Do not enter children’s or families’ personal details.") == 6
    assert 'class="govuk-warning-text"' in html


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2025-03", "You cannot write the update for March 2025 yet"),
        ("2026-01", "You cannot write the update for January 2026 yet"),
        ("2024-03", "This adoption started in April 2024"),
    ],
)
def test_months_outside_the_adoption_say_why_with_a_404(world, client_for, period, words):
    response = client_for(world.lead).get(edit_url(world.adoption, period))
    assert response.status_code == 404
    assert words in text(response)
    assert (
        client_for(world.lead).post(edit_url(world.adoption, period), form_data()).status_code
        == 404
    )
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("period", ["2025-13", "2025-00", "0000-01", "2025-1", "25-01", "2025-02x"])
def test_something_that_is_not_a_month_is_a_404(world, client_for, period):
    response = client_for(world.lead).get(f"/adoptions/{world.adoption.pk}/updates/{period}/")
    assert response.status_code == 404


def test_the_first_month_and_last_month_can_be_written(world, client_for):
    for period in ("2024-04", "2025-02"):
        assert client_for(world.lead).get(edit_url(world.adoption, period)).status_code == 200


# --- saving a draft and submitting ------------------------------------------------------


def test_draft_then_submit(world, client_for, metrics):
    carers, units, _retired = metrics
    lead = client_for(world.lead)
    response = lead.post(
        edit_url(world.adoption),
        form_data(
            rag="amber_red",
            rag_explanation="Two consultants left.",
            **{f"metric_{carers.pk}": "15", f"metric_{units.pk}": ""},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(world.adoption)
    update = ProgressUpdate.objects.get(adoption=world.adoption, period=FEB)
    assert update.status == ProgressUpdate.Status.DRAFT
    assert update.rag == Rag.AMBER_RED
    assert {v.metric_id: v.value for v in update.values.all()} == {carers.pk: Decimal("15")}

    page = lead.get(edit_url(world.adoption))
    assert "Your draft of the February 2025 update has been saved." in text(page)
    assert page.context["form"].initial["version"] == update.version

    response = lead.post(
        submit_url(world.adoption),
        form_data(
            version=str(update.version),
            action="submit",
            rag="amber_red",
            rag_explanation="Two consultants left.",
            **{f"metric_{carers.pk}": "16", f"metric_{units.pk}": "2"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == list_url(world.adoption)
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.SUBMITTED
    assert update.submitted_by == world.lead
    assert {v.metric_id: v.value for v in update.values.all()} == {
        carers.pk: Decimal("16"),
        units.pk: Decimal("2"),
    }
    listing = lead.get(list_url(world.adoption))
    assert "The update for February 2025 has been submitted." in text(listing)


def test_the_submit_button_on_the_edit_url_also_submits(world, client_for):
    response = client_for(world.lead).post(edit_url(world.adoption), form_data(action="submit"))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().status == ProgressUpdate.Status.SUBMITTED


def test_submit_that_fails_its_checks_saves_nothing_and_keeps_the_answers(world, client_for):
    response = client_for(world.lead).post(
        submit_url(world.adoption), form_data(rag="", summary="", achievements="Kept words")
    )
    assert response.status_code == 200
    assert "Select a RAG status" in text(response)
    assert "Kept words</textarea>" in response.text
    assert not ProgressUpdate.objects.exists()


def test_the_submit_url_only_accepts_post(world, client_for):
    assert client_for(world.lead).get(submit_url(world.adoption)).status_code == 405


def test_a_submitted_update_is_read_only_for_its_lead(world, client_for, january):
    response = client_for(world.lead).get(edit_url(world.adoption, "2025-01"))
    assert response.status_code == 200
    assert "form" not in response.context
    page = text(response)
    assert "January summary" in page and "Submitted" in page
    assert "Save as draft" not in page


def test_saving_over_a_submitted_update_is_refused_and_keeps_the_answers(
    world, client_for, january
):
    response = client_for(world.lead).post(
        edit_url(world.adoption, "2025-01"),
        form_data(version=str(january.version - 1), summary="Late change"),
    )
    assert response.status_code == 409
    assert "submitted this update" in text(response)
    assert "Late change</textarea>" in response.text
    assert "Save as draft" not in text(response)
    january.refresh_from_db()
    assert january.summary == "January summary"


def test_new_tags_are_created_and_existing_ones_kept(world, client_for):
    workforce = LessonTag.objects.create(name="Workforce", slug="workforce")
    client_for(world.lead).post(
        edit_url(world.adoption),
        form_data(lesson_tags=[str(workforce.pk)], new_lesson_tags="Partner agencies, workforce"),
    )
    update = ProgressUpdate.objects.get()
    assert sorted(t.name for t in update.lesson_tags.all()) == ["Partner agencies", "Workforce"]
    assert LessonTag.objects.count() == 2
    assert LessonTag.objects.get(slug="partner-agencies").history.first().history_user == world.lead


# --- who may submit ---------------------------------------------------------------------


def test_a_contributor_saves_drafts_but_may_not_submit(world, client_for):
    contributor = client_for(world.contributor)
    page = contributor.get(edit_url(world.adoption))
    assert "Save as draft" in page.text
    assert "Submit update" not in page.text
    assert "Only the project lead can submit this update." in text(page)
    assert contributor.post(edit_url(world.adoption), form_data()).status_code == 302
    draft = ProgressUpdate.objects.get()
    assert draft.created_by == world.contributor
    refused = contributor.post(
        submit_url(world.adoption), form_data(version=str(draft.version), action="submit")
    )
    assert refused.status_code == 403
    refused = contributor.post(
        edit_url(world.adoption), form_data(version=str(draft.version), action="submit")
    )
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.status == ProgressUpdate.Status.DRAFT


def test_a_contributor_may_submit_when_the_lead_allows_it(world, client_for):
    lead = client_for(world.lead)
    response = lead.post(
        reverse("adoptions:update_who_submits", kwargs={"pk": world.adoption.pk}),
        {"contributors_may_submit": "yes"},
    )
    assert response.status_code == 302
    world.adoption.refresh_from_db()
    assert world.adoption.contributors_may_submit is True
    assert world.adoption.history.first().history_user == world.lead
    assert "Contributors can now submit monthly updates." in text(
        lead.get(list_url(world.adoption))
    )

    contributor = client_for(world.contributor)
    assert "Submit update" in contributor.get(edit_url(world.adoption)).text
    response = contributor.post(submit_url(world.adoption), form_data(action="submit"))
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().submitted_by == world.contributor


def test_the_lead_can_take_the_permission_back(world, client_for):
    adoption_contributors_may_submit_set(actor=world.lead, adoption=world.adoption, allowed=True)
    client_for(world.lead).post(
        reverse("adoptions:update_who_submits", kwargs={"pk": world.adoption.pk}),
        {"contributors_may_submit": "no"},
    )
    world.adoption.refresh_from_db()
    assert world.adoption.contributors_may_submit is False
    response = client_for(world.contributor).post(submit_url(world.adoption), form_data())
    assert response.status_code == 403


def test_who_submits_only_accepts_a_choice(world, client_for):
    response = client_for(world.lead).post(
        reverse("adoptions:update_who_submits", kwargs={"pk": world.adoption.pk}),
        {"contributors_may_submit": "maybe"},
    )
    assert response.status_code == 302
    world.adoption.refresh_from_db()
    assert world.adoption.contributors_may_submit is False


@pytest.mark.parametrize(
    "actor", ["originating_partner", "board_member", "board_chair", "directory_admin"]
)
def test_readers_see_the_update_but_no_form(world, client_for, january, actor):
    client = client_for(world.actor(actor))
    response = client.get(edit_url(world.adoption, "2025-01"))
    assert response.status_code == 200
    assert "form" not in response.context
    assert "January summary" in text(response)
    draft_month = client.get(edit_url(world.adoption))
    assert "form" not in draft_month.context
    assert "No one has started the update for February 2025 yet." in text(draft_month)
    assert client.post(edit_url(world.adoption), form_data()).status_code == 403


# --- lost-update protection -------------------------------------------------------------


def test_a_stale_save_is_refused_with_the_typed_answers_kept(world, client_for):
    """The concurrency test: two people open the same draft; the second save is refused."""
    draft = progress_update_save(
        actor=world.lead, adoption=world.adoption, period=FEB, fields={"summary": "Start"}
    )
    lead, contributor = client_for(world.lead), client_for(world.contributor)
    opened_by_lead = lead.get(edit_url(world.adoption)).context["form"].initial["version"]
    opened_by_contributor = contributor.get(edit_url(world.adoption)).context["form"]
    assert opened_by_lead == opened_by_contributor.initial["version"] == draft.version

    first = contributor.post(
        edit_url(world.adoption),
        form_data(version=str(draft.version), summary="Words from the contributor"),
    )
    assert first.status_code == 302

    second = lead.post(
        edit_url(world.adoption),
        form_data(version=str(opened_by_lead), summary="Words from the lead", next_steps="Recruit"),
    )
    assert second.status_code == 409
    page = text(second)
    assert "There is a problem" in page
    assert "saved this update" in page and "your changes have not been saved" in page
    # The lead's answers are still in the form ...
    assert "Words from the lead</textarea>" in second.text
    assert "Recruit</textarea>" in second.text
    # ... and what the contributor saved is shown beside them.
    assert f"What {world.contributor} saved" in page
    assert "Words from the contributor" in page
    update = ProgressUpdate.objects.get()
    assert update.summary == "Words from the contributor"

    # Having seen it, saving again replaces it: the form now carries the new version.
    assert second.context["form"]["version"].value() == str(update.version)
    third = lead.post(
        edit_url(world.adoption),
        form_data(version=str(update.version), summary="Words from the lead"),
    )
    assert third.status_code == 302
    update.refresh_from_db()
    assert update.summary == "Words from the lead"


def test_two_people_starting_the_same_month_do_not_overwrite_each_other(world, client_for):
    lead, contributor = client_for(world.lead), client_for(world.contributor)
    assert contributor.post(edit_url(world.adoption), form_data(summary="First")).status_code == 302
    response = lead.post(edit_url(world.adoption), form_data(version="0", summary="Second"))
    assert response.status_code == 409
    assert "Second</textarea>" in response.text
    assert ProgressUpdate.objects.get().summary == "First"


def test_a_submit_from_a_stale_form_is_refused_too(world, client_for):
    draft = progress_update_save(
        actor=world.lead, adoption=world.adoption, period=FEB, fields={"summary": "Start"}
    )
    progress_update_save(
        actor=world.contributor,
        adoption=world.adoption,
        period=FEB,
        fields={"summary": "Newer"},
        expected_version=draft.version,
    )
    response = client_for(world.lead).post(
        submit_url(world.adoption), form_data(version=str(draft.version), summary="Older")
    )
    assert response.status_code == 409
    update = ProgressUpdate.objects.get()
    assert update.status == ProgressUpdate.Status.DRAFT
    assert update.summary == "Newer"


def test_the_save_service_refuses_a_create_when_the_month_was_started_meanwhile(world):
    progress_update_save(actor=world.lead, adoption=world.adoption, period=FEB, fields={})
    with pytest.raises(StaleUpdateError):
        progress_update_save(
            actor=world.contributor,
            adoption=world.adoption,
            period=FEB,
            fields={"summary": "x"},
            expected_version=0,
        )


# --- review: accept or return -----------------------------------------------------------


@pytest.fixture
def submitted(world):
    return ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=FEB, rag=Rag.AMBER, submit=True
    )


def test_return_needs_a_note_and_a_submitted_update(world, submitted):
    with pytest.raises(ValidationError) as raised:
        progress_update_return(actor=world.originating_partner, update=submitted, note="  ")
    assert "note" in raised.value.message_dict
    returned = progress_update_return(
        actor=world.originating_partner, update=submitted, note="Add the unit figures."
    )
    assert returned.status == ProgressUpdate.Status.RETURNED
    assert returned.reviewed_by == world.originating_partner
    assert returned.reviewed_at is not None
    assert returned.review_note == "Add the unit figures."
    assert returned.history.first().history_user == world.originating_partner
    with pytest.raises(ValidationError, match="Only a submitted update can be reviewed"):
        progress_update_return(actor=world.board_chair, update=returned, note="Again")
    with pytest.raises(ValidationError, match="Only a submitted update can be reviewed"):
        progress_update_accept(actor=world.board_chair, update=returned)


def test_accept_records_who_and_refuses_anything_not_submitted(world, submitted):
    accepted = progress_update_accept(actor=world.board_chair, update=submitted, note="Thanks")
    assert accepted.status == ProgressUpdate.Status.ACCEPTED
    assert accepted.reviewed_by == world.board_chair
    assert accepted.review_note == "Thanks"
    with pytest.raises(ValidationError, match="this one is accepted"):
        progress_update_accept(actor=world.board_member, update=accepted)
    draft = ProgressUpdateFactory(adoption=world.adoption, period=JAN)
    with pytest.raises(ValidationError, match="this one is draft"):
        progress_update_accept(actor=world.board_member, update=draft)


def test_no_one_reviews_their_own_submission(world, submitted):
    with pytest.raises(ValidationError, match="someone else must review it"):
        progress_update_accept(actor=world.lead, update=submitted)


def test_a_returned_update_is_revised_and_submitted_again(world, client_for, submitted):
    partner = client_for(world.originating_partner)
    page = partner.get(review_url(world.adoption))
    assert page.status_code == 200
    assert "Confirm review" in page.text
    response = partner.post(
        review_url(world.adoption), {"decision": "return", "note": "Say why agency use rose."}
    )
    assert response.status_code == 302
    assert "returned to the team for revision" in text(partner.get(response["Location"]))

    lead = client_for(world.lead)
    listing = text(lead.get(list_url(world.adoption)))
    assert "Returned for revision" in listing
    assert "Say why agency use rose." in listing
    form_page = lead.get(edit_url(world.adoption))
    assert "form" in form_page.context
    assert "Say why agency use rose." in text(form_page)
    update = ProgressUpdate.objects.get()
    response = lead.post(
        edit_url(world.adoption),
        form_data(version=str(update.version), rag="", summary="Revised"),
    )
    assert response.status_code == 200  # a returned update keeps its RAG status
    assert "Select a RAG status" in text(response)
    response = lead.post(
        submit_url(world.adoption),
        form_data(version=str(update.version), rag="amber", summary="Revised"),
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.SUBMITTED
    assert update.summary == "Revised"


def test_a_board_member_accepts_through_the_review_page(world, client_for, submitted):
    response = client_for(world.board_member).post(
        review_url(world.adoption), {"decision": "accept"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ProgressUpdate.Status.ACCEPTED
    assert submitted.reviewed_by == world.board_member
    page = text(client_for(world.lead).get(edit_url(world.adoption)))
    assert "Accepted" in page


def test_returning_without_a_note_re_displays_the_review(world, client_for, submitted):
    response = client_for(world.board_chair).post(
        review_url(world.adoption), {"decision": "return", "note": ""}
    )
    assert response.status_code == 200
    assert '<a href="#id_note">Say what needs to change' in response.text
    submitted.refresh_from_db()
    assert submitted.status == ProgressUpdate.Status.SUBMITTED


def test_a_draft_has_nothing_to_review(world, client_for):
    ProgressUpdateFactory(adoption=world.adoption, period=FEB)
    partner = client_for(world.originating_partner)
    page = partner.get(review_url(world.adoption))
    assert page.status_code == 200
    assert "there is nothing to review" in text(page)
    response = partner.post(review_url(world.adoption), {"decision": "accept"})
    assert response.status_code == 200
    assert "Only a submitted update can be reviewed" in text(response)


def test_the_lead_is_not_a_reviewer_even_on_the_board(world, client_for, submitted):
    BoardMembershipFactory(board=world.board, user=world.lead)
    assert client_for(world.lead).get(review_url(world.adoption)).status_code == 403


# --- period status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "update_status", "code", "timing"),
    [
        (d(2025, 3, 5), None, "due", "due in 5 days"),
        (d(2025, 3, 9), None, "due", "due in 1 day"),
        (d(2025, 3, 10), None, "due", "due today"),
        (d(2025, 3, 11), None, "overdue", "overdue by 1 day"),
        (d(2025, 3, 20), None, "overdue", "overdue by 10 days"),
        (d(2025, 3, 5), "draft", "draft", "due in 5 days"),
        (d(2025, 3, 12), "draft", "draft", "overdue by 2 days"),
        (d(2025, 3, 12), "returned", "returned", "overdue by 2 days"),
        (d(2025, 3, 12), "submitted", "submitted", ""),
        (d(2025, 3, 12), "accepted", "accepted", ""),
    ],
)
def test_period_status_around_the_due_day(today, update_status, code, timing):
    status = period_status(FEB, update_status=update_status, today=today)
    assert status.code == code
    assert status.timing == timing
    assert status.due_on == d(2025, 3, 10)


def test_december_is_due_in_january_of_the_next_year():
    december = d(2024, 12, 1)
    assert period_status(december, update_status=None, today=d(2025, 1, 10)).code == "due"
    late = period_status(december, update_status=None, today=d(2025, 1, 11))
    assert (late.code, late.days_overdue, late.label) == ("overdue", 1, "Overdue")
    # On 31 December, the month being reported is November; December cannot be written yet.
    assert not is_reportable(december, started_on=d(2024, 1, 1), today=d(2024, 12, 31))
    assert is_reportable(december, started_on=d(2024, 1, 1), today=d(2025, 1, 1))


def test_january_update_is_due_in_february(settings):
    settings.PROGRESS_UPDATE_DUE_DAY = 28
    status = period_status(JAN, update_status="draft", today=d(2025, 2, 28))
    assert status.due_on == d(2025, 2, 28)
    assert status.timing == "due today"
    assert status.is_overdue is False
    assert period_status(JAN, update_status="draft", today=d(2025, 3, 1)).is_overdue is True


def test_the_due_day_is_configurable_on_the_page(world, client_for, settings):
    settings.PROGRESS_UPDATE_DUE_DAY = 3
    page = text(client_for(world.lead).get(edit_url(world.adoption)))
    assert "Due by 3 March 2025 (overdue by 2 days)" in page


def test_reportable_periods_run_from_last_month_back_to_the_start():
    periods = reportable_periods(d(2024, 11, 20), d(2025, 3, 5))
    assert periods == [FEB, JAN, d(2024, 12, 1), d(2024, 11, 1)]
    assert reportable_periods(d(2025, 3, 1), d(2025, 3, 5)) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (d(2025, 1, 31), 1, d(2025, 2, 28)),
        (d(2024, 11, 30), 3, d(2025, 2, 28)),
        (d(2023, 11, 30), 3, d(2024, 2, 29)),
        (d(2025, 10, 15), 3, d(2026, 1, 15)),
        (d(2025, 1, 15), -1, d(2024, 12, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_next_fidelity_assessment_is_due_an_interval_after_the_last(settings):
    assert next_fidelity_assessment_due(d(2024, 11, 30), d(2024, 1, 1)) == d(2025, 2, 28)
    assert next_fidelity_assessment_due(None, d(2024, 1, 15)) == d(2024, 4, 15)
    settings.FIDELITY_ASSESSMENT_INTERVAL_MONTHS = 6
    assert next_fidelity_assessment_due(d(2024, 11, 30), d(2024, 1, 1)) == d(2025, 5, 30)


# --- the list of months -------------------------------------------------------------------


def test_the_list_shows_every_month_newest_first_with_statuses(world, client_for, january):
    ProgressUpdateFactory(
        adoption=world.adoption,
        period=d(2024, 12, 1),
        rag=Rag.RED,
        rag_explanation="Vacancies",
        submit=True,
    )
    progress_update_accept(
        actor=world.board_chair,
        update=ProgressUpdate.objects.get(period=d(2024, 12, 1)),
    )
    response = client_for(world.lead).get(list_url(world.adoption))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [status.period for status, _update in rows] == [
        add_months(FEB, -n) for n in range(11)
    ]  # back to April 2024
    assert [status.code for status, _update in rows[:4]] == [
        "due",
        "submitted",
        "accepted",
        "overdue",
    ]
    page = text(response)
    assert "February 2025 Due Due in 5 days – – Write" in page
    assert "January 2025 Submitted Amber" in page
    assert "December 2024 Accepted Red" in page
    assert "November 2024 Overdue Overdue by" in page


def test_the_list_is_paginated_back_to_the_start(world, client_for):
    client = client_for(world.lead)
    second = client.get(list_url(world.adoption) + "?page=2")
    # April 2024 to February 2025: 11 months fit one page of twelve.
    assert second.status_code == 404
    world.adoption.started_on = d(2023, 1, 10)
    world.adoption.save()
    second = client.get(list_url(world.adoption) + "?page=2")
    assert second.status_code == 200
    periods = [status.period for status, _update in second.context["rows"]]
    assert periods[0] == d(2024, 2, 1) and periods[-1] == d(2023, 3, 1)
    third = client.get(list_url(world.adoption) + "?page=3")
    assert [s.period for s, _u in third.context["rows"]] == [d(2023, 2, 1), d(2023, 1, 1)]


def test_reviewers_get_review_links_and_writers_get_edit_links(world, client_for, submitted):
    partner_page = client_for(world.originating_partner).get(list_url(world.adoption)).text
    assert f'href="{review_url(world.adoption)}"' in partner_page
    assert "Who can submit monthly updates?" not in partner_page
    lead_page = client_for(world.lead).get(list_url(world.adoption)).text
    assert f'href="{review_url(world.adoption)}"' not in lead_page
    assert f'href="{edit_url(world.adoption, "2024-12")}"' in lead_page
    assert "Who can submit monthly updates?" in lead_page
    contributor_page = client_for(world.contributor).get(list_url(world.adoption)).text
    assert "Who can submit monthly updates?" not in contributor_page
    assert "Only the project lead can submit monthly updates" in contributor_page


# --- query counts ---------------------------------------------------------------------------


def test_the_list_costs_the_same_with_2_then_12_updates(world, client_for):
    periods = reportable_periods(world.adoption.started_on, d(2025, 3, 5))

    def add(batch):
        for period in batch:
            ProgressUpdateFactory(
                adoption=world.adoption, period=period, rag=Rag.GREEN, submit=True
            )

    add(periods[:2])
    assert_queries_do_not_grow(
        client_for(world.lead),
        list_url(world.adoption),
        grow=lambda: add(periods[2:]),
        small="2 updates",
        large="11 updates",
    )


def test_the_form_costs_the_same_with_2_then_10_metrics_targets_and_tags(world, client_for):
    def add(n):
        for _ in range(n):
            metric = OutcomeMetricFactory(innovation=world.innovation)
            MetricTarget.objects.create(adoption=world.adoption, metric=metric, target=10)
            LessonTag.objects.create(name=f"Tag {metric.pk}", slug=f"tag-{metric.pk}")
        metrics = list(world.innovation.metrics.all())
        for period in (JAN, FEB):
            update = ProgressUpdate.objects.filter(adoption=world.adoption, period=period).first()
            progress_update_save(
                actor=world.lead,
                adoption=world.adoption,
                period=period,
                fields={"summary": "x"},
                metric_values=dict.fromkeys(metrics, Decimal(3)),
                lesson_tags=LessonTag.objects.all(),
                expected_version=update.version if update else None,
            )

    add(2)
    assert_queries_do_not_grow(
        client_for(world.lead),
        edit_url(world.adoption),
        grow=lambda: add(8),
        small="2 metrics",
        large="10 metrics",
    )


def test_the_read_only_update_costs_the_same_with_more_metrics(world, client_for):
    def add(n):
        for _ in range(n):
            OutcomeMetricFactory(innovation=world.innovation)
        update = ProgressUpdate.objects.filter(adoption=world.adoption, period=FEB).first()
        progress_update_save(
            actor=world.lead,
            adoption=world.adoption,
            period=FEB,
            fields={"summary": "x", "rag": "green"},
            metric_values=dict.fromkeys(world.innovation.metrics.all(), Decimal(3)),
            new_lesson_tags=[f"tag {n}"],
            expected_version=update.version if update else None,
        )

    add(2)
    reader = client_for(world.originating_partner)
    assert_queries_do_not_grow(reader, edit_url(world.adoption), grow=lambda: add(8))


def test_submitting_is_one_service_each_and_audited(world):
    update = progress_update_save(
        actor=world.contributor,
        adoption=world.adoption,
        period=FEB,
        fields={"rag": "green", "summary": "ok"},
    )
    submitted = progress_update_submit(actor=world.lead, update=update)
    assert submitted.history.first().history_user == world.lead
    assert UserFactory  # factories stay importable for other tests in this module
