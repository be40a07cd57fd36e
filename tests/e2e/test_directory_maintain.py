"""A directory admin adds an innovation with two must-haves and publishes it; then a
visitor who is not signed in finds it by searching the directory.

Everything is done through the pages as a person would, without JavaScript tricks:
"Add another criterion" posts the form and comes back with one more row.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from innovations.models import Innovation

from .pages import BasePage, DirectoryPage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
ADMIN = "admin@demo.adoptadapt.test"
NAME = "Family Safeguarding"


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server.url


class InnovationFormPage(BasePage):
    path = "/directory/new/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Add an innovation")
        return self

    def fill(self, label: str, text: str):
        self.page.get_by_label(label, exact=True).fill(text)
        return self

    def choose(self, question: str, answer: str):
        group = self.page.get_by_role("group", name=question, exact=True)
        group.get_by_label(answer, exact=True).check()
        return self

    def save_draft(self) -> "CriteriaPage":
        self.page.get_by_role("button", name="Save as a draft").click()
        return CriteriaPage(self.page, self.base_url).wait_until_shown()


class CriteriaPage(BasePage):
    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "Must-haves and adaptable parts"
        )
        return self

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").first.inner_text()

    def row(self, legend: str):
        return self.page.get_by_role("group", name=legend, exact=True)

    def fill_row(self, legend: str, *, name: str, kind: str, dimension: str, evidenced: str):
        row = self.row(legend)
        row.get_by_label("Name", exact=True).fill(name)
        row.get_by_role("group", name="Kind").get_by_label(kind, exact=True).check()
        row.get_by_label("Fidelity dimension").select_option(label=dimension)
        row.get_by_label("How fidelity is evidenced").fill(evidenced)
        return self

    def add_another(self):
        self.page.get_by_role("button", name="Add another criterion").click()
        return self.wait_until_shown()

    def save(self):
        self.page.get_by_role("button", name="Save changes").click()
        return self.wait_until_shown()

    def open_status(self) -> "StatusPage":
        self.page.get_by_role("link", name="Publication status").click()
        return StatusPage(self.page, self.base_url).wait_until_shown()


class StatusPage(BasePage):
    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Publication status")
        return self

    def publish(self) -> str:
        """Publish; the entry's page opens with a banner, whose text is returned."""
        self.page.get_by_label("Publish it", exact=True).check()
        self.page.get_by_role("button", name="Change status").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(NAME)
        return self.page.locator(".govuk-notification-banner").first.inner_text()


def test_admin_adds_and_publishes_an_innovation_that_a_visitor_then_finds(
    demo_site, page: Page, screenshots
):
    SignInPage(page, demo_site).open().sign_in(ADMIN, DEMO_PASSWORD)

    directory = DirectoryPage(page, demo_site).open()
    directory.wait_until_shown()
    page.get_by_role("link", name="Add an innovation").click()
    form = InnovationFormPage(page, demo_site).wait_until_shown()
    form.fill("Name", NAME)
    form.fill(
        "Summary",
        "Multi-disciplinary teams of social workers and adult specialists work with "
        "parents on domestic abuse, mental health and substance misuse.",
    )
    form.choose("Evidence level", "3 (effective: one rigorous evaluation)")
    form.choose("Cost rating", "3")
    criteria = form.save_draft()
    assert "has been added as a draft" in criteria.banner

    criteria.fill_row(
        "1. New criterion",
        name="Adult specialists in every team",
        kind="Must-have",
        dimension="Adherence",
        evidenced="Team structure charts and job descriptions.",
    )
    criteria.add_another()
    # What was typed in the first row is still there, and a second row is offered.
    expect(criteria.row("1. New criterion").get_by_label("Name", exact=True)).to_have_value(
        "Adult specialists in every team"
    )
    criteria.fill_row(
        "2. New criterion",
        name="Group case supervision",
        kind="Must-have",
        dimension="Quality of delivery",
        evidenced="Supervision records sampled each quarter.",
    )
    criteria.screenshot(screenshots / "directory-maintain-criteria.png")
    criteria.save()
    assert "Must-haves and adaptable parts saved: 2 added." in criteria.banner
    expect(criteria.row("1. Adult specialists in every team")).to_be_visible()
    expect(criteria.row("2. Group case supervision")).to_be_visible()

    status = criteria.open_status()
    banner = status.publish()
    assert f"“{NAME}” is now published" in banner
    innovation = Innovation.objects.get(name=NAME)
    assert innovation.status == Innovation.Status.PUBLISHED
    assert innovation.criteria.filter(kind="must_have").count() == 2
    assert innovation.status_changed_by.email == ADMIN

    BasePage(page, demo_site).sign_out()

    # A visitor who is not signed in searches the directory for it.
    page.goto(f"{demo_site}/directory/?q={NAME.replace(' ', '+')}")
    visitor = DirectoryPage(page, demo_site).wait_until_shown()
    assert visitor.offers_sign_in
    assert NAME in visitor.innovations()
    visitor.screenshot(screenshots / "directory-maintain-found-by-search.png")
    page.get_by_role("link", name=NAME, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_text("Adult specialists in every team")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/directory/family-safeguarding/$"))
