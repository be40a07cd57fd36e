"""Page objects: what a person can see and do on each page, in their words.

Tests talk to these, not to selectors, so a markup change is fixed in one place.
Everything a person does goes through `self.act` (see driving.py), so the same page
object works with a mouse, without JavaScript and by keyboard alone; every page
object reports its page as shown (`wait_until_shown`), which is where a journey's
accessibility checks run.
"""

import re

from playwright.sync_api import Locator, Page, expect

from .driving import Driver, driver_for


class BasePage:
    path = "/"
    name = "a page"

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url.rstrip("/")

    @property
    def act(self) -> Driver:
        return driver_for(self.page)

    def open(self):
        self.page.goto(self.base_url + self.path)
        return self

    def shown(self, what: str | None = None):
        """Tell the driver this page is on screen (axe runs here in a journey)."""
        self.act.page_shown(what or self.name)
        return self

    @property
    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text().strip()

    @property
    def is_signed_in(self) -> bool:
        return self.sign_out_button.count() == 1

    @property
    def sign_out_button(self):
        return self.page.get_by_role("button", name=re.compile(r"^Sign out"))

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").first.inner_text()

    @property
    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    def link(self, name: str | re.Pattern, *, exact: bool = True) -> Locator:
        if isinstance(name, re.Pattern):
            return self.page.get_by_role("link", name=name)
        return self.page.get_by_role("link", name=name, exact=exact)

    def follow(self, name: str | re.Pattern, *, exact: bool = True) -> None:
        self.act.click(self.link(name, exact=exact))

    def go_to(self, section: str) -> None:
        """Follow a link in the service navigation at the top of every page."""
        menu = self.page.get_by_role("navigation", name="Menu")
        self.act.click(menu.get_by_role("link", name=section, exact=True))

    def back_to_adoption(self, adoption: str) -> "AdoptionPage":
        """Follow the breadcrumb to the adoption's overview."""
        breadcrumbs = self.page.get_by_role("navigation", name="Breadcrumb")
        self.act.click(breadcrumbs.get_by_role("link", name=adoption, exact=True))
        return AdoptionPage(self.page, self.base_url).wait_until_shown()

    def sign_out(self) -> "DirectoryPage":
        self.act.click(self.sign_out_button)
        directory = DirectoryPage(self.page, self.base_url)
        directory.wait_until_shown()
        return directory

    def screenshot(self, path) -> None:
        self.page.screenshot(path=str(path), full_page=True)


class FormPage(BasePage):
    """Helpers shared by GOV.UK forms: fields by label, questions by legend."""

    def field(self, label: str, *, within: Locator | None = None) -> Locator:
        return (within or self.page).get_by_label(label, exact=True)

    def group(self, legend: str | re.Pattern) -> Locator:
        if isinstance(legend, re.Pattern):
            return self.page.get_by_role("group", name=legend)
        return self.page.get_by_role("group", name=legend, exact=True)

    def fill(self, label: str, text: str):
        self.act.fill(self.field(label), text)
        return self

    def value(self, label: str) -> str:
        return self.field(label).input_value()

    def choose(self, question: str | re.Pattern, answer: str):
        """Tick the radio or checkbox `answer` in the fieldset whose legend is `question`."""
        self.act.check(self.group(question).get_by_label(answer, exact=True))
        return self

    def select(self, label: str, option: str):
        self.act.select(self.field(label), option)
        return self

    def tick(self, label: str):
        """Tick the radio or checkbox labelled `label` (one label on the page)."""
        self.act.check(self.field(label))
        return self

    def fill_date(self, question: str, day: int, month: int, year: int):
        group = self.group(question)
        self.act.fill(group.get_by_label("Day"), str(day))
        self.act.fill(group.get_by_label("Month"), str(month))
        self.act.fill(group.get_by_label("Year"), str(year))
        return self

    def press(self, button: str) -> None:
        self.act.click(self.page.get_by_role("button", name=button, exact=True))

    def errors(self) -> str:
        expect(self.error_summary).to_be_visible()
        return self.error_summary.inner_text()


# --- signing in and "my work" ---


