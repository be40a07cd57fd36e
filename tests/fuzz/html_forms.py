"""The POST forms of a page, read from its HTML with the standard library's parser.

The fuzzer draws submissions from what a browser would offer: each field's name and
kind, the options of a select or a group of radios, the values of checkboxes, the
current value of a hidden field (a version number, a formset's counts) and the
submit buttons, with the address each button posts to.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Inputs whose value a person does not type or choose from a list.
NOT_FIELDS = {"submit", "button", "reset", "image"}


@dataclass
class FormField:
    name: str
    # The input type ("text", "email", "date", "hidden", "checkbox", "radio", ...),
    # or "select", "select-multiple" or "textarea".
    kind: str
    # What a browser would send untouched: the value of a text box or hidden field,
    # the checked boxes and radio, the selected options.
    initial: list[str] = field(default_factory=list)
    # The values a person can pick: options, radio and checkbox values.
    choices: list[str] = field(default_factory=list)


@dataclass
class SubmitButton:
    name: str
    value: str
    # Where the button posts to, when it says so (formaction), as a path.
    action: str | None = None


@dataclass
class HtmlForm:
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)
    buttons: list[SubmitButton] = field(default_factory=list)

    def posts_to(self, path: str) -> bool:
        return self.action == path or any(button.action == path for button in self.buttons)


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: FormField | None = None
        self._option: dict | None = None
        self._textarea: FormField | None = None

    def _path(self, address: str | None) -> str:
        """An action as a path with its query; "" or none is the page itself."""
        parts = urlsplit(urljoin(self.page_url, address or ""))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _field(self, name: str, kind: str) -> FormField:
        return self._form.fields.setdefault(name, FormField(name=name, kind=kind))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            if (attributes.get("method") or "get").lower() == "post":
                self._form = HtmlForm(action=self._path(attributes.get("action")))
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attributes.get("name")
        if tag == "button" and (attributes.get("type") or "submit") == "submit":
            action = attributes.get("formaction")
            self._form.buttons.append(
                SubmitButton(
                    name=name or "",
                    value=attributes.get("value") or "",
                    action=self._path(action) if action is not None else None,
                )
            )
        elif tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            value = attributes.get("value")
            if kind in NOT_FIELDS:
                if kind == "submit":
                    self._form.buttons.append(SubmitButton(name=name, value=value or ""))
                return
            found = self._field(name, kind)
            if kind in ("checkbox", "radio"):
                found.choices.append(value if value is not None else "on")
                if "checked" in attributes:
                    found.initial.append(found.choices[-1])
            else:
                found.initial = [value or ""]
        elif tag == "select" and name:
            self._select = self._field(
                name, "select-multiple" if "multiple" in attributes else "select"
            )
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attributes.get("value"),
                "text": "",
                "selected": "selected" in attributes,
            }
        elif tag == "textarea" and name:
            self._textarea = self._field(name, "textarea")
            self._textarea.initial = [""]

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea.initial[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select":
            if self._option is not None:
                self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The browser drops one newline straight after <textarea>.
            self._textarea.initial[0] = self._textarea.initial[0].removeprefix("\n")
            self._textarea = None

    def _close_option(self):
        option, self._option = self._option, None
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self._select.choices.append(value)
        if option["selected"]:
            self._select.initial.append(value)


def post_forms(html: str, page_url: str) -> list[HtmlForm]:
    """Every `<form method="post">` on the page, in order."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for found in form.fields.values():
            if found.kind == "select" and not found.initial and found.choices:
                found.initial = [found.choices[0]]  # what a browser sends for a plain select
    return parser.forms
