"""Page objects: what a person can see and do on each page, in their words.

Tests talk to these, not to selectors, so a markup change is fixed in one place.
"""

import re

from playwright.sync_api import Page, expect


class BasePage:
    path = "/"

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url.rstrip("/")

    def open(self):
        self.page.goto(self.base_url + self.path)
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

    def sign_out(self) -> "DirectoryPage":
        self.sign_out_button.click()
        directory = DirectoryPage(self.page, self.base_url)
        directory.wait_until_shown()
        return directory

    def screenshot(self, path) -> None:
        self.page.screenshot(path=str(path), full_page=True)


class SignInPage(BasePage):
    path = "/accounts/login/"

    def open(self):
        super().open()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(re.compile("^Sign in"))
        return self

    def sign_in(self, email: str, password: str) -> "MyWorkPage":
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        my_work = MyWorkPage(self.page, self.base_url)
        my_work.wait_until_shown()
        return my_work

    def sign_in_expecting_error(self, email: str, password: str) -> str:
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        summary = self.page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        return summary.inner_text()


class MyWorkPage(BasePage):
    path = "/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My work")
        return self

    def adoptions(self) -> list[str]:
        """Each adoption row's name, "<innovation> at <site>"."""
        rows = self.page.locator("table.govuk-table tbody tr th a")
        return [name.strip() for name in rows.all_inner_texts()]

    def update_status(self, adoption: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=adoption)
        return row.locator("td").nth(0).inner_text().strip()

    def open_adoption(self, name: str) -> str:
        """Follow an adoption's link; the overview's heading (the innovation's name)."""
        self.page.get_by_role("link", name=name, exact=True).click()
        self.page.wait_for_url(re.compile(r"/adoptions/\d+/$"))
        return self.heading

    def open_board(self, name: str) -> str:
        """Follow a board's link; the board's name, above the dashboard's heading."""
        self.page.get_by_role("link", name=name, exact=True).click()
        self.page.wait_for_url(re.compile(r"/boards/[\w-]+/$"))
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Board dashboard")
        return self.page.locator("h1").locator("xpath=preceding-sibling::span[1]").inner_text()

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


class DirectoryPage(BasePage):
    path = "/directory/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Innovation directory")
        return self

    def innovations(self) -> list[str]:
        return [n.strip() for n in self.page.locator("ul.govuk-list h2 a").all_inner_texts()]

    @property
    def offers_sign_in(self) -> bool:
        return self.page.get_by_role("link", name="Sign in", exact=True).count() == 1


# --- fidelity assessments and adaptations ---


class AdaptationListPage(BasePage):
    """An adoption's adaptations log, `/adoptions/<id>/adaptations/`."""

    def __init__(self, page: Page, base_url: str, adoption_id: int):
        super().__init__(page, base_url)
        self.path = f"/adoptions/{adoption_id}/adaptations/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Adaptations")
        return self

    def start_logging(self) -> "AdaptationFormPage":
        self.page.get_by_role("button", name="Log an adaptation").click()
        return AdaptationFormPage(self.page, self.base_url).wait_until_shown()

    def filter_by_status(self, status: str):
        self.page.get_by_label("Status").select_option(label=status)
        self.page.get_by_role("button", name="Apply filters").click()
        self.page.wait_for_load_state()
        return self

    def status_of(self, title: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=title)
        return row.locator(".govuk-tag").inner_text().strip()

    def titles(self) -> list[str]:
        links = self.page.locator("table.govuk-table tbody tr th a")
        return [title.strip() for title in links.all_inner_texts()]

    def open_adaptation(self, title: str) -> "AdaptationDetailPage":
        self.page.get_by_role("link", name=title, exact=True).click()
        return AdaptationDetailPage(self.page, self.base_url).wait_until_shown(title)


class AdaptationFormPage(BasePage):
    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Log an adaptation")
        return self

    def choose(self, question: str, answer: str):
        """Tick the radio or checkbox `answer` in the fieldset whose legend is `question`."""
        group = self.page.get_by_role("group", name=question, exact=True)
        group.get_by_label(answer, exact=True).check()
        return self

    def select(self, question: str, answer: str):
        self.page.get_by_label(question, exact=True).select_option(label=answer)
        return self

    def fill(self, label: str, text: str):
        self.page.get_by_label(label, exact=True).fill(text)
        return self

    def fill_date(self, question: str, day: int, month: int, year: int):
        group = self.page.get_by_role("group", name=question, exact=True)
        group.get_by_label("Day").fill(str(day))
        group.get_by_label("Month").fill(str(month))
        group.get_by_label("Year").fill(str(year))
        return self

    def submit(self, title: str) -> "AdaptationDetailPage":
        self.page.get_by_role("button", name="Log adaptation").click()
        return AdaptationDetailPage(self.page, self.base_url).wait_until_shown(title)


