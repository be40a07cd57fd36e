"""Hypothesis strategies for what a person, a script or a broken browser might send.

`submissions(form, buttons)` draws a whole POST from a parsed HTML form: each field
kept as the page offered it, given a valid value, given junk, left out, or sent
more than once, plus fields the form never had. `junk` is the shared pool of bad
values: unicode and control characters, NUL and markup, very long and whitespace-only
text, numbers at the edges of what parsers accept, and dates that cannot exist. A file
input gets a well-formed import or any bytes under any name.
"""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from innovations.importing import SITE_HEADERS

from .html_forms import FormField, HtmlForm, SubmitButton

# Strings that have broken web forms before: NUL (which PostgreSQL cannot store),
# markup, SQL, template syntax, encoded and path-like text.
NASTY = [
    "\x00",
    "Found\x00it",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "{{ 7|add:7 }}{% now 'Y' %}",
    "%00%0d%0a",
    "../../etc/passwd",
    "\r\nSet-Cookie: x=1",
    "\u202eevil\u202c",
]

WHITESPACE_ONLY = [" ", "   ", "\t", "\n\r\n", "\u00a0", "\u2003\u200b", "\ufeff"]

NUMBERS = [
    "0",
    "-1",
    "-0",
    "1.5",
    "0.1234567890123456789012345",
    "1e999",
    "-1e999",
    "1e-999",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "9" * 40,
    str(2**63),
    str(-(2**63) - 1),
    str(2**31),
    "0x1F",
    "1_000",
    " 7 ",
    "+3",
    "\u00b2",  # superscript two: str.isdigit() says yes, int() says no
    "\u0663",  # Arabic-Indic three: a digit to int(), not to a regex's [0-9]
    "\u00bd",
]

DATES = [
    "2026-02-30",
    "2025-02-29",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2025-13-01",
    "2025-00-10",
    "2025-1-1",
    "31/12/2025",
    "2025-01",
    "yesterday",
    "2025-01-01T25:61:00",
]

# Day, month and year boxes of a GOV.UK date input that no calendar has.
IMPOSSIBLE_DATE_PARTS = [
    ("30", "2", "2026"),
    ("29", "2", "2025"),
    ("31", "4", "2025"),
    ("1", "1", "0000"),
    ("1", "1", "0001"),
    ("31", "12", "9999"),
    ("1", "1", "99999"),
    ("0", "0", "2025"),
    ("-1", "13", "2025"),
    ("1.5", "1e3", "2025"),
    ("NaN", "inf", "-2025"),
    ("\u0661", "\u0661", "\u0662\u0660\u0662\u0665"),  # Arabic-Indic 1, 1, 2025
    ("\u00b2", "1", "2025"),
    ("99999999999999999999", "1", "2025"),
    ("", "6", "2025"),
    ("1", "", ""),
]

# Names the views read from a query string; the fuzzer sends junk in them too.
QUERY_NAMES = ["next", "adoption", "board", "kind", "month", "meeting", "domain", "area", "page"]

SAFE_TEXT = ["Fuzzed words", "3", "2025", "An ordinary sentence.\r\nAnd another line."]
VALID_BY_KIND = {
    "email": ["fuzzed.person@example.test"],
    "url": ["https://example.test/report"],
    "password": ["correct-horse-battery-staple-42"],
    "number": ["3"],
    "date": ["2025-03-01"],
}

# A directory import of one organisation, as its CSV template has it.
SITES_IMPORT = "\r\n".join(
    ",".join(row)
    for row in [SITE_HEADERS, ["Fuzz Borough Council", "", "Local authority", "London", "", "", ""]]
).encode()


_DATE_PART = re.compile(r"^(?P<stem>.+)_(?P<part>[012])$")


def junk() -> st.SearchStrategy[str]:
    """One bad value for any field."""
    return st.one_of(
        st.text(max_size=40),
        st.text(st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), min_size=1, max_size=8),
        st.sampled_from(NASTY),
        st.sampled_from(WHITESPACE_ONLY),
        st.sampled_from(NUMBERS),
        st.sampled_from(DATES),
        st.builds(
            lambda char, length: char * length,
            st.sampled_from(["x", "\u00e9", "\U0001f600", "9", " "]),
            st.sampled_from([101, 256, 1001, 20_001]),
        ),
    )


def _valid_values(field: FormField) -> list[str]:
    if field.choices:
        return field.choices
    offered = [value for value in field.initial if value]
    return offered or VALID_BY_KIND.get(field.kind, SAFE_TEXT)


def _well_formed(field: FormField) -> st.SearchStrategy[list]:
    """What a person filling the form in properly might send for one field."""
    if field.kind == "file":
        return _uploads()
    valid = _valid_values(field)
    if field.kind in ("checkbox", "select-multiple"):
        chosen = st.lists(st.sampled_from(valid), max_size=len(valid), unique=True)
    else:
        chosen = st.sampled_from(valid).map(lambda value: [value])
    if any(field.initial) or field.choices:
        return st.one_of(st.just(list(field.initial)), chosen)  # as offered, or changed
    return chosen