class SignInPage(FormPage):
    path = "/accounts/login/"
    name = "the sign-in page"

    def open(self):
        super().open()
        return self.wait_until_shown()

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(re.compile("^Sign in"))
        return self.shown()

    def _submit(self, email: str, password: str) -> None:
        self.act.fill(self.page.get_by_label("Email address"), email)
        self.act.fill(self.page.get_by_label("Password", exact=True), password)
        self.press("Sign in")

    def sign_in(self, email: str, password: str) -> "MyWorkPage":
        self._submit(email, password)
        return MyWorkPage(self.page, self.base_url).wait_until_shown()

    def sign_in_expecting_error(self, email: str, password: str) -> str:
        self._submit(email, password)
        summary = self.errors()
        self.shown("the sign-in page with an error")
        return summary


class MyWorkPage(BasePage):
    path = "/"
    name = "my work"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My work")
        return self.shown()

    def adoptions(self) -> list[str]:
        """Each adoption row's name, "<innovation> at <site>"."""
        rows = self.page.locator("table.govuk-table tbody tr th a")
        return [name.strip() for name in rows.all_inner_texts()]

    def update_status(self, adoption: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=adoption)
        return row.locator("td").nth(0).inner_text().strip()

    def open_update(self, adoption: str, month: str) -> "MonthlyUpdatePage":
        """Follow "Write", "Continue" or "Revise the update for <adoption>"."""
        name = re.compile(rf"^(Write|Continue|Revise) the update for {re.escape(adoption)}$")
        self.follow(name)
        return MonthlyUpdatePage(self.page, self.base_url).wait_until_shown(month)

    def open_adoption(self, name: str) -> str:
        """Follow an adoption's link; the overview's heading (the innovation's name)."""
        self.follow(name)
        self.page.wait_for_url(re.compile(r"/adoptions/\d+/$"))
        return AdoptionPage(self.page, self.base_url).wait_until_shown().heading

    def open_board(self, name: str) -> str:
        """Follow a board's link; the board's name, above the dashboard's heading."""
        self.follow(name)
        self.page.wait_for_url(re.compile(r"/boards/[\w-]+/$"))
        BoardDashboardPage(self.page, self.base_url, "").wait_until_shown()
        return self.page.locator("h1").locator("xpath=preceding-sibling::span[1]").inner_text()

    def open_board_dashboard(self, name: str, slug: str) -> "BoardDashboardPage":
        self.follow(name)
        return BoardDashboardPage(self.page, self.base_url, slug).wait_until_shown()

    def boards(self) -> list[str]:
        section = self.page.locator("h2:has-text('My boards') + ul")
        if section.count() == 0:
            return []
        return [name.strip() for name in section.locator("li > a").all_inner_texts()]

    def directory_counts(self) -> dict[str, int]:
        """The directory admin's summary: label → count; empty for everyone else."""
        rows = self.page.locator("dl.govuk-summary-list .govuk-summary-list__row")
        counts = {}
        for index in range(rows.count()):
            row = rows.nth(index)
            label = row.locator("dt").inner_text().strip()
            counts[label] = int(row.locator("dd").inner_text().strip())
        return counts

    def go_to_directory(self) -> "DirectoryPage":
        self.follow("Go to the directory")
        return DirectoryPage(self.page, self.base_url).wait_until_shown()


# --- the directory ---


class DirectoryPage(FormPage):
    path = "/directory/"
    name = "the innovation directory"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Innovation directory")
        return self.shown()

    def innovations(self) -> list[str]:
        return [n.strip() for n in self.page.locator("ul.govuk-list h2 a").all_inner_texts()]

    @property
    def offers_sign_in(self) -> bool:
        return self.page.get_by_role("link", name="Sign in", exact=True).count() == 1

    def search(self, words: str) -> "DirectoryPage":
        self.act.fill(self.page.get_by_label("Search the directory"), words)
        self.press("Search")
        return self.wait_until_shown()

    def open_innovation(self, name: str) -> "InnovationPage":
        self.follow(name)
        return InnovationPage(self.page, self.base_url).wait_until_shown(name)

    def add_innovation(self) -> "InnovationFormPage":
        self.follow("Add an innovation")
        return InnovationFormPage(self.page, self.base_url).wait_until_shown()


