"""Importing organisations and innovations from a CSV or XLSX file.

Three steps, so nothing changes by surprise:

1. `read_upload` checks the file (size, type, content) and turns it into rows of text.
   The rows are kept in the person's session under a random token, never sent back
   to the browser to be trusted on the way in.
2. `plan_sites` / `plan_innovations` say, row by row, what would happen: create,
   update, no change, or the row's errors in plain English. They read the database
   and change nothing.
3. `directory_import_apply` plans again against the database as it is now (someone
   may have changed it since the preview) and applies every row without errors in
   one transaction, through the services, naming the actor. Rows with errors are
   skipped and counted.
"""

import csv
import datetime
import hashlib
import io
import json
import re
import secrets
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import load_workbook

from accounts.rules import is_directory_admin
from adoptadapt.audit import save_as
from sites.models import Site, gss_code_validator
from sites.services import (
    DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES,
    RESERVED_SITE_SLUGS,
    site_create,
    site_update,
)

from .exporting import INNOVATION_HEADERS, SITE_HEADERS
from .models import FidelityCriterion, Innovation, Theme
from .search import search_documents_refresh
from .services import ALLOWED_MOVES

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
MAX_COLUMNS = 60
# A 2 MB XLSX is a zip that could unpack to gigabytes; refuse one that would.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
# Slugs that /directory/ uses for pages of its own.
RESERVED_INNOVATION_SLUGS = frozenset({"new", "import", "export"})
LIST_SPLIT = re.compile(r"\s*[;\n]\s*")

SITES, INNOVATIONS = "sites", "innovations"
KIND_CHOICES = [(SITES, "Organisations (sites)"), (INNOVATIONS, "Innovations")]

