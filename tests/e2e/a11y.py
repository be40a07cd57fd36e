"""Accessibility checks the browser tests share: axe-core on a page, and a visible focus.

axe-core comes inside the pinned axe-playwright-python package (its axe.min.js), so
nothing is downloaded. It runs every rule axe runs by default: WCAG 2.0, 2.1 and 2.2
A and AA, and axe's best practices (colour contrast only with JavaScript on, below).

axe needs JavaScript, and a context with JavaScript disabled will not run it (its
timers never fire). So for those pages the DOM the browser built without JavaScript
is replayed, scripts removed, into a page that may run axe: the same markup and CSS,
still without JavaScript's enhancements.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

AXE = Axe()

# Findings accepted on purpose, each with why. Nothing else may be reported.
#
# GOV.UK Frontend's conditional reveal puts aria-expanded on the radio that reveals
# content. ARIA 1.2 does not list aria-expanded for the radio role, so axe reports it,
# but the Design System keeps it deliberately: screen readers announce the state and
# research found no harm (alphagov/govuk-frontend#979, listed as a known issue in
# #1280; w3c/aria#1404 proposes allowing it). Only that attribute on that control is
# accepted; any other disallowed attribute still fails.
_ACCEPTED_ARIA_EXPANDED = re.compile(r'^aria-expanded="(true|false)"$')


def _accepted(rule: str, node: dict) -> bool:
    if rule != "aria-allowed-attr" or "govuk-radios__input" not in node["html"]:
        return False
    attributes = [a for check in node.get("any", []) + node.get("all", []) for a in check["data"]]
    return bool(attributes) and all(_ACCEPTED_ARIA_EXPANDED.match(a) for a in attributes)


def _without_accepted(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if not _accepted(violation["id"], n)]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"      {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


class Axe11y:
    """Runs axe on pages, replaying JavaScript-less pages into one JavaScript page."""

    def __init__(self, browser: Browser):
        self.browser = browser
        self._replay_page: Page | None = None

    def violations(self, page: Page, *, javascript: bool = True) -> list[dict]:
        if javascript:
            return _without_accepted(AXE.run(page).response["violations"])
        # Colour contrast, by far axe's slowest rule, is left to the same page's check
        # with JavaScript on: the stylesheet and the colours are the same without it.
        options = {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}
        replayed = AXE.run(self._replay(page), options=options)
        return _without_accepted(replayed.response["violations"])

    def assert_no_violations(self, page: Page, what: str, *, javascript: bool = True) -> None:
        found = self.violations(page, javascript=javascript)
        assert not found, f"axe found problems on {what} ({page.url}):\n{describe(found)}"

    def _replay(self, page: Page) -> Page:
        if self._replay_page is None:
            context = self.browser.new_context(viewport=page.viewport_size, locale="en-GB")
            self._replay_page = context.new_page()
        replay = self._replay_page
        html = _SCRIPT.sub("", page.content())
        url = page.url.split("#", 1)[0]

        def serve(route):
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        replay.route(lambda address: address.split("#", 1)[0] == url, serve)
        try:
            replay.goto(url)
        finally:
            replay.unroute_all()
        return replay

    def close(self) -> None:
        if self._replay_page is not None:
            self._replay_page.context.close()
            self._replay_page = None


# --- Visible focus ---------------------------------------------------------------

# Installed once per document: a record of how every focusable element looks when it
# is not focused, so a focused element can be compared with itself.
FOCUS_SCRIPT = """
() => {
  if (window.__a11yUnfocused) return false;
  const styleOf = (element) => {
    const parts = [];
    const add = (node, pseudo) => {
      const s = getComputedStyle(node, pseudo);
      parts.push(s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
                 s.backgroundColor, s.color, s.textDecorationLine,
                 s.textDecorationThickness, s.borderTopColor, s.borderTopWidth);
    };
    add(element, null);
    // GOV.UK radios and checkboxes draw the control, and its focus ring, on the label.
    if ((element.type === 'radio' || element.type === 'checkbox') && element.labels.length) {
      add(element.labels[0], '::before');
      add(element.labels[0], '::after');
    }
    return parts;
  };
  const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]';
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
  const unfocused = new Map();
  document.querySelectorAll(focusable).forEach((e) => unfocused.set(e, styleOf(e)));
  window.__a11yUnfocused = unfocused;
  window.__a11yStyleOf = styleOf;
  return true;
}
"""

# Given the element to reach, says what the keyboard should do next and whether the
# element focused now shows where focus is.
STEP_SCRIPT = """
(target) => {
  const active = document.activeElement;
  const describe = (e) => {
    if (e === document.body) return 'the page';
    const tag = `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''}` +
                `${e.name ? ' name=' + e.name : ''}>`;
    const text = e.labels && e.labels.length ? e.labels[0].innerText
                                             : (e.innerText || e.value || '');
    return `${tag} ${text.trim().slice(0, 60)}`;
  };
  const result = {reached: active === target, focused: describe(active), visible: true};
  if (active && active !== document.body && active.tabIndex >= 0) {
    const before = window.__a11yUnfocused.get(active);
    const now = window.__a11yStyleOf(active);
    const changed = before ? now.some((v, i) => v !== before[i]) : true;
    // Focus adds a ring (an outline or a shadow) or changes the background, on the
    // control or on its label; a ring the element always has does not count.
    let marked = false;
    for (let i = 0; i < now.length; i += 10) {
      const [oStyle, oWidth, oColor, shadow, background] = now.slice(i, i + 5);
      const was = before ? before.slice(i, i + 5) : [];
      const transparent = /rgba\\(.*, 0\\)$/.test(oColor);
      const outline = oStyle !== 'none' && parseFloat(oWidth) >= 2 && !transparent &&
                      [oStyle, oWidth, oColor].join() !== was.slice(0, 3).join();
      const ring = shadow !== 'none' && shadow !== was[3];
      const filled = before !== undefined && background !== was[4];
      if (outline || ring || filled) marked = true;
    }
    result.visible = changed && marked;
    if (!result.visible) result.styles = {unfocused: before, focused: now};
  }
  if (result.reached) return result;
  const main = document.getElementById('main-content');
  if (active && active.classList.contains('govuk-skip-link') && main.contains(target)) {
    result.key = 'Enter';
  } else if (active && active.type === 'radio' && target.type === 'radio' &&
             active.name === target.name && active.form === target.form) {
    const after = active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING;
    result.key = after ? 'ArrowDown' : 'ArrowUp';
  } else if (!active || active === document.body) {
    result.key = 'Tab';
  } else {
    const before = active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING;
    result.key = before ? 'Shift+Tab' : 'Tab';
  }
  return result;
}
"""