class InnovationPage(BasePage):
    name = "an innovation's page"

    def wait_until_shown(self, name: str):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(name)
        return self.shown()

    def section_text(self, heading: str) -> str:
        """The text from a section's h2 up to the next h2."""
        return self.page.evaluate(
            """(heading) => {
                const h2 = [...document.querySelectorAll('main h2')]
                    .find(h => h.textContent.trim() === heading);
                let text = '', node = h2 && h2.nextElementSibling;
                while (node && node.tagName !== 'H2') {
                    text += node.innerText + '\\n';
                    node = node.nextElementSibling;
                }
                return text;
            }""",
            heading,
        )


class InnovationFormPage(FormPage):
    path = "/directory/new/"
    name = "the form to add an innovation"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Add an innovation")
        return self.shown()

    def save_draft(self) -> "CriteriaPage":
        self.press("Save as a draft")
        return CriteriaPage(self.page, self.base_url).wait_until_shown()

    def save_draft_expecting_errors(self) -> str:
        self.press("Save as a draft")
        summary = self.errors()
        self.wait_until_shown()
        return summary


class RowsPage(FormPage):
    """An entry's list kept as rows (must-haves, metrics): one fieldset per row."""

    title = ""

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.title)
        return self.shown(f"the {self.title.lower()} page")

    def row(self, legend: str) -> Locator:
        return self.page.get_by_role("group", name=legend, exact=True)

    def add_another(self):
        self.press(self.add_button)
        return self.wait_until_shown()

    def save(self):
        self.press("Save changes")
        return self.wait_until_shown()

    def open_manage_link(self, label: str, page_class):
        nav = self.page.get_by_role("navigation", name="Manage this entry")
        self.act.click(nav.get_by_role("link", name=label, exact=True))
        return page_class(self.page, self.base_url).wait_until_shown()

    def open_metrics(self) -> "MetricsPage":
        return self.open_manage_link("Outcome metrics", MetricsPage)

    def open_status(self) -> "StatusPage":
        return self.open_manage_link("Publication status", StatusPage)


class CriteriaPage(RowsPage):
    title = "Must-haves and adaptable parts"
    add_button = "Add another criterion"

    def fill_row(self, legend: str, *, name: str, kind: str, dimension: str, evidenced: str):
        row = self.row(legend)
        self.act.fill(row.get_by_label("Name", exact=True), name)
        self.act.check(row.get_by_role("group", name="Kind").get_by_label(kind, exact=True))
        self.act.select(row.get_by_label("Fidelity dimension"), dimension)
        self.act.fill(row.get_by_label("How fidelity is evidenced"), evidenced)
        return self


class MetricsPage(RowsPage):
    title = "Outcome metrics"
    add_button = "Add another metric"

    def fill_row(self, legend: str, *, name: str, unit: str, adds_up: str, higher_is_better=True):
        row = self.row(legend)
        self.act.fill(row.get_by_label("Name", exact=True), name)
        self.act.fill(row.get_by_label("Unit", exact=True), unit)
        if higher_is_better:
            self.act.check(row.get_by_label("Higher is better"))
        self.act.check(row.get_by_role("group", name="How values add up").get_by_label(adds_up))
        return self


class StatusPage(FormPage):
    name = "the publication status page"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Publication status")
        return self.shown()

    def publish(self, name: str) -> InnovationPage:
        """Publish; the entry's page opens with a banner saying so."""
        self.act.check(self.page.get_by_label("Publish it", exact=True))
        self.press("Change status")
        return InnovationPage(self.page, self.base_url).wait_until_shown(name)


# --- an adoption: overview, monthly updates, adaptations, fidelity ---