# The header (as `column_key` normalises it) → the field it fills.
SITE_COLUMNS = {
    "name": "name",
    "slug": "slug",
    "kind": "kind",
    "region": "region",
    "gss_code": "gss_code",
    "ons_gss_code": "gss_code",
    "dfe_la_number": "dfe_la_number",
    "dfe_number": "dfe_la_number",
    "website": "website",
}
INNOVATION_COLUMNS = {
    "name": "name",
    "slug": "slug",
    "status": "status",
    "summary": "summary",
    "problem_addressed": "problem_addressed",
    "problem_it_addresses": "problem_addressed",
    "originating_site": "originating_site",
    "evidence_level": "evidence_level",
    "evidence_summary": "evidence_summary",
    "cost_rating": "cost_rating",
    "themes": "themes",
    "accreditation": "accreditation",
    "accreditation_or_licensing": "accreditation",
    "support_organisations": "support_organisations",
    "must_haves": "must_haves",
    "adaptable": "adaptable",
    "adaptable_parts": "adaptable",
    "original_constraints": "original_constraints",
    "original_assets": "original_assets",
    "culture": "culture",
    "values": "values",
    "leadership": "leadership",
}
COLUMNS = {SITES: SITE_COLUMNS, INNOVATIONS: INNOVATION_COLUMNS}
TEMPLATE_HEADERS = {
    SITES: SITE_HEADERS,
    # The export's headers, less the ones it only reports (region, counts, metrics).
    INNOVATIONS: [
        h
        for h in INNOVATION_HEADERS
        if h not in ("Originating region", "Adopting sites", "Metrics")
    ],
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, for the person."""


class StalePreviewError(Exception):
    """The directory changed after the preview, so the import would not do what it showed."""


def column_key(header) -> str:
    """Headers to keys: "ONS GSS code" → "ons_gss_code", "Must-haves" → "must_haves"."""
    return re.sub(r"[^a-z0-9]+", "_", str(header or "").strip().lower()).strip("_")


# --- 1. Reading the file -------------------------------------------------------------


@dataclass
class ParsedFile:
    rows: list[dict]  # {"_row": spreadsheet row number, field: text}
    ignored_columns: list[str]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value).strip()
    # Undo the export's formula guard: '=Hackney reads as =Hackney.
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text


def _csv_table(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise ImportFileError("The file is not a CSV file: it contains binary data.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows is Windows-1252.
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise ImportFileError(f"The CSV file could not be read: {error}.") from error


def _xlsx_table(data: bytes, kind: str) -> list[list[str]]:
    not_a_workbook = ImportFileError(
        "The file is not an Excel workbook. Save it as .xlsx (Excel Workbook) or as CSV."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise not_a_workbook from None
    if "xl/workbook.xml" not in names:
        raise not_a_workbook
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportFileError("The workbook is too large once opened. Split it into smaller files.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise not_a_workbook from error
    try:
        # An exported workbook has a sheet per kind; otherwise use the first sheet.
        by_title = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        sheet = by_title.get(kind) or workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            table.append(list(row))
            if len(table) > MAX_ROWS + 1:
                break
        return table
    finally:
        workbook.close()


def read_upload(upload, kind: str) -> ParsedFile:
    """Check an uploaded file and read its rows; ImportFileError says what is wrong."""
    name = (upload.name or "").lower()
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError("The file must be smaller than 2 MB. Split it into smaller files.")
    if upload.size == 0:
        raise ImportFileError("The file is empty.")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if name.endswith(".csv"):
        table = _csv_table(data)
    elif name.endswith(".xlsx"):
        table = _xlsx_table(data, kind)
    else:
        raise ImportFileError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx).")
    return parse_table(table, kind)


def parse_table(table: list[list], kind: str) -> ParsedFile:
    columns = COLUMNS[kind]
    while table and not any(_cell_text(cell) for cell in table[0]):
        table = table[1:]  # blank lines above the header
    if not table:
        raise ImportFileError("The file is empty.")
    headers = [_cell_text(h) for h in table[0]]
    positions: dict[str, int] = {}
    ignored = []
    for index, header in enumerate(headers):
        target = columns.get(column_key(header))
        if target is None:
            if header:
                ignored.append(header)
        elif target in positions:
            raise ImportFileError(f"The column “{header}” appears more than once.")
        else:
            positions[target] = index
    if "name" not in positions:
        raise ImportFileError(
            "The file has no Name column. The first row must be the column headings: "
            "download a template to see them."
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        row = {"_row": number}
        for target, index in positions.items():
            row[target] = texts[index] if index < len(texts) else ""
        rows.append(row)
    if not rows:
        raise ImportFileError("The file has no rows to import under the header row.")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files."
        )
    return ParsedFile(rows=rows, ignored_columns=ignored)


# --- Keeping the upload between preview and confirm ---------------------------------

SESSION_KEY = "directory_imports"
KEEP_UPLOADS = 3
UPLOAD_LIFETIME = datetime.timedelta(hours=2)


def upload_store(session, *, kind: str, filename: str, parsed: ParsedFile) -> str:
    """Keep the parsed rows in the session under a new random token (the last few only)."""
    uploads = session.get(SESSION_KEY, {})
    token = secrets.token_urlsafe(16)
    uploads[token] = {
        "kind": kind,
        "filename": filename[:200],
        "rows": parsed.rows,
        "ignored_columns": parsed.ignored_columns,
        "stored_at": timezone.now().isoformat(),
    }
    newest = sorted(uploads.items(), key=lambda item: item[1]["stored_at"])[-KEEP_UPLOADS:]
    session[SESSION_KEY] = dict(newest)
    return token


def upload_load(session, token: str) -> dict | None:
    upload = session.get(SESSION_KEY, {}).get(token)
    if upload is None:
        return None
    stored_at = datetime.datetime.fromisoformat(upload["stored_at"])
    if timezone.now() - stored_at > UPLOAD_LIFETIME:
        upload_discard(session, token)
        return None
    return upload


def upload_mark_previewed(session, token: str, fingerprint: str) -> None:
    """Remember which plan the person was shown, so confirming applies that or nothing."""
    uploads = session.get(SESSION_KEY, {})
    if token in uploads:
        uploads[token]["previewed"] = fingerprint
        session[SESSION_KEY] = uploads
        session.modified = True


def upload_discard(session, token: str) -> None:
    uploads = session.get(SESSION_KEY, {})
    if uploads.pop(token, None) is not None:
        session[SESSION_KEY] = uploads


# --- 2. Planning -----------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass
class RowPlan:
    number: int
    name: str
    action: str = ERROR
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    target: object = None  # the existing Site or Innovation a row updates
    values: dict = field(default_factory=dict)  # field → value to write
    extra: dict = field(default_factory=dict)  # related rows to set or add

    @property
    def applies(self) -> bool:
        return self.action in (CREATE, UPDATE)


@dataclass
class ImportPlan:
    kind: str
    rows: list[RowPlan]

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    @property
    def to_apply(self) -> list[RowPlan]:
        return [row for row in self.rows if row.applies]

    @property
    def fingerprint(self) -> str:
        """Changes whenever what the import would do changes: to check a preview still holds."""
        shown = [(row.number, row.action, row.errors, row.changes) for row in self.rows]
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()


def _choice(value: str, choices, *, what: str) -> str:
    """Match a choice by its stored value or its label (or the label before "(")."""
    wanted = value.strip().casefold()
    for stored, label in choices:
        if wanted in (stored.casefold(), label.casefold(), label.split(" (")[0].casefold()):
            return stored
    allowed = ", ".join(label.split(" (")[0] for _stored, label in choices)
    raise ValidationError(f"Unknown {what} “{value}”. Use one of: {allowed}.")


def _split(value: str) -> list[str]:
    seen, names = set(), []
    for name in LIST_SPLIT.split(value.strip()):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _validation_messages(error: ValidationError, labels: dict) -> list[str]:
    messages = []
    for name, errors in error.message_dict.items():
        label = labels.get(name)
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


def _display(value) -> str:
    if value in (None, ""):
        return "blank"
    return str(value)


class _UniqueIndex:
    """Who in the database, and which earlier row of the file, has each unique value."""

    def __init__(self, objects, keys):
        self.keys = keys  # key name → function(object) → its value
        self.db = {key: {} for key in keys}
        for obj in objects:
            for key, get in keys.items():
                value = get(obj)
                if value not in (None, ""):
                    self.db[key][value] = obj
        self.file = {key: {} for key in keys}

    def find(self, key, value):
        return self.db[key].get(value) if value not in (None, "") else None

    def clashes(self, key, value, target):
        """The other object in the database with this value, or None."""
        other = self.find(key, value)
        return other if other is not None and other != target else None

    def earlier_row(self, key, value):
        return self.file[key].get(value) if value not in (None, "") else None

    def claim(self, key, value, row_number):
        if value not in (None, ""):
            self.file[key].setdefault(value, row_number)


def _uniqueness_errors(
    index: "_UniqueIndex",
    keys: dict[str, tuple],
    *,
    shown: dict,
    target,
    matched_rows: dict,
    number: int,
    clash: str,
) -> list[str]:
    """Clashes with other entries in the database, then duplicates earlier in the file.

    `keys` maps each unique field to (its comparable value, its label). A row that
    repeats an earlier one is reported once, naming every field the two share.
    """
    errors = []
    for key, (value, label) in keys.items():
        other = index.clashes(key, value, target)
        if other is not None:
            errors.append(clash.format(other=other.name, label=label, shown=shown[key]))
    if target is not None and target.pk in matched_rows:
        errors.append(
            f"Duplicate in file: row {matched_rows[target.pk]} also updates {target.name}."
        )
    else:
        shared: dict[int, list[str]] = {}
        for key, (value, label) in keys.items():
            earlier = index.earlier_row(key, value)
            if earlier is not None:
                shared.setdefault(earlier, []).append(label)
        for earlier, labels in shared.items():
            listed = (
                labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
            )
            errors.append(f"Duplicate in file: row {earlier} has the same {listed}.")
    if target is not None:
        matched_rows.setdefault(target.pk, number)
    for key, (value, _label) in keys.items():
        index.claim(key, value, number)
    return errors


def _casefold(value):
    return value.casefold() if value else value


SITE_LABELS = {
    "name": "Name",
    "slug": "Slug",
    "kind": "Kind",
    "region": "Region",
    "gss_code": "ONS GSS code",
    "dfe_la_number": "DfE LA number",
    "website": "Website",
}


def _https_url(value: str) -> str:
    url = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    URLValidator()(url)
    if not url.lower().startswith("https://"):
        raise ValidationError("must start with https://")
    return url


def plan_sites(rows: list[dict]) -> ImportPlan:
    """What importing these rows of organisations would do. Reads; changes nothing."""
    index = _UniqueIndex(
        Site.objects.all(),
        {
            "slug": lambda site: site.slug,
            "name": lambda site: _casefold(site.name),
            "gss_code": lambda site: site.gss_code,
            "dfe_la_number": lambda site: site.dfe_la_number,
        },
    )
    taken_slugs = set(index.db["slug"]) | RESERVED_SITE_SLUGS
    matched_rows: dict[int, int] = {}
    plans = []
    for row in rows:
        plan = RowPlan(number=row["_row"], name=row.get("name", ""))
        errors = plan.errors
        raw = {key: (row.get(key) or "").strip() for key in SITE_LABELS}
        values = {}

        if raw["slug"]:
            slug = raw["slug"].lower()
            if not re.fullmatch(r"[-a-z0-9_]+", slug):
                errors.append(
                    f"Bad slug “{raw['slug']}”: use only lower-case letters, numbers and hyphens."
                )
            elif slug in RESERVED_SITE_SLUGS:
                errors.append(f"The slug “{slug}” is used by the service; choose another.")
            else:
                values["slug"] = slug
        if raw["gss_code"]:
            code = re.sub(r"\s+", "", raw["gss_code"]).upper()
            try:
                gss_code_validator(code)
                values["gss_code"] = code
            except ValidationError:
                errors.append(
                    f"Bad ONS GSS code “{raw['gss_code']}”: it should be a letter E, W, S or "
                    "N followed by 8 digits, like E09000012."
                )

        # Which organisation the row is about: by slug, then GSS code, then name.
        target, matched_by = None, ""
        for key, value, how in (
            ("slug", values.get("slug"), "slug"),
            ("gss_code", values.get("gss_code"), "ONS GSS code"),
            ("name", _casefold(raw["name"]), "name"),
        ):
            target = index.find(key, value)
            if target is not None:
                matched_by = how
                break
        plan.target = target

        if raw["name"]:
            values["name"] = raw["name"]
        else:
            errors.append("Missing name: every row needs the organisation’s name.")
        for key, choices in (("kind", Site.Kind.choices), ("region", Site.Region.choices)):
            if raw[key]:
                try:
                    values[key] = _choice(raw[key], choices, what=key)
                except ValidationError as error:
                    errors += error.messages
            elif target is None:
                labels = ", ".join(label for _value, label in choices)
                errors.append(f"Missing {key}: enter one of {labels}.")
        if raw["dfe_la_number"]:
            if re.fullmatch(r"[1-9]\d{2}", raw["dfe_la_number"]):
                values["dfe_la_number"] = int(raw["dfe_la_number"])
            else:
                errors.append(
                    f"Bad DfE LA number “{raw['dfe_la_number']}”: it should be 3 digits, like 204."
                )
        if raw["website"]:
            try:
                values["website"] = _https_url(raw["website"])
            except ValidationError:
                errors.append(
                    f"Bad website “{raw['website']}”: enter an address that starts with https://"
                )

        current = {key: getattr(target, key) for key in SITE_LABELS} if target else {}
        final = {**current, **values}
        if target is None and not final.get("slug") and final.get("name"):
            base = slugify(final["name"])[:190] or "site"
            slug, n = base, 2
            while slug in taken_slugs:
                slug, n = f"{base}-{n}", n + 1
            final["slug"] = values["slug"] = slug
        if final.get("dfe_la_number") is not None and final.get("kind") not in (
            None,
            Site.Kind.LOCAL_AUTHORITY,
        ):
            errors.append(DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES)

        # No two organisations may share a name, slug, GSS code or DfE number.
        errors += _uniqueness_errors(
            index,
            {
                key: (_casefold(final.get(key)) if key == "name" else final.get(key), label)
                for key, label in (
                    ("name", "name"),
                    ("slug", "slug"),
                    ("gss_code", "ONS GSS code"),
                    ("dfe_la_number", "DfE LA number"),
                )
            },
            shown=final,
            target=target,
            matched_rows=matched_rows,
            number=plan.number,
            clash="{other} already has the {label} “{shown}”.",
        )
        if final.get("slug"):
            taken_slugs.add(final["slug"])

        if not errors:
            candidate = Site(**{key: final.get(key) for key in SITE_LABELS})
            candidate.gss_code = candidate.gss_code or ""
            candidate.website = candidate.website or ""
            try:
                candidate.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                errors += _validation_messages(error, SITE_LABELS)

        if errors:
            plan.action = ERROR
        elif target is None:
            plan.action = CREATE
            plan.values = {k: v for k, v in final.items() if v not in (None, "")}
            plan.changes = [
                f"New {Site.Kind(final['kind']).label.lower()} in "
                f"{Site.Region(final['region']).label}, at /sites/{final['slug']}/"
            ]
        else:
            changed = {k: v for k, v in values.items() if v != current[k]}
            plan.values = changed
            plan.action = UPDATE if changed else UNCHANGED
            plan.changes = [f"Matched by {matched_by}."] + [
                f"{SITE_LABELS[k]}: {_display(_site_display(k, current[k]))} → "
                f"{_display(_site_display(k, v))}"
                for k, v in changed.items()
            ]
        plans.append(plan)
    return ImportPlan(kind=SITES, rows=plans)


def _site_display(key, value):
    if key == "kind" and value:
        return Site.Kind(value).label
    if key == "region" and value:
        return Site.Region(value).label
    return value


INNOVATION_LABELS = {
    "name": "Name",
    "slug": "Slug",
    "status": "Status",
    "summary": "Summary",
    "problem_addressed": "Problem addressed",
    "originating_site": "Originating site",
    "evidence_level": "Evidence level",
    "evidence_summary": "Evidence summary",
    "cost_rating": "Cost rating",
    "accreditation": "Accreditation",
    "original_constraints": "Original constraints",
    "original_assets": "Original assets",
    "culture": "Culture",
    "values": "Values",
    "leadership": "Leadership",
}
TEXT_FIELDS = (
    "summary",
    "problem_addressed",
    "evidence_summary",
    "accreditation",
    "original_constraints",
    "original_assets",
    "culture",
    "values",
    "leadership",
)


def _site_finder():
    """Look an organisation up by name, slug or ONS GSS code, ignoring case."""
    lookup = {}
    for site in Site.objects.all():
        for key in (site.slug, site.name, site.gss_code):
            if key:
                lookup.setdefault(key.casefold(), site)
    return lambda text: lookup.get(text.strip().casefold())


def plan_innovations(rows: list[dict]) -> ImportPlan:
    """What importing these rows of innovations would do. Reads; changes nothing."""
    innovations = list(
        Innovation.objects.select_related("originating_site").prefetch_related(
            "themes", "support_organisations", "criteria"
        )
    )
    index = _UniqueIndex(
        innovations,
        {"slug": lambda innovation: innovation.slug, "name": lambda i: _casefold(i.name)},
    )
    taken_slugs = set(index.db["slug"]) | RESERVED_INNOVATION_SLUGS
    find_site = _site_finder()
    themes = {}
    for theme in Theme.objects.all():
        themes[theme.name.casefold()] = theme
        themes.setdefault(theme.slug, theme)
    matched_rows: dict[int, int] = {}
    plans = []
    for row in rows:
        plan = RowPlan(number=row["_row"], name=row.get("name", ""))
        errors = plan.errors
        raw = {key: (row.get(key) or "").strip() for key in set(INNOVATION_COLUMNS.values())}
        values = {}

        if raw["slug"]:
            slug = raw["slug"].lower()
            if not re.fullmatch(r"[-a-z0-9_]+", slug):
                errors.append(
                    f"Bad slug “{raw['slug']}”: use only lower-case letters, numbers and hyphens."
                )
            elif slug in RESERVED_INNOVATION_SLUGS:
                errors.append(f"The slug “{slug}” is used by the service; choose another.")
            else:
                values["slug"] = slug
        target = index.find("slug", values.get("slug")) or index.find(
            "name", _casefold(raw["name"])
        )
        plan.target = target

        if raw["name"]:
            values["name"] = raw["name"]
        else:
            errors.append("Missing name: every row needs the innovation’s name.")
        for key in TEXT_FIELDS:
            if raw[key]:
                values[key] = raw[key]
        if target is None and not raw["summary"]:
            errors.append("Missing summary: a new innovation needs a summary.")

        if raw["status"]:
            try:
                status = _choice(raw["status"], Innovation.Status.choices, what="status")
                values["status"] = status
                if (
                    target is not None
                    and status != target.status
                    and status not in ALLOWED_MOVES[target.status]
                ):
                    errors.append(
                        f"A {target.get_status_display().lower()} entry cannot be moved "
                        f"to {Innovation.Status(status).label.lower()}."
                    )
            except ValidationError as error:
                errors += error.messages
        elif target is None:
            values["status"] = Innovation.Status.DRAFT
        if raw["evidence_level"]:
            try:
                values["evidence_level"] = _choice(
                    raw["evidence_level"], Innovation.EvidenceLevel.choices, what="evidence level"
                )
            except ValidationError as error:
                errors += error.messages
        if raw["cost_rating"]:
            if re.fullmatch(r"[1-5]", raw["cost_rating"]):
                values["cost_rating"] = int(raw["cost_rating"])
            else:
                errors.append(
                    f"Bad cost rating “{raw['cost_rating']}”: use a whole number from 1 "
                    "(lowest cost) to 5 (highest)."
                )
        if raw["originating_site"]:
            site = find_site(raw["originating_site"])
            if site is None:
                errors.append(
                    f"Unknown originating site “{raw['originating_site']}”: import it as an "
                    "organisation first, or use the name, slug or ONS GSS code of one "
                    "already listed."
                )
            else:
                values["originating_site"] = site

        if raw["themes"]:
            chosen, new = [], []
            for name in _split(raw["themes"]):
                theme = themes.get(name.casefold()) or themes.get(slugify(name))
                if theme is None:
                    new.append(name)
                else:
                    chosen.append(theme)
            plan.extra["themes"] = (chosen, new)
        if raw["support_organisations"]:
            organisations = []
            for name in _split(raw["support_organisations"]):
                site = find_site(name)
                if site is None:
                    errors.append(
                        f"Unknown support organisation “{name}”: import it as an organisation "
                        "first, or check the spelling."
                    )
                else:
                    organisations.append(site)
            plan.extra["support_organisations"] = organisations
        existing_criteria = {c.name.casefold(): c for c in target.criteria.all()} if target else {}
        new_criteria = []
        listed = {}
        for key, kind in (
            ("must_haves", FidelityCriterion.Kind.MUST_HAVE),
            ("adaptable", FidelityCriterion.Kind.ADAPTABLE),
        ):
            for name in _split(raw[key]):
                if name.casefold() in listed and listed[name.casefold()] != kind:
                    errors.append(f"“{name}” is listed both as a must-have and as adaptable.")
                    continue
                listed[name.casefold()] = kind
                existing = existing_criteria.get(name.casefold())
                if existing is None:
                    new_criteria.append((kind, name))
                elif existing.kind != kind:
                    errors.append(
                        f"“{existing.name}” is already {existing.get_kind_display().lower()}; "
                        "change its kind on the innovation’s page, not by import."
                    )
        plan.extra["criteria"] = new_criteria

        current = {key: getattr(target, key) for key in INNOVATION_LABELS} if target else {}
        final = {**current, **values}
        if target is None and final.get("name") and not final.get("slug"):
            base = slugify(final["name"])[:190] or "innovation"
            slug, n = base, 2
            while slug in taken_slugs:
                slug, n = f"{base}-{n}", n + 1
            final["slug"] = values["slug"] = slug
        errors += _uniqueness_errors(
            index,
            {
                "name": (_casefold(final.get("name")), "name"),
                "slug": (final.get("slug"), "slug"),
            },
            shown=final,
            target=target,
            matched_rows=matched_rows,
            number=plan.number,
            clash="Another innovation, {other}, already has the {label} “{shown}”.",
        )
        if final.get("slug"):
            taken_slugs.add(final["slug"])

        if not errors:
            candidate = Innovation(
                **{key: final.get(key) for key in INNOVATION_LABELS if key in final}
            )
            try:
                candidate.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                errors += _validation_messages(error, INNOVATION_LABELS)

        if errors:
            plan.action = ERROR
            plans.append(plan)
            continue
        changes = []
        if target is None:
            plan.action = CREATE
            plan.values = values
            status = Innovation.Status(final["status"]).label.lower()
            changes.append(f"New {status} entry at /directory/{final['slug']}/")
        else:
            plan.values = {k: v for k, v in values.items() if v != current[k]}
            by_slug = raw["slug"] and target.slug == values.get("slug")
            changes.append("Matched by slug." if by_slug else "Matched by name.")
            for key, value in plan.values.items():
                if key in TEXT_FIELDS:
                    changes.append(f"{INNOVATION_LABELS[key]} changed")
                else:
                    before = _display(_innovation_display(key, current[key]))
                    after = _display(_innovation_display(key, value))
                    changes.append(f"{INNOVATION_LABELS[key]}: {before} → {after}")
        related_changed = False
        if "themes" in plan.extra:
            chosen, new = plan.extra["themes"]
            before = {t.pk for t in target.themes.all()} if target else set()
            if new or {t.pk for t in chosen} != before:
                related_changed = True
                names = [t.name for t in chosen] + new
                changes.append("Themes: " + ", ".join(names))
            for name in new:
                changes.append(f"Adds the new theme “{name}”")
        if "support_organisations" in plan.extra:
            organisations = plan.extra["support_organisations"]
            before = {s.pk for s in target.support_organisations.all()} if target else set()
            if {s.pk for s in organisations} != before:
                related_changed = True
                changes.append("Support organisations: " + ", ".join(s.name for s in organisations))
        for kind, name in new_criteria:
            related_changed = True
            label = "must-have" if kind == FidelityCriterion.Kind.MUST_HAVE else "adaptable part"
            changes.append(f"Adds the {label} “{name}”")
        if target is not None:
            plan.action = UPDATE if plan.values or related_changed else UNCHANGED
        plan.changes = changes
        plans.append(plan)
    return ImportPlan(kind=INNOVATIONS, rows=plans)


def _innovation_display(key, value):
    if key == "status" and value:
        return Innovation.Status(value).label
    if key == "evidence_level" and value:
        return "Not rated" if value == Innovation.EvidenceLevel.NOT_RATED else value
    if key == "originating_site":
        return value.name if value else ""
    return value


def plan_import(kind: str, rows: list[dict]) -> ImportPlan:
    return plan_sites(rows) if kind == SITES else plan_innovations(rows)


# --- 3. Applying --------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowPlan] = field(default_factory=list)


def _apply_site(plan: RowPlan, *, actor) -> None:
    if plan.action == CREATE:
        site_create(actor=actor, **plan.values)
    else:
        site_update(actor=actor, site=plan.target, **plan.values)


def _apply_innovation(plan: RowPlan, *, actor) -> Innovation:
    """Create or update one entry and add its themes, organisations and criteria."""
    if plan.action == CREATE:
        innovation = Innovation()
        status_changed = plan.values.get("status", Innovation.Status.DRAFT) != "draft"
    else:
        innovation = Innovation.objects.select_for_update().get(pk=plan.target.pk)
        status_changed = "status" in plan.values and plan.values["status"] != innovation.status
    for key, value in plan.values.items():
        setattr(innovation, key, value)
    if status_changed:
        innovation.status_changed_at = timezone.now()
        innovation.status_changed_by = actor
    innovation.full_clean()
    save_as(innovation, actor=actor)
    if "themes" in plan.extra:
        chosen, new = plan.extra["themes"]
        for name in new:
            theme = Theme.objects.filter(name__iexact=name).first() or save_as(
                Theme(name=name[:100], slug=slugify(name)[:100] or "theme"), actor=actor
            )
            chosen.append(theme)
        innovation.themes.set(chosen)
    if "support_organisations" in plan.extra:
        innovation.support_organisations.set(plan.extra["support_organisations"])
    position = innovation.criteria.aggregate(last=Max("position"))["last"] or 0
    for kind, name in plan.extra.get("criteria", []):
        position += 1
        criterion = FidelityCriterion(
            innovation=innovation,
            kind=kind,
            name=name[:200],
            dimension=FidelityCriterion.Dimension.ADHERENCE,
            position=position,
        )
        criterion.full_clean()
        save_as(criterion, actor=actor)
    return innovation


@transaction.atomic
def directory_import_apply(
    *, actor, kind: str, rows: list[dict], expected: str | None = None
) -> ImportResult:
    """Plan the rows again against today's database and apply every row without errors.

    `expected` is the fingerprint of the plan the person confirmed; if the plan is now
    different (someone changed the directory since), nothing is applied. One
    transaction for the import; each row in a savepoint of its own, so a row that
    fails only as it is saved is skipped and reported rather than undoing the rest.
    """
    if not is_directory_admin(actor):
        raise PermissionDenied("Only directory admins may import into the directory.")
    plan = plan_import(kind, rows)
    if expected is not None and plan.fingerprint != expected:
        raise StalePreviewError
    apply = _apply_site if kind == SITES else _apply_innovation
    result = ImportResult()
    for row in plan.rows:
        if row.action == ERROR:
            result.skipped.append(row)
            continue
        if row.action == UNCHANGED:
            result.unchanged += 1
            continue
        try:
            with transaction.atomic():
                apply(row, actor=actor)
        except ValidationError as error:
            row.action = ERROR
            row.errors = _validation_messages(
                error, SITE_LABELS if kind == SITES else INNOVATION_LABELS
            )
            result.skipped.append(row)
            continue
        except IntegrityError:
            # Someone saved a clashing entry at the same moment; the savepoint undid the row.
            row.action = ERROR
            row.errors = ["Another entry with the same name or code was saved at the same time."]
            result.skipped.append(row)
            continue
        if row.action == CREATE:
            result.created += 1
        else:
            result.updated += 1
    if kind != SITES:
        search_documents_refresh()
    return result
