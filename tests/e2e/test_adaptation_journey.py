"""The issue's browser test: the demo lead saves this month's update as a draft,
submits it, then logs an adaptation that touches a must-have and sees it awaiting a
board decision on the detail page and in the log.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from innovations.models import FidelityCriterion
from sites.models import Adaptation, Adoption, ProgressUpdate
from sites.periods import reporting_period

from .pages import AdaptationListPage, BasePage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
LEAD = "lead@demo.adoptadapt.test"
TITLE = "Fortnightly unit meetings in the High Peak villages"


class MonthlyUpdatePage(BasePage):
    """The month's update form, `/adoptions/<id>/updates/<YYYY-MM>/`."""

    def __init__(self, page: Page, base_url: str, adoption_id: int, period):
        super().__init__(page, base_url)
        self.path = f"/adoptions/{adoption_id}/updates/{period:%Y-%m}/"

    def choose_rag(self, label: str):
        group = self.page.get_by_role("group", name=re.compile("^RAG status"))
        group.get_by_label(label, exact=True).check()
        return self

    def fill(self, label: str, text: str):
        self.page.get_by_label(label, exact=True).fill(text)
        return self

    def value_of(self, label: str) -> str:
        return self.page.get_by_label(label, exact=True).input_value()

    def save_draft(self) -> str:
        self.page.get_by_role("button", name="Save as draft").click()
        banner = self.page.locator(".govuk-notification-banner")
        expect(banner).to_contain_text("has been saved")
        return banner.inner_text()

    def submit(self) -> str:
        self.page.get_by_role("button", name="Submit update").click()
        banner = self.page.locator(".govuk-notification-banner")
        expect(banner).to_contain_text("has been submitted")
        return banner.inner_text()


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def test_lead_drafts_and_submits_an_update_then_logs_an_adaptation(demo_site, page, screenshots):
    adoption = Adoption.objects.get(
        innovation__slug="reclaiming-social-work", roles__user__email=LEAD
    )
    must_have = (
        FidelityCriterion.objects.filter(
            innovation=adoption.innovation,
            kind=FidelityCriterion.Kind.MUST_HAVE,
            retired_at__isnull=True,
        )
        .order_by("position")
        .first()
    )
    before = adoption.adaptations.count()

    SignInPage(page, demo_site).open().sign_in(LEAD, DEMO_PASSWORD)

    # This month's update: saved as a draft, reopened with nothing lost, then submitted.
    period = reporting_period(timezone.localdate())
    update = MonthlyUpdatePage(page, demo_site, adoption.pk, period).open()
    update.choose_rag("Amber/green")
    update.fill("Summary of the month", "Two more units went live; recruitment is on track.")
    update.save_draft()
    draft = ProgressUpdate.objects.get(adoption=adoption, period=period)
    assert draft.status == ProgressUpdate.Status.DRAFT
    assert draft.summary == "Two more units went live; recruitment is on track."
    update.open()
    assert update.value_of("Summary of the month") == draft.summary
    update.screenshot(screenshots / "journey-draft-update.png")
    update.submit()
    draft.refresh_from_db()
    assert draft.status == ProgressUpdate.Status.SUBMITTED
    assert draft.submitted_by.email == LEAD
    assert draft.rag == "amber_green"

    log = AdaptationListPage(page, demo_site, adoption.pk).open().wait_until_shown()
    form = log.start_logging()
    form.fill("Title", TITLE)
    form.fill(
        "What was changed",
        "Units in the villages meet face to face every other week and online in between.",
    )
    form.fill_date("Date of the adaptation", 3, 2, 2025)
    form.choose("When was it made?", "Implementation")
    form.choose("Was it planned?", "Planned, reactive")
    form.select("Who decided?", "Programme manager")
    form.choose("What was modified?", "Context: format")
    form.choose("Level of delivery", "Team or unit")
    form.select("Type of modification", "Shortening or condensing")
    form.choose("Relation to fidelity", "Unknown")
    form.choose("Must-haves it touches", must_have.name)
    form.select("Main goal", "Improve feasibility")
    form.fill("Organisation or setting reasons", "Travel between villages takes half a day.")
    form.screenshot(screenshots / "adaptation-form.png")

    detail = form.submit(TITLE)
    assert detail.status == "Awaiting board decision"
    assert "awaiting a decision from the governance board" in detail.banner
    detail.screenshot(screenshots / "adaptation-awaiting-board.png")

    adaptation = adoption.adaptations.get(title=TITLE)
    assert adoption.adaptations.count() == before + 1
    assert adaptation.awaiting_decision
    assert list(adaptation.criteria.all()) == [must_have]

    log = AdaptationListPage(page, demo_site, adoption.pk).open().wait_until_shown()
    assert log.status_of(TITLE) == "Awaiting board decision"
    log.filter_by_status("Awaiting board decision")
    assert TITLE in log.titles()
    assert "status=proposed" in page.url
    awaiting = adoption.adaptations.filter(decision_status=Adaptation.DecisionStatus.PROPOSED)
    assert sorted(log.titles()) == sorted(awaiting.values_list("title", flat=True))
    log.screenshot(screenshots / "adaptations-awaiting-board.png")