class AdoptionPage(BasePage):
    """An adoption's overview, `/adoptions/<id>/`: the journey as a task list."""

    name = "an adoption's overview"

    def wait_until_shown(self, innovation: str | None = None):
        heading = self.page.get_by_role("heading", level=1)
        if innovation:
            expect(heading).to_have_text(innovation)
        expect(self.page.get_by_role("heading", name="Adoption journey")).to_be_visible()
        return self.shown()

    def open_adaptations(self) -> "AdaptationListPage":
        self.follow("adaptations log")
        return AdaptationListPage(self.page, self.base_url).wait_until_shown()

    def record_assessment(self) -> "FidelityAssessmentFormPage":
        self.follow("record a fidelity assessment")
        return FidelityAssessmentFormPage(self.page, self.base_url).wait_until_shown()


class AdaptationListPage(FormPage):
    """An adoption's adaptations log, `/adoptions/<id>/adaptations/`."""

    name = "the adaptations log"

    def __init__(self, page: Page, base_url: str, adoption_id: int | None = None):
        super().__init__(page, base_url)
        self.path = f"/adoptions/{adoption_id}/adaptations/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Adaptations")
        return self.shown()

    def start_logging(self) -> "AdaptationFormPage":
        # A link that looks like a button, so it has the button role.
        self.act.click(self.page.get_by_role("button", name="Log an adaptation"))
        return AdaptationFormPage(self.page, self.base_url).wait_until_shown()

    def filter_by_status(self, status: str):
        self.select("Status", status)
        self.press("Apply filters")
        return self.wait_until_shown()

    def status_of(self, title: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=title)
        return row.locator(".govuk-tag").inner_text().strip()

    def titles(self) -> list[str]:
        links = self.page.locator("table.govuk-table tbody tr th a")
        return [title.strip() for title in links.all_inner_texts()]

    def open_adaptation(self, title: str) -> "AdaptationDetailPage":
        self.follow(title)
        return AdaptationDetailPage(self.page, self.base_url).wait_until_shown(title)


class AdaptationFormPage(FormPage):
    name = "the form to log an adaptation"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Log an adaptation")
        return self.shown()

    def submit(self, title: str) -> "AdaptationDetailPage":
        self.press("Log adaptation")
        return AdaptationDetailPage(self.page, self.base_url).wait_until_shown(title)


class AdaptationDetailPage(BasePage):
    name = "an adaptation"

    def wait_until_shown(self, title: str):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(title)
        return self.shown()

    @property
    def status(self) -> str:
        return self.page.locator("#adaptation-status .govuk-tag").inner_text().strip()

    def back_to_log(self) -> "AdaptationListPage":
        breadcrumbs = self.page.get_by_role("navigation", name="Breadcrumb")
        self.act.click(breadcrumbs.get_by_role("link", name="Adaptations", exact=True))
        return AdaptationListPage(self.page, self.base_url).wait_until_shown()


class FidelityAssessmentFormPage(FormPage):
    name = "the form to record a fidelity assessment"

    def wait_until_shown(self):
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_have_text("Record a fidelity assessment")
        return self.shown()

    def score(self, criterion: str, answer: str, evidence: str = ""):
        self.choose(criterion, answer)
        if evidence:
            self.fill(f"Evidence for “{criterion}” (optional)", evidence)
        return self

    def save(self) -> "FidelityAssessmentPage":
        self.press("Save assessment")
        return FidelityAssessmentPage(self.page, self.base_url).wait_until_shown()

    def save_expecting_errors(self) -> str:
        self.press("Save assessment")
        summary = self.errors()
        self.wait_until_shown()
        return summary


class FidelityAssessmentPage(BasePage):
    name = "a fidelity assessment"

    def wait_until_shown(self):
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_have_text(re.compile(r"^Fidelity assessment, "))
        return self.shown()


# --- monthly progress updates ---


class MonthlyUpdatePage(FormPage):
    """The update form for one month: /adoptions/<id>/updates/<YYYY-MM>/."""

    name = "a monthly update"

    def wait_until_shown(self, month: str):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(f"Update for {month}")
        return self.shown()

    @property
    def status(self) -> str:
        return self.page.locator("main p.govuk-body .govuk-tag").first.inner_text().strip()

    def choose_rag(self, label: str):
        return self.choose(re.compile("^RAG status"), label)

    def save_draft(self, month: str) -> "MonthlyUpdatePage":
        self.press("Save as draft")
        return self.wait_until_shown(month)

    def submit(self) -> "MonthlyUpdateListPage":
        self.press("Submit update")
        return MonthlyUpdateListPage(self.page, self.base_url).wait_until_shown()


