"""Journey 1: the demo project lead signs in, writes this month's update (a draft
first, then submitted), logs an adaptation that touches a must-have, and records a
fidelity assessment.

It runs three times (see the `journey` fixture): with a mouse, with JavaScript
turned off, and by keyboard alone. axe-core checks every page on the way, error
states included, and the keyboard run checks focus is visible on every element.
The three runs share one demo load, so each is a different lead on a different
Reclaiming Social Work adoption, whose update for the month is in a different state.
"""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from innovations.models import FidelityCriterion
from sites.models import Adaptation, Adoption, FidelityAssessment, ProgressUpdate
from sites.periods import due_date, reporting_period

from .driving import Mode
from .pages import SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
NOT_STARTED = None  # "Due" until the month's due day, "Overdue" after it
# Who signs in, at which site, and what "my work" says of the month's update.
LEADS = {
    Mode.MOUSE: ("lead@demo.adoptadapt.test", "Derbyshire County Council", "Draft"),
    Mode.NO_JAVASCRIPT: ("joanne.booth@demo.adoptadapt.test", "Hull City Council", "Returned"),
    Mode.KEYBOARD: ("kwame.mensah@demo.adoptadapt.test", "Southwark Council", NOT_STARTED),
}
SUMMARY = "Two more units went live; recruitment is still slow."
WHY = "Two consultant posts are vacant."
TITLE = "Fortnightly unit meetings in the Peak villages"


def test_project_lead_updates_adapts_and_assesses(demo_server, journey):
    act, page = journey, journey.page
    lead, site, update_status = LEADS[act.mode]
    adoption_name = f"Reclaiming Social Work at {site}"
    today = timezone.localdate()
    period = reporting_period(today)
    month = date_format(period, "F Y")
    if update_status is NOT_STARTED:
        update_status = "Overdue" if today > due_date(period) else "Due"
    adoption = Adoption.objects.get(
        innovation__slug="reclaiming-social-work", adopting_site__name=site
    )
    criteria = list(
        FidelityCriterion.objects.filter(innovation=adoption.innovation, retired_at__isnull=True)
        .order_by("kind", "position")
        .values_list("name", "kind")
    )
    must_have = next(name for name, kind in criteria if kind == FidelityCriterion.Kind.MUST_HAVE)

    my_work = SignInPage(page, demo_server).open().sign_in(lead, DEMO_PASSWORD)
    assert my_work.update_status(adoption_name).startswith(update_status)
    act.screenshot("lead-1-my-work")

    # The draft: amber/red needs a reason, and the page says so, keeping what was typed.
    form = my_work.open_update(adoption_name, month)
    form.choose_rag("Amber/red")
    form.fill("Summary of the month", SUMMARY)
    form.fill("Why is the adoption at this status?", "")
    form.save_draft(month)
    assert "Explain why the RAG status is amber/red or red" in form.errors()
    assert form.value("Summary of the month") == SUMMARY
    act.screenshot("lead-2-update-with-an-error")
    form.fill("Why is the adoption at this status?", WHY)
    form.save_draft(month)
    assert "has been saved" in form.banner
    update = ProgressUpdate.objects.get(adoption=adoption, period=period)
    assert (update.rag, update.summary, update.rag_explanation) == ("amber_red", SUMMARY, WHY)
    assert update.status != ProgressUpdate.Status.SUBMITTED

    # Later, back from my work: the draft is as it was left, and is submitted.
    form.go_to("My work")
    form = my_work.wait_until_shown().open_update(adoption_name, month)
    assert form.value("Why is the adoption at this status?") == WHY
    assert page.get_by_label("Amber/red", exact=True).is_checked()
    updates = form.submit()
    assert "has been submitted" in updates.banner
    assert updates.status(month) == "Submitted"
    act.screenshot("lead-3-update-submitted")
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.SUBMITTED
    assert update.submitted_by.email == lead

    # An adaptation that touches a must-have waits for the board.
    overview = updates.back_to_adoption(adoption_name)
    log = overview.open_adaptations()
    form = log.start_logging()
    form.fill("Title", TITLE)
    form.fill("What was changed", "Village units meet in person every other week.")
    form.fill_date("Date of the adaptation", 3, 2, 2025)
    form.choose("When was it made?", "Implementation")
    form.choose("Was it planned?", "Planned, reactive")
    form.select("Who decided?", "Programme manager")
    form.choose("What was modified?", "Context: format")
    form.choose("Level of delivery", "Team or unit")
    form.select("Type of modification", "Shortening or condensing")
    form.choose("Relation to fidelity", "Unknown")
    form.choose("Must-haves it touches", must_have)
    form.select("Main goal", "Improve feasibility")
    form.fill("Organisation or setting reasons", "Travel takes half a day.")
    act.screenshot("lead-4-adaptation-form")
    detail = form.submit(TITLE)
    assert detail.status == "Awaiting board decision"
    assert "awaiting a decision from the governance board" in detail.banner
    act.screenshot("lead-5-adaptation-awaiting-board")
    adaptation = adoption.adaptations.get(title=TITLE)
    assert adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED
    assert list(adaptation.criteria.values_list("name", flat=True)) == [must_have]
    assert adaptation.logged_by.email == lead

    # The log, filtered to what waits for the board, lists it with the others waiting.
    log = detail.back_to_log().filter_by_status("Awaiting board decision")
    assert "status=proposed" in page.url
    awaiting = adoption.adaptations.filter(decision_status=Adaptation.DecisionStatus.PROPOSED)
    assert sorted(log.titles()) == sorted(awaiting.values_list("title", flat=True))
    assert log.status_of(TITLE) == "Awaiting board decision"

    # A fidelity assessment: saving with nothing scored shows what is missing first.
    form = log.back_to_adoption(adoption_name).record_assessment()
    assert "There is a problem" in form.save_expecting_errors()
    form.fill_date("Date of the assessment", today.day, today.month, today.year)
    form.choose("How was it assessed?", "Self-assessment")
    for position, (name, _kind) in enumerate(criteria):
        form.score(name, "Partly met" if position == 0 else "Met")
    form.fill("Summary (optional)", "Consultant vacancies aside, the tramlines hold.")
    act.screenshot("lead-6-fidelity-form")
    result = form.save()
    assert "Assessment saved. Must-have score" in result.banner
    act.screenshot("lead-7-fidelity-result")
    assessment = FidelityAssessment.objects.filter(adoption=adoption).latest("recorded_at")
    assert assessment.assessed_on == today
    assert assessment.assessed_by.email == lead
    assert assessment.scores.count() == len(criteria)

    assert not act.unchecked_pages(), "pages shown without an accessibility check"
