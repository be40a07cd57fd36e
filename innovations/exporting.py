"""The directory as a spreadsheet: one CSV of innovations, or an XLSX workbook of sheets.

Every cell that a spreadsheet program would read as a formula is written as text
(a leading apostrophe), so an entry's text can never run as a formula on an
admin's computer. The headers are the ones the importer reads, so an exported
file can be edited and imported again.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sites.models import Site

from .models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric, Resource

# Spreadsheet programs treat a cell starting with any of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "

INNOVATION_HEADERS = [
    "Name",
    "Slug",
    "Status",
    "Summary",
    "Problem addressed",
    "Originating site",
    "Originating region",
    "Evidence level",
    "Evidence summary",
    "Cost rating",
    "Themes",
    "Accreditation",
    "Support organisations",
    "Adopting sites",
    "Must-haves",
    "Adaptable",
    "Metrics",
    "Original constraints",
    "Original assets",
    "Culture",
    "Values",
    "Leadership",
]
SITE_HEADERS = ["Name", "Slug", "Kind", "Region", "ONS GSS code", "DfE LA number", "Website"]


def safe_cell(value):
    """Text that would start a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_filename(extension: str, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"adopt-and-adapt-directory-{today:%Y-%m-%d}.{extension}"


def innovations_for_export(user) -> QuerySet[Innovation]:
    """Every entry the person may see, with everything a row needs, in seven queries."""
    return (
        Innovation.objects.visible_to(user)
        .select_related("originating_site")
        .prefetch_related(
            "themes",
            Prefetch("support_organisations", queryset=Site.objects.order_by("name")),
            Prefetch("criteria", queryset=FidelityCriterion.objects.order_by("position", "id")),
            Prefetch("metrics", queryset=OutcomeMetric.objects.order_by("position", "id")),
            Prefetch(
                "evidence_sources", queryset=EvidenceSource.objects.order_by("position", "id")
            ),
            Prefetch("resources", queryset=Resource.objects.order_by("position", "id")),
        )
        .annotate(adopting_site_count=Count("adoptions__adopting_site", distinct=True))
        .order_by("name")
    )


def _joined(names: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(names)


def _evidence_level(innovation: Innovation) -> str:
    return "Not rated" if innovation.evidence_level == "not_rated" else innovation.evidence_level


def innovation_row(innovation: Innovation) -> list:
    site = innovation.originating_site
    criteria = [c for c in innovation.criteria.all() if not c.is_retired]
    return [
        innovation.name,
        innovation.slug,
        innovation.get_status_display(),
        innovation.summary,
        innovation.problem_addressed,
        site.name if site else "",
        site.get_region_display() if site else "",
        _evidence_level(innovation),
        innovation.evidence_summary,
        innovation.cost_rating,
        _joined(theme.name for theme in innovation.themes.all()),
        innovation.accreditation,
        _joined(org.name for org in innovation.support_organisations.all()),
        innovation.adopting_site_count,
        _joined(c.name for c in criteria if c.is_must_have),
        _joined(c.name for c in criteria if not c.is_must_have),
        _joined(str(m) for m in innovation.metrics.all() if m.retired_at is None),
        innovation.original_constraints,
        innovation.original_assets,
        innovation.culture,
        innovation.values,
        innovation.leadership,
    ]


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def workbook_sheets(user) -> Iterator[tuple[str, list[str], Iterable[list]]]:
    """(sheet name, headers, rows) for each sheet of the workbook."""
    innovations = list(innovations_for_export(user))
    yield "Innovations", INNOVATION_HEADERS, (innovation_row(i) for i in innovations)
    yield (
        "Criteria",
        [
            "Innovation",
            "Innovation slug",
            "Kind",
            "Name",
            "Description",
            "Fidelity dimension",
            "How fidelity is evidenced",
            "Position",
            "Retired on",
        ],
        (
            [
                i.name,
                i.slug,
                c.get_kind_display(),
                c.name,
                c.description,
                c.get_dimension_display(),
                c.how_evidenced,
                c.position,
                _local_date(c.retired_at),
            ]
            for i in innovations
            for c in i.criteria.all()
        ),
    )
    yield (
        "Metrics",
        [
            "Innovation",
            "Innovation slug",
            "Name",
            "Unit",
            "Description",
            "Higher is better",
            "Aggregation",
            "Retired on",
        ],
        (
            [
                i.name,
                i.slug,
                m.name,
                m.unit,
                m.description,
                _yes_no(m.higher_is_better),
                m.get_aggregation_display(),
                _local_date(m.retired_at),
            ]
            for i in innovations
            for m in i.metrics.all()
        ),
    )
    yield (
        "Evidence",
        ["Innovation", "Innovation slug", "Title", "Kind", "Publisher", "Year", "Link"],
        (
            [i.name, i.slug, e.title, e.get_kind_display(), e.publisher, e.year, e.url]
            for i in innovations
            for e in i.evidence_sources.all()
        ),
    )
    yield (
        "Resources",
        ["Innovation", "Innovation slug", "Title", "Kind", "Description", "Link"],
        (
            [i.name, i.slug, r.title, r.get_kind_display(), r.description, r.url]
            for i in innovations
            for r in i.resources.all()
        ),
    )
    yield (
        "Sites",
        SITE_HEADERS,
        (
            [
                s.name,
                s.slug,
                s.get_kind_display(),
                s.get_region_display(),
                s.gss_code,
                s.dfe_la_number,
                s.website,
            ]
            for s in Site.objects.order_by("name")
        ),
    )


def directory_csv(user) -> str:
    """The Innovations sheet as CSV text, with a byte-order mark so Excel reads UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(INNOVATION_HEADERS)
    for innovation in innovations_for_export(user):
        writer.writerow(["" if v is None else safe_cell(v) for v in innovation_row(innovation)])
    return out.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        # Control characters are not allowed in XLSX; they would fail the whole file.
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def directory_xlsx(user) -> bytes:
    """The whole directory as a workbook, written row by row (openpyxl write-only)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in workbook_sheets(user):
        sheet = workbook.create_sheet(title)
        for index in range(len(headers)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = 24
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_value(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