class MonthlyUpdateListPage(BasePage):
    """Every month of an adoption's updates: /adoptions/<id>/updates/."""

    name = "an adoption's monthly updates"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Monthly updates")
        return self.shown()

    def status(self, month: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=month).first
        return row.locator("td").nth(0).locator(".govuk-tag").inner_text().strip()


# --- governance boards ---


class BoardDashboardPage(FormPage):
    """A board's monthly dashboard, `/boards/<slug>/?month=YYYY-MM`."""

    name = "a board's dashboard"

    def __init__(self, page: Page, base_url: str, slug: str):
        super().__init__(page, base_url)
        self.slug = slug
        self.path = f"/boards/{slug}/"

    def wait_until_shown(self, month: str | None = None):
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("Board dashboard for")
        if month:
            expect(heading).to_have_text(f"Board dashboard for {month}")
        return self.shown()

    @property
    def month_shown(self) -> str:
        return self.heading.removeprefix("Board dashboard for ").strip()

    def go_to_previous_month(self, month: str):
        self.follow(re.compile(r"^Previous"))
        return self.wait_until_shown(month)

    def go_to_month(self, month_value: str, month: str):
        """Type a month (YYYY-MM) into the picker and show it."""
        self.fill("Go to a month", month_value)
        self.press("Show month")
        return self.wait_until_shown(month)

    def awaiting_decision(self) -> list[str]:
        table = self.page.get_by_role("region", name="Adaptations awaiting a decision")
        if table.count() == 0:
            return []
        return [text.strip() for text in table.locator("tbody th").all_inner_texts()]

    def decide(self, title: str) -> "AdaptationDecidePage":
        self.follow(f"Decide on {title}")
        return AdaptationDecidePage(self.page, self.base_url, self.slug).wait_until_shown(title)

    def add_action(self) -> "ActionFormPage":
        self.follow("Add an action")
        return ActionFormPage(self.page, self.base_url).wait_until_shown()

    def open_actions(self) -> "ActionListPage":
        self.follow("All actions")
        return ActionListPage(self.page, self.base_url).wait_until_shown()

    def download_board_pack(self):
        return self.act.download(self.link("Download the board pack (PDF)"))


class AdaptationDecidePage(FormPage):
    """Approve or reject an adaptation for the board, `/boards/<slug>/adaptations/<id>/decide/`."""

    name = "the form to decide on an adaptation"

    def __init__(self, page: Page, base_url: str, slug: str = ""):
        super().__init__(page, base_url)
        self.slug = slug

    def wait_until_shown(self, title: str):
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_contain_text(f"Decide: {title}")
        return self.shown()

    def choose_latest_meeting(self) -> str:
        group = self.group(re.compile(r"^Meeting"))
        latest = group.get_by_role("radio").first
        self.act.check(latest)
        return group.locator("label").first.inner_text().strip()

    def record(self, month: str | None = None) -> BoardDashboardPage:
        self.press("Record decision")
        return BoardDashboardPage(self.page, self.base_url, self.slug).wait_until_shown(month)


class ActionFormPage(FormPage):
    name = "the form to add a board action"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Add an action")
        return self.shown()

    def save(self) -> "ActionListPage":
        self.press("Save action")
        return ActionListPage(self.page, self.base_url).wait_until_shown()

    def save_expecting_errors(self) -> str:
        self.press("Save action")
        summary = self.errors()
        self.wait_until_shown()
        return summary


class ActionListPage(BasePage):
    name = "a board's actions"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Actions")
        return self.shown()

    def descriptions(self) -> list[str]:
        return [
            text.strip()
            for text in self.page.locator("table.govuk-table tbody tr").all_inner_texts()
        ]

    def back_to_dashboard(self, board: str, slug: str) -> BoardDashboardPage:
        breadcrumbs = self.page.get_by_role("navigation", name="Breadcrumb")
        self.act.click(breadcrumbs.get_by_role("link", name=board, exact=True))
        return BoardDashboardPage(self.page, self.base_url, slug).wait_until_shown()
