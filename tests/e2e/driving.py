"""How a person works a page: with a mouse (JavaScript on or off) or by keyboard alone.

Page objects do everything through `BasePage.act`, a Driver, so one journey runs in
every mode. The keyboard driver never clicks and never fills an element: it moves
focus with Tab and Shift+Tab (the arrow keys within a group of radios or a select,
as browsers expect), types with `page.keyboard`, and presses Enter or Space. After
every key that moves focus it checks the newly focused element shows a visible focus
indicator (an outline, a ring or a changed background compared with how the same
element looks unfocused).
"""

import enum
import weakref
from pathlib import Path

from playwright.sync_api import Download, Locator, Page

from .a11y import FOCUS_SCRIPT, STEP_SCRIPT, Axe11y

# A page should never need more than this many key presses to reach an element.
MAX_KEY_PRESSES = 400
SCREENSHOT_WIDTHS = (320, 1280)


PAGE_STATE_SCRIPT = """() => [
    location.pathname + location.search, document.title,
    !!document.querySelector('.govuk-error-summary'),
    !!document.querySelector('.govuk-notification-banner'),
].join('|')"""


class Mode(enum.StrEnum):
    MOUSE = "mouse"
    NO_JAVASCRIPT = "no-javascript"
    KEYBOARD = "keyboard"

    @property
    def javascript(self) -> bool:
        return self is not Mode.NO_JAVASCRIPT


_drivers: "weakref.WeakKeyDictionary[Page, Driver]" = weakref.WeakKeyDictionary()


def driver_for(page: Page) -> "Driver":
    """The driver a journey registered for this page; a plain mouse otherwise."""
    if page not in _drivers:
        _drivers[page] = Driver(page)
    return _drivers[page]


class Driver:
    """The mouse: Playwright's own click, fill, check and select.

    With `axe` set, every page shown is checked with axe-core, and the journey can
    assert that no page the browser loaded went unchecked.
    """

    mode = Mode.MOUSE

    def __init__(self, page: Page, *, axe: Axe11y | None = None, screenshots: Path | None = None):
        self.page = page
        self.axe = axe
        self.screenshots = screenshots
        self.loads: list[str] = []
        self.checked: set[int] = set()
        self.states_checked: set[str] = set()
        page.on("load", self._loaded)
        _drivers[page] = self

    def _loaded(self, page: Page) -> None:
        self.loads.append(page.url)

    # --- what a person does ---

    def click(self, target: Locator, *, navigates: bool = True) -> None:
        if navigates:
            with self.page.expect_navigation():
                target.click()
        else:
            target.click()

    def fill(self, target: Locator, text: str) -> None:
        target.fill(text)

    def check(self, target: Locator) -> None:
        target.check()

    def select(self, target: Locator, label: str) -> None:
        target.select_option(label=label)

    def download(self, target: Locator) -> Download:
        with self.page.expect_download() as download:
            target.click()
        return download.value

    # --- what the test checks on each page ---

    def page_shown(self, what: str) -> None:
        """Called by every page object once its page is shown: axe checks it, unless this
        journey already checked the page in the same state (same address and title, and
        the same error summary and banner, or none)."""
        if self.axe is None:
            return
        state = self.page.evaluate(PAGE_STATE_SCRIPT)
        if state not in self.states_checked:
            self.axe.assert_no_violations(self.page, what, javascript=self.mode.javascript)
            self.states_checked.add(state)
        self.checked.add(len(self.loads))

    def unchecked_pages(self) -> list[str]:
        """Every page load that no page object checked (always empty without axe)."""
        if self.axe is None:
            return []
        return [url for n, url in enumerate(self.loads, start=1) if n not in self.checked]

    def screenshot(self, name: str) -> None:
        """The page at a phone's and a desktop's width, full length; at neither may the
        page scroll sideways (WCAG 1.4.10: wide tables scroll inside their own box)."""
        if self.screenshots is None:
            return
        viewport = self.page.viewport_size
        for width in SCREENSHOT_WIDTHS:
            self.page.set_viewport_size({"width": width, "height": viewport["height"]})
            self.page.screenshot(path=str(self.screenshots / f"{name}-{width}.png"), full_page=True)
            wide = self.page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{name} is {wide} pixels wide on a {width}-pixel screen"
        self.page.set_viewport_size(viewport)


class NoJavaScriptDriver(Driver):
    """The mouse in a browser context with JavaScript turned off."""

    mode = Mode.NO_JAVASCRIPT


class KeyboardDriver(Driver):
    """Tab, Shift+Tab, the arrow keys, Enter and Space; typing with the keyboard."""

    mode = Mode.KEYBOARD

    def __init__(self, page: Page, **kwargs):
        super().__init__(page, **kwargs)
        self.focus_path: list[str] = []

    def focus(self, target: Locator) -> None:
        """Move focus to `target` by keyboard, checking each element focused on the way."""
        element = target.element_handle()
        self.page.evaluate(FOCUS_SCRIPT)
        path: list[str] = []
        for _ in range(MAX_KEY_PRESSES):
            step = element.evaluate(STEP_SCRIPT)
            if path:
                path[-1] += f" → {step['focused']}"
                assert step["visible"], (
                    f"no visible focus indicator on {step['focused']} (reached with "
                    f"{path[-1]}) at {self.page.url}: {step.get('styles')}"
                )
            if step["reached"]:
                self.focus_path.extend(path)
                return
            self.page.keyboard.press(step["key"])
            path.append(step["key"])
        raise AssertionError(
            f"could not reach {target} by keyboard in {MAX_KEY_PRESSES} presses at "
            f"{self.page.url}; last steps: {path[-8:]}"
        )

    def click(self, target: Locator, *, navigates: bool = True) -> None:
        self.focus(target)
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            self.page.keyboard.press("Enter")

    def fill(self, target: Locator, text: str) -> None:
        self.focus(target)
        self.page.keyboard.press("Control+A")
        if text:
            self.page.keyboard.type(text)
        else:
            self.page.keyboard.press("Delete")
        assert target.input_value() == text

    def check(self, target: Locator) -> None:
        self.focus(target)
        if not target.is_checked():
            self.page.keyboard.press("Space")
        assert target.is_checked()

    def select(self, target: Locator, label: str) -> None:
        self.focus(target)
        labels = target.evaluate("s => [...s.options].map(o => o.label.trim())")
        wanted = labels.index(label)
        current = target.evaluate("s => s.selectedIndex")
        key = "ArrowDown" if wanted > current else "ArrowUp"
        for _ in range(abs(wanted - current)):
            self.page.keyboard.press(key)
        assert target.evaluate("s => s.selectedIndex") == wanted

    def download(self, target: Locator) -> Download:
        self.focus(target)
        with self.page.expect_download() as download:
            self.page.keyboard.press("Enter")
        return download.value


DRIVERS = {
    Mode.MOUSE: Driver,
    Mode.NO_JAVASCRIPT: NoJavaScriptDriver,
    Mode.KEYBOARD: KeyboardDriver,
}