def _uploads() -> st.SearchStrategy[list[SimpleUploadedFile]]:
    """A file for a file input: a well-formed import, or anything with any name."""
    # Any name SimpleUploadedFile takes (no path, not "." or "..").
    name = st.one_of(
        st.sampled_from(["sites.csv", "sites.xlsx", "sites.CSV", "sites"]),
        st.text(st.characters(exclude_characters="/\\\x00"), min_size=1, max_size=30).filter(
            lambda text: text.strip(".")
        ),
    )
    content = st.one_of(
        st.just(SITES_IMPORT),
        st.binary(max_size=200),
        st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),  # an .xlsx is a zip
        st.sampled_from([b"", b"\xef\xbb\xbf", SITES_IMPORT.replace(b",", b"\x00")]),
    )
    return st.builds(lambda n, c: [SimpleUploadedFile(n, c)], name, content)


def _one_field(field: FormField) -> st.SearchStrategy[list | None]:
    """The values sent for one field, well formed or not; None leaves it out."""
    if field.kind == "file":
        return st.one_of(_uploads(), st.none(), junk().map(lambda value: [value]))
    return st.one_of(
        _well_formed(field),
        junk().map(lambda value: [value]),
        st.none(),
        st.lists(st.one_of(st.sampled_from(_valid_values(field)), junk()), min_size=2, max_size=3),
    )


def _date_inputs(form: HtmlForm) -> dict[str, list[str]]:
    """GOV.UK date inputs: stem → the names of its day, month and year boxes."""
    groups: dict[str, list[str]] = {}
    for name in form.fields:
        match = _DATE_PART.match(name)
        if match:
            groups.setdefault(match["stem"], []).append(name)
    return {stem: sorted(names) for stem, names in groups.items() if len(names) == 3}


def _real_date_parts() -> st.SearchStrategy[tuple[str, str, str]]:
    return st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)).map(
        lambda day: (str(day.day), str(day.month), str(day.year))
    )


def _date_parts() -> st.SearchStrategy[tuple[str, str, str]]:
    return st.one_of(
        _real_date_parts(),
        st.sampled_from(IMPOSSIBLE_DATE_PARTS),
        st.tuples(junk(), junk(), junk()),
    )


@st.composite
def submissions(draw, form: HtmlForm, buttons: list[SubmitButton]):
    """A POST body for `form` (a dict of name → list of values), pressing one of
    `buttons` (or none: Enter in a text box, or a script).

    Half the time every field but at most one is well formed, so submissions are
    accepted too and the one fault is tried against a form otherwise right; the
    rest of the time any field may be wrong. The pressed button counts as a field.
    """
    dates = _date_inputs(form)
    in_a_date = {name for names in dates.values() for name in names}
    fields = [
        field
        for name, field in form.fields.items()
        if name != "csrfmiddlewaretoken" and name not in in_a_date
    ]
    button = draw(st.sampled_from(buttons), label="button") if buttons else None
    if button is not None and button.name and button.name not in form.fields:
        fields.append(FormField(button.name, "button", [button.value], [button.value]))
    names = [field.name for field in fields] + list(dates)
    if not names or draw(st.booleans(), label="any field may be wrong"):
        faulty = set(names)
    else:
        faulty = draw(st.sets(st.sampled_from(names), max_size=1), label="fault")

    data: dict[str, list[str]] = {}
    for field in fields:
        drawn = _one_field(field) if field.name in faulty else _well_formed(field)
        values = draw(drawn, label=field.name)
        if values is not None:
            data[field.name] = values
    for stem, parts_names in dates.items():
        offered = [form.fields[name].initial[0] for name in parts_names]
        ways = ["drawn", "missing"] if stem in faulty else ["real"]
        way = draw(st.sampled_from(["as offered", *ways] if any(offered) else ways), label=stem)
        if way == "missing":
            continue
        parts = {
            "as offered": st.just(offered),
            "real": _real_date_parts(),
            "drawn": _date_parts(),
        }[way]
        chosen = draw(parts, label=stem)
        data.update({name: [part] for name, part in zip(parts_names, chosen, strict=True)})

    unknown = st.one_of(st.sampled_from(["id", "pk", "user", "actor"]), st.text(max_size=12))
    extra = draw(
        st.dictionaries(unknown, junk().map(lambda value: [value]), max_size=2),
        label="unknown fields",
    )
    for name, values in extra.items():
        data.setdefault(name, values)
    if "csrfmiddlewaretoken" in form.fields:
        data["csrfmiddlewaretoken"] = form.fields["csrfmiddlewaretoken"].initial
    return data


def as_offered(form: HtmlForm, buttons: list[SubmitButton]) -> dict[str, list[str]]:
    """What a browser sends when the form is submitted untouched with its first button."""
    data = {name: list(field.initial) for name, field in form.fields.items() if field.initial}
    if buttons and buttons[0].name:
        data.setdefault(buttons[0].name, [buttons[0].value])
    return data


def with_nul(data: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every value with a NUL character on the end (PostgreSQL cannot store one)."""
    return {
        name: values if name == "csrfmiddlewaretoken" else [f"{value}\x00" for value in values]
        for name, values in data.items()
    }


def query_junk() -> st.SearchStrategy[dict[str, list[str]]]:
    """Query-string parameters the views read, with junk (or nothing) in them."""
    return st.dictionaries(
        st.sampled_from(QUERY_NAMES), junk().map(lambda value: [value]), max_size=2
    )
