"""An anonymous visitor searches the directory, narrows it with a filter, and opens an entry.

No JavaScript is needed for any of it (the form is a GET form), but the test drives
a real browser so the markup, the labels and the links are what a person uses.
"""

import re

import pytest
from playwright.sync_api import expect

from innovations.models import FidelityCriterion, Innovation
from tests.factories import (
    AdoptionFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    SiteFactory,
    ThemeFactory,
)

from .pages import BasePage, DirectoryPage

pytestmark = pytest.mark.e2e


class DirectorySearchPage(DirectoryPage):
    """The directory as a visitor uses it: search box, filters, results."""

    def search(self, words: str) -> "DirectorySearchPage":
        self.page.get_by_label("Search the directory").fill(words)
        self.page.get_by_role("button", name="Search", exact=True).click()
        self.wait_until_shown()
        return self

    def filter_by(self, group: str, option: str) -> "DirectorySearchPage":
        """Tick `option` under the filter `group` (opening it if folded), then apply."""
        folded = self.page.locator("details", has=self.page.locator("summary", has_text=group))
        if folded.count() and folded.get_attribute("open") is None:
            folded.locator("summary").click()
        self.page.get_by_role("group", name=group).get_by_label(option).check()
        self.page.get_by_role("button", name="Apply filters").click()
        self.wait_until_shown()
        return self

    @property
    def result_count(self) -> str:
        return self.page.locator("#result-count").inner_text().strip()

    def highlighted(self) -> list[str]:
        return [m.strip() for m in self.page.locator(".app-results mark").all_inner_texts()]

    def open(self):
        super().open()
        return self.wait_until_shown()

    def open_innovation(self, name: str) -> "InnovationPage":
        self.page.get_by_role("link", name=name, exact=True).click()
        innovation = InnovationPage(self.page, self.base_url)
        expect(self.page.get_by_role("heading", level=1)).to_have_text(name)
        return innovation


class InnovationPage(BasePage):
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


@pytest.fixture
def directory_site(transactional_db, live_server):
    fostering = ThemeFactory(name="Fostering", slug="fostering")
    edge_of_care = ThemeFactory(name="Edge of care", slug="edge-of-care")
    network = SiteFactory(name="The Fostering Network", region="wales")
    mockingbird = InnovationFactory(
        name="Mockingbird",
        summary="A hub home carer supports a constellation of foster carers living nearby.",
        originating_site=network,
        evidence_level=Innovation.EvidenceLevel.LEVEL_2,
    )
    mockingbird.themes.set([fostering])
    FidelityCriterionFactory(
        innovation=mockingbird,
        name="Hub home carer",
        kind=FidelityCriterion.Kind.MUST_HAVE,
        how_evidenced="Hub carer agreement.",
    )
    AdoptionFactory(innovation=mockingbird, adopting_site__name="Bradford Council")
    no_wrong_door = InnovationFactory(
        name="No Wrong Door",
        summary="Hubs with outreach for adolescents, some living with foster carers.",
        evidence_level=Innovation.EvidenceLevel.LEVEL_3,
    )
    no_wrong_door.themes.set([edge_of_care])
    InnovationFactory(name="Draft Foster Model", status=Innovation.Status.DRAFT)
    InnovationFactory(name="Family Group Conferencing", summary="Families plan together.")
    return live_server.url


def test_a_visitor_searches_filters_and_opens_an_innovation(directory_site, page, screenshots):
    directory = DirectorySearchPage(page, directory_site).open()
    assert directory.result_count == "3 innovations"

    directory.search("foster carers")
    assert directory.innovations() == ["Mockingbird", "No Wrong Door"]
    assert directory.result_count.startswith("2 innovations matching ‘foster carers’")
    assert "carers" in [word.lower() for word in directory.highlighted()]
    # The search is in the address, so the result can be shared or bookmarked.
    assert re.search(r"[?&]q=foster(\+|%20)carers", page.url)

    directory.filter_by("Theme", "Fostering")
    assert directory.innovations() == ["Mockingbird"]
    assert "theme=fostering" in page.url
    assert "q=foster" in page.url  # the search was kept
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    directory.screenshot(screenshots / "directory-search-and-filter.png")

    innovation = directory.open_innovation("Mockingbird")
    assert "Hub home carer" in innovation.section_text("Must-haves (the tramlines)")
    assert "Hub carer agreement." in innovation.section_text("Must-haves (the tramlines)")
    adopted = innovation.section_text("Where it has been adopted")
    assert "Bradford Council" in adopted
    assert "Not assessed" in adopted
    # Not signed in: the adoption is named but not a link.
    assert page.get_by_role("link", name="Bradford Council").count() == 0
    innovation.screenshot(screenshots / "directory-innovation-page.png")

    page.go_back()
    directory.wait_until_shown()
    page.get_by_role("link", name="Clear filters").click()
    directory.wait_until_shown()
    assert directory.innovations() == ["Family Group Conferencing", "Mockingbird", "No Wrong Door"]