class AdaptationDetailPage(BasePage):
    def wait_until_shown(self, title: str):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(title)
        return self

    @property
    def status(self) -> str:
        return self.page.locator("#adaptation-status .govuk-tag").inner_text().strip()

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").inner_text()


# --- monthly progress updates ---


class MonthlyUpdatePage(BasePage):
    """The update form for one month: /adoptions/<id>/updates/<YYYY-MM>/."""

    def wait_until_shown(self, month: str):
        expect(self.page.get_by_role("heading", level=1)).to_have_text(f"Update for {month}")
        return self

    @property
    def status(self) -> str:
        return self.page.locator("main p.govuk-body .govuk-tag").first.inner_text().strip()

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").first.inner_text()

    def choose_rag(self, label: str):
        self.page.get_by_label(label, exact=True).check()
        return self

    def fill(self, label: str, value: str):
        self.page.get_by_label(label, exact=True).fill(value)
        return self

    def value(self, label: str) -> str:
        return self.page.get_by_label(label, exact=True).input_value()

    def save_draft(self, month: str) -> "MonthlyUpdatePage":
        self.page.get_by_role("button", name="Save as draft").click()
        return self.wait_until_shown(month)

    def submit(self) -> "MonthlyUpdateListPage":
        self.page.get_by_role("button", name="Submit update").click()
        return MonthlyUpdateListPage(self.page, self.base_url).wait_until_shown()


class MonthlyUpdateListPage(BasePage):
    """Every month of an adoption's updates: /adoptions/<id>/updates/."""

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Monthly updates")
        return self

    def status(self, month: str) -> str:
        row = self.page.locator("table.govuk-table tbody tr").filter(has_text=month).first
        return row.locator("td").nth(0).locator(".govuk-tag").inner_text().strip()

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").first.inner_text()


class BoardDashboardPage(BasePage):
    """A board's monthly dashboard, `/boards/<slug>/?month=YYYY-MM`."""

    def __init__(self, page: Page, base_url: str, slug: str):
        super().__init__(page, base_url)
        self.path = f"/boards/{slug}/"

    def wait_until_shown(self):
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Board dashboard for")
        return self

    @property
    def month_shown(self) -> str:
        return self.heading.removeprefix("Board dashboard for ").strip()

    def go_to_previous_month(self):
        self.page.get_by_role("link", name=re.compile(r"^Previous")).click()
        return self.wait_until_shown()

    def go_to_month(self, month_value: str):
        """Type a month (YYYY-MM) into the picker and show it."""
        self.page.get_by_label("Go to a month").fill(month_value)
        self.page.get_by_role("button", name="Show month").click()
        return self.wait_until_shown()

    def awaiting_decision(self) -> list[str]:
        table = self.page.get_by_role("region", name="Adaptations awaiting a decision")
        if table.count() == 0:
            return []
        return [text.strip() for text in table.locator("tbody th").all_inner_texts()]

    def decide(self, title: str) -> "AdaptationDecidePage":
        self.page.get_by_role("link", name=f"Decide on {title}").click()
        decide = AdaptationDecidePage(self.page, self.base_url)
        expect(decide.page.get_by_role("heading", level=1)).to_contain_text(f"Decide: {title}")
        return decide

    @property
    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").inner_text()

    def download_board_pack(self):
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="Download the board pack (PDF)").click()
        return download.value


class AdaptationDecidePage(BasePage):
    """Approve or reject an adaptation for the board, `/boards/<slug>/adaptations/<id>/decide/`."""

    def choose(self, label: str):
        self.page.get_by_label(label, exact=True).check()
        return self

    def fill(self, label: str, text: str):
        self.page.get_by_label(label, exact=True).fill(text)
        return self

    def choose_latest_meeting(self) -> str:
        group = self.page.get_by_role("group", name=re.compile(r"^Meeting"))
        latest = group.get_by_role("radio").first
        latest.check()
        return group.locator("label").first.inner_text().strip()

    def record(self, slug: str, base_url: str) -> BoardDashboardPage:
        self.page.get_by_role("button", name="Record decision").click()
        dashboard = BoardDashboardPage(self.page, base_url, slug)
        return dashboard.wait_until_shown()
