"""Fidelity assessment pages: the form and its validation, co-assessment, the
history with bands, the per-criterion trend, and query budgets."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from innovations.models import FidelityCriterion
from sites.models import AdoptionRole, CriterionScore, FidelityAssessment
from sites.selectors import fidelity_trend
from tests.factories import (
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

MET = CriterionScore.Score.MET
PARTLY = CriterionScore.Score.PARTLY_MET
NOT_MET = CriterionScore.Score.NOT_MET
NOT_ASSESSED = CriterionScore.Score.NOT_ASSESSED
TODAY = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def criteria(world):
    """Two must-haves and an adaptable component, listed adaptable first on purpose."""
    innovation = world.innovation
    adaptable = FidelityCriterionFactory(
        innovation=innovation,
        name="Unit coordinator",
        kind=FidelityCriterion.Kind.ADAPTABLE,
        position=0,
    )
    weekly = FidelityCriterionFactory(innovation=innovation, name="Weekly unit meeting", position=1)
    clinician = FidelityCriterionFactory(
        innovation=innovation,
        name="Clinician in every unit",
        position=2,
        description="A qualified clinician works inside the unit.",
        how_evidenced="Staffing records.",
    )
    retired = FidelityCriterionFactory(
        innovation=innovation, name="Paper case files", position=3, retired_at=timezone.now()
    )
    return {"adaptable": adaptable, "weekly": weekly, "clinician": clinician, "retired": retired}


def new_url(adoption):
    return reverse("adoptions:assessment_new", kwargs={"pk": adoption.pk})


def list_url(adoption):
    return reverse("adoptions:assessment_list", kwargs={"pk": adoption.pk})


def detail_url(assessment):
    return reverse(
        "adoptions:assessment_detail",
        kwargs={"pk": assessment.adoption_id, "assessment_pk": assessment.pk},
    )


def form_data(criteria, *, day="3", month="3", year="2025", method="self", scores=None, **extra):
    """What a person submits; every active criterion met unless `scores` says otherwise."""
    data = {"assessed_on_0": day, "assessed_on_1": month, "assessed_on_2": year, "method": method}
    scores = scores or dict.fromkeys(("weekly", "clinician", "adaptable"), MET)
    for key, score in scores.items():
        criterion = criteria[key]
        data[f"score_{criterion.pk}"] = score
        data[f"evidence_{criterion.pk}"] = f"Evidence about {criterion.name}"
    data.update(extra)
    return data


# --- the form -----------------------------------------------------------------


def test_form_lists_active_criteria_must_haves_first(world, criteria, client_for):
    response = client_for(world.lead).get(new_url(world.adoption))
    assert response.status_code == 200
    text = response.text
    assert text.index("Weekly unit meeting") < text.index("Clinician in every unit")
    assert text.index("Clinician in every unit") < text.index("Unit coordinator")
    assert text.index("Must-haves") < text.index("Adaptable components")
    assert "Paper case files" not in text
    assert "A qualified clinician works inside the unit. Evidence: Staffing records." in text
    weekly = criteria["weekly"].pk
    for position, value in enumerate(["met", "partly_met", "not_met", "not_assessed"], 1):
        assert re.search(rf'id="id_score_{weekly}_{position}"\s+value="{value}"', text)
    # The four methods, as radios.
    for label in ("Self-assessment", "Peer review", "Originating team", "Accreditor"):
        assert label in text


def test_lead_records_an_assessment_and_sees_its_score_and_band(world, criteria, client_for):
    data = form_data(criteria, scores={"weekly": MET, "clinician": PARTLY, "adaptable": NOT_MET})
    data["summary"] = "Units hold steady; clinicians still being recruited."
    response = client_for(world.lead).post(new_url(world.adoption), data, follow=True)
    assessment = FidelityAssessment.objects.get()
    assert response.redirect_chain[-1][0] == detail_url(assessment)
    assert assessment.assessed_by == world.lead
    assert assessment.assessed_on == datetime.date(2025, 3, 3)
    assert assessment.method == FidelityAssessment.Method.SELF
    assert assessment.must_have_score == 75
    scores = {s.criterion.name: (s.score, s.evidence_note) for s in assessment.scores.all()}
    assert scores == {
        "Weekly unit meeting": (MET, "Evidence about Weekly unit meeting"),
        "Clinician in every unit": (PARTLY, "Evidence about Clinician in every unit"),
        "Unit coordinator": (NOT_MET, "Evidence about Unit coordinator"),
    }
    text = response.text
    assert "Assessment saved. Must-have score 75%: moderate fidelity." in text
    assert "75%" in text and "Moderate" in text
    assert "Units hold steady; clinicians still being recruited." in text
    # Must-haves come first on the detail page too.
    assert text.index("Weekly unit meeting") < text.index("Unit coordinator")


def test_an_empty_form_shows_every_error_linked_to_the_first_option(world, criteria, client_for):
    response = client_for(world.lead).post(new_url(world.adoption), {})
    assert response.status_code == 200
    assert not FidelityAssessment.objects.exists()
    text = response.text
    assert "There is a problem" in text
    assert '<a href="#id_assessed_on_0">Enter the date of the assessment</a>' in text
    assert '<a href="#id_method_1">Select how the assessment was made</a>' in text
    for key in ("weekly", "clinician", "adaptable"):
        criterion = criteria[key]
        assert (
            f'<a href="#id_score_{criterion.pk}_1">Select a score for “{criterion.name}”</a>'
            in text
        )
        # The link target exists: the first radio of the group.
        assert f'id="id_score_{criterion.pk}_1"' in text


def test_a_future_date_is_refused_and_nothing_typed_is_lost(world, criteria, client_for):
    data = form_data(
        criteria,
        day="21",
        scores={"weekly": PARTLY, "clinician": NOT_ASSESSED, "adaptable": MET},
        summary="Kept summary",
    )
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert not FidelityAssessment.objects.exists()
    text = response.text
    assert "The date of the assessment must be today or in the past" in text
    assert 'value="21"' in text
    assert "Kept summary" in text
    assert "Evidence about Weekly unit meeting" in text
    weekly = criteria["weekly"].pk
    assert re.search(rf'id="id_score_{weekly}_2"\s+value="partly_met"\s+checked', text), (
        "the chosen score is still selected"
    )


def test_today_is_accepted(world, criteria, client_for):
    data = form_data(criteria, day="20")
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 302
    assert FidelityAssessment.objects.get().assessed_on == datetime.date(2025, 3, 20)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "The date of the assessment must be a real date"),
        ("3", "", "2025", "The date of the assessment must include a month"),
        ("3", "3", "25", "The year of the date of the assessment must include 4 numbers"),
        ("x", "3", "2025", "The date of the assessment must be a real date"),
    ],
)
def test_date_must_be_real_and_complete(world, criteria, client_for, day, month, year, message):
    data = form_data(criteria, day=day, month=month, year=year)
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert message in response.text
    assert not FidelityAssessment.objects.exists()


def test_every_active_criterion_must_be_scored(world, criteria, client_for):
    data = form_data(criteria)
    del data[f"score_{criteria['clinician'].pk}"]
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert "Select a score for “Clinician in every unit”" in response.text
    assert "Select a score for “Weekly unit meeting”" not in response.text
    assert not FidelityAssessment.objects.exists()


def test_method_must_be_one_of_the_four(world, criteria, client_for):
    response = client_for(world.lead).post(
        new_url(world.adoption), form_data(criteria, method="guess")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not FidelityAssessment.objects.exists()


def test_a_score_outside_the_scale_is_refused(world, criteria, client_for):
    data = form_data(criteria, scores={"weekly": "brilliant", "clinician": MET, "adaptable": MET})
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert not FidelityAssessment.objects.exists()


# --- co-assessment ------------------------------------------------------------


def test_lead_adds_the_originating_partner_as_co_assessor(world, criteria, client_for):
    client = client_for(world.lead)
    page = client.get(new_url(world.adoption)).text
    assert "Olu" in page and "Originating partner" in page
    # The person recording is the assessor, not a co-assessor choice.
    assert f'value="{world.lead.pk}"' not in page.split("co_assessors")[1].split("</fieldset>")[0]
    data = form_data(criteria, co_assessors=[str(world.originating_partner.pk)])
    client.post(new_url(world.adoption), data)
    assessment = FidelityAssessment.objects.get()
    assert assessment.assessed_by == world.lead
    assert list(assessment.co_assessors.all()) == [world.originating_partner]
    history = client.get(list_url(world.adoption)).text
    assert "with Olu" in history


def test_the_originating_partner_records_and_is_the_assessor(world, criteria, client_for):
    data = form_data(criteria, method="originating_team", co_assessors=[str(world.lead.pk)])
    response = client_for(world.originating_partner).post(new_url(world.adoption), data)
    assert response.status_code == 302
    assessment = FidelityAssessment.objects.get()
    assert assessment.assessed_by == world.originating_partner
    assert assessment.method == FidelityAssessment.Method.ORIGINATING_TEAM
    assert list(assessment.co_assessors.all()) == [world.lead]


def test_a_co_assessor_without_a_role_on_the_adoption_is_refused(world, criteria, client_for):
    data = form_data(criteria, co_assessors=[str(world.unrelated_user.pk)])
    response = client_for(world.lead).post(new_url(world.adoption), data)
    assert response.status_code == 200
    assert "Choose people with a role on this adoption" in response.text
    assert not FidelityAssessment.objects.exists()


def test_viewers_read_the_history_but_are_not_offered_the_form(world, criteria, client_for):
    FidelityAssessmentFactory(actor=world.lead, adoption=world.adoption)
    for viewer in (world.board_member, world.directory_admin):
        response = client_for(viewer).get(list_url(world.adoption))
        assert response.status_code == 200
        assert "Record an assessment" not in response.text
        assert (
            client_for(viewer).post(new_url(world.adoption), form_data(criteria)).status_code == 403
        )
    assert FidelityAssessment.objects.count() == 1
    assert (
        "Record an assessment" in client_for(world.contributor).get(list_url(world.adoption)).text
    )


# --- bands --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("must_haves", "met", "partly", "percent", "band"),
    [
        (2, 1, 0, 50, "Low"),
        (34, 17, 1, 51, "Moderate"),
        (7, 5, 1, 79, "Moderate"),
        (5, 4, 0, 80, "High"),
        (1, 0, 0, 0, "Low"),
        (1, 1, 0, 100, "High"),
    ],
)
def test_band_boundaries_are_shown(client_for, must_haves, met, partly, percent, band):
    lead = UserFactory()
    adoption = AdoptionFactory()
    AdoptionRoleFactory(adoption=adoption, user=lead, role=AdoptionRole.Role.LEAD)
    criteria = FidelityCriterionFactory.create_batch(must_haves, innovation=adoption.innovation)
    scores = {}
    for index, criterion in enumerate(criteria):
        score = MET if index < met else PARTLY if index < met + partly else NOT_MET
        scores[criterion] = (score, "")
    assessment = FidelityAssessmentFactory(actor=lead, adoption=adoption, scores=scores)
    assert assessment.must_have_score == percent
    row = _history_row(client_for(lead).get(list_url(adoption)).text, assessment)
    assert f"{percent}%" in row
    assert f">{band}</strong>" in row
    detail = client_for(lead).get(detail_url(assessment)).text
    assert f"{percent}%" in detail and f">{band}</strong>" in detail


def test_an_assessment_with_no_must_have_assessed_has_no_band(world, criteria, client_for):
    scores = {criteria[k]: (NOT_ASSESSED, "") for k in ("weekly", "clinician")}
    scores[criteria["adaptable"]] = (MET, "")
    assessment = FidelityAssessmentFactory(actor=world.lead, adoption=world.adoption, scores=scores)
    assert assessment.must_have_score is None
    row = _history_row(client_for(world.lead).get(list_url(world.adoption)).text, assessment)
    assert ">Not assessed</strong>" in row


def _history_row(html: str, assessment) -> str:
    start = html.index(detail_url(assessment))
    return html[start : html.index("</tr>", start)]


# --- history and trend --------------------------------------------------------


def _assess(world, criteria, on, **scores):
    """Score every active criterion: met, unless named in `scores`."""
    by_name = {criteria[key].pk: score for key, score in scores.items()}
    active = world.innovation.criteria.filter(retired_at__isnull=True)
    return FidelityAssessmentFactory(
        actor=world.lead,
        adoption=world.adoption,
        assessed_on=on,
        scores={c: (by_name.get(c.pk, MET), "") for c in active},
    )


def test_history_is_newest_first_with_method_and_assessor(world, criteria, client_for):
    older = _assess(world, criteria, datetime.date(2024, 6, 1))
    newer = _assess(world, criteria, datetime.date(2025, 1, 15), clinician=NOT_MET)
    text = client_for(world.board_member).get(list_url(world.adoption)).text
    assert text.index(detail_url(newer)) < text.index(detail_url(older))
    assert "15 January 2025" in text and "1 June 2024" in text
    assert "Self-assessment" in text and "Lee" in text
    assert "50%" in text and "100%" in text


def test_trend_shows_each_criterion_across_assessments_and_flags_drift(world, criteria, client_for):
    _assess(world, criteria, datetime.date(2024, 6, 1))
    _assess(world, criteria, datetime.date(2024, 9, 1), weekly=PARTLY)
    # The clinician criterion is retired after being scored; a new one starts.
    criteria["clinician"].retired_at = timezone.now()
    criteria["clinician"].save()
    criteria["newcomer"] = FidelityCriterionFactory(
        innovation=world.innovation, name="Shared case responsibility", position=5
    )
    FidelityAssessmentFactory(
        actor=world.lead,
        adoption=world.adoption,
        assessed_on=datetime.date(2025, 1, 1),
        scores={
            criteria["weekly"]: (NOT_MET, ""),
            criteria["adaptable"]: (MET, ""),
            criteria["newcomer"]: (PARTLY, ""),
        },
    )
    trend = fidelity_trend(world.adoption)
    assert [a.assessed_on.month for a in trend.assessments] == [6, 9, 1]
    rows = {row.criterion.name: row for row in trend.must_haves + trend.adaptables}
    assert rows["Weekly unit meeting"].scores == [MET, PARTLY, NOT_MET]
    assert rows["Weekly unit meeting"].direction == "falling"
    assert rows["Clinician in every unit"].scores == [MET, MET, None]
    assert rows["Shared case responsibility"].scores == [None, None, PARTLY]
    assert rows["Unit coordinator"].direction == "steady"
    assert "Paper case files" not in rows  # retired before it was ever scored
    assert [row.criterion.name for row in trend.adaptables] == ["Unit coordinator"]

    text = client_for(world.lead).get(list_url(world.adoption)).text
    trend_html = text[text.index("Trend by criterion") :]
    weekly_row = trend_html[trend_html.index("Weekly unit meeting") :]
    weekly_row = weekly_row[: weekly_row.index("</tr>")]
    assert re.findall(r">(Met|Partly met|Not met)</strong>", weekly_row) == [
        "Met",
        "Partly met",
        "Not met",
    ]
    assert ">Falling</strong>" in weekly_row
    clinician_row = trend_html[trend_html.index("Clinician in every unit") :]
    clinician_row = clinician_row[: clinician_row.index("</tr>")]
    assert ">Retired</strong>" in clinician_row
    assert ">Not scored</strong>" in clinician_row


def test_trend_covers_only_the_last_six_assessments(world, criteria):
    for month in range(1, 9):
        _assess(world, criteria, datetime.date(2024, month, 1))
    trend = fidelity_trend(world.adoption)
    assert [a.assessed_on.month for a in trend.assessments] == [3, 4, 5, 6, 7, 8]


def test_empty_history_says_so(world, client_for):
    text = client_for(world.lead).get(list_url(world.adoption)).text
    assert "No fidelity assessments have been recorded yet." in text
    assert "Trend by criterion" not in text


def test_another_adoptions_assessment_is_not_found_under_this_adoption(world, client_for):
    other = FidelityAssessmentFactory(actor=world.other_lead, adoption=world.other_adoption)
    url = reverse(
        "adoptions:assessment_detail", kwargs={"pk": world.adoption.pk, "assessment_pk": other.pk}
    )
    assert client_for(world.directory_admin).get(url).status_code == 404


# --- query budgets ------------------------------------------------------------


def test_history_with_2_then_12_assessments(world, criteria, client_for):
    def add(n, start):
        for i in range(n):
            assessment = _assess(
                world, criteria, datetime.date(2020 + (start + i) // 12, (start + i) % 12 + 1, 1)
            )
            assessment.co_assessors.add(world.originating_partner, world.contributor)
            FidelityCriterionFactory(
                innovation=world.innovation, kind=FidelityCriterion.Kind.ADAPTABLE
            )

    add(2, 0)
    count = assert_queries_do_not_grow(
        client_for(world.lead),
        list_url(world.adoption),
        grow=lambda: add(10, 2),
        small="2 assessments",
        large="12 assessments",
    )
    assert count <= 14


def test_assessment_page_with_3_then_20_criteria(world, client_for):
    def scores():
        active = world.innovation.criteria.filter(retired_at__isnull=True)
        return dict.fromkeys(active, (MET, "Seen in supervision notes"))

    FidelityCriterionFactory.create_batch(3, innovation=world.innovation)
    small = FidelityAssessmentFactory(actor=world.lead, adoption=world.adoption, scores=scores())
    small.co_assessors.add(world.originating_partner)
    state = {"url": detail_url(small)}

    def grow():
        FidelityCriterionFactory.create_batch(
            17, innovation=world.innovation, kind=FidelityCriterion.Kind.ADAPTABLE
        )
        large = FidelityAssessmentFactory(
            actor=world.lead, adoption=world.adoption, scores=scores()
        )
        large.co_assessors.add(world.originating_partner, world.contributor)
        state["url"] = detail_url(large)

    count = assert_queries_do_not_grow(
        client_for(world.lead), lambda: state["url"], grow=grow, small="3", large="20"
    )
    assert count <= 12


def test_the_form_with_3_then_20_criteria(world, client_for):
    FidelityCriterionFactory.create_batch(3, innovation=world.innovation)
    count = assert_queries_do_not_grow(
        client_for(world.lead),
        new_url(world.adoption),
        grow=lambda: FidelityCriterionFactory.create_batch(17, innovation=world.innovation),
    )
    assert count <= 12
