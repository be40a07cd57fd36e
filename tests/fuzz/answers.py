"""Whether an answer that turned a request down tells the person why."""

import json
from html.parser import HTMLParser

# The GOV.UK error summary every form shows above itself when it is turned down.
ERROR_SUMMARY = "There is a problem"


class _VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def json_message(body: bytes) -> str:
    """The text of a JSON error body ({"detail": ...} or {"field": ["..."]}), or ""."""
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    found: list[str] = []

    def collect(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                collect(inner)
        elif isinstance(value, list):
            for inner in value:
                collect(inner)

    collect(data)
    return " ".join(text for text in found if text.strip())


def has_a_message(response) -> bool:
    """A page shown again (2xx) carries the error summary; a 4xx says something."""
    if response.get("Content-Type", "").startswith("application/json"):
        return bool(json_message(response.content))
    text = visible_text(response.content.decode(response.charset or "utf-8"))
    if response.status_code < 300:
        return ERROR_SUMMARY in text
    return bool(text)
