"""The demo project lead writes last month's update in the browser: opens it from
"my work", saves a draft, comes back to it later, and submits it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format

from sites.models import Adoption, ProgressUpdate
from sites.periods import reporting_period

from .pages import MonthlyUpdatePage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
ADOPTION = "Reclaiming Social Work at Derbyshire County Council"


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def test_lead_saves_a_draft_comes_back_and_submits(demo_site, page, screenshots):
    period = reporting_period(timezone.localdate())
    month = date_format(period, "F Y")
    adoption = Adoption.objects.get(
        innovation__slug="reclaiming-social-work", adopting_site__name__startswith="Derbyshire"
    )
    my_work = SignInPage(page, demo_site).open().sign_in("lead@demo.adoptadapt.test", DEMO_PASSWORD)
    # The demo's contributor started last month's update; my work says it is a draft.
    assert my_work.update_status(ADOPTION).startswith("Draft")

    page.get_by_role("link", name=f"Continue the update for {ADOPTION}").click()
    form = MonthlyUpdatePage(page, demo_site).wait_until_shown(month)
    assert form.status == "Draft"
    form.choose_rag("Amber/red")
    form.fill("Summary of the month", "Two more units went live; recruitment is still slow.")
    form.fill("Why is the adoption at this status?", "")
    form.screenshot(screenshots / "monthly-update-form.png")

    # Amber/red needs an explanation: the page says so and keeps what was typed.
    form.save_draft(month)
    summary = page.locator(".govuk-error-summary")
    assert "Explain why the RAG status is amber/red or red" in summary.inner_text()
    assert form.value("Summary of the month").startswith("Two more units went live")
    form.fill("Why is the adoption at this status?", "Two consultant posts are vacant.")
    form.save_draft(month)
    assert "has been saved" in form.banner
    update = ProgressUpdate.objects.get(adoption=adoption, period=period)
    assert update.status == ProgressUpdate.Status.DRAFT
    assert update.rag == "amber_red"

    # Later: back from my work, the draft is as it was left.
    page.goto(demo_site + "/")
    page.get_by_role("link", name=f"Continue the update for {ADOPTION}").click()
    form = MonthlyUpdatePage(page, demo_site).wait_until_shown(month)
    assert form.value("Why is the adoption at this status?") == "Two consultant posts are vacant."
    assert page.get_by_label("Amber/red", exact=True).is_checked()

    listing = form.submit()
    assert "has been submitted" in listing.banner
    assert listing.status(month) == "Submitted"
    listing.screenshot(screenshots / "monthly-update-submitted.png")
    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.SUBMITTED
    assert update.submitted_by.email == "lead@demo.adoptadapt.test"

    page.goto(demo_site + "/")
    assert my_work.update_status(ADOPTION).startswith("Submitted")
