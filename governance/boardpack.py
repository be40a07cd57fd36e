"""The board pack: one month's dashboard as files a board takes into its meeting.

A PDF laid out for print, a workbook with one sheet per dashboard section, and the
adoptions table as CSV. All three are built from `governance.dashboard.board_month`,
so they say exactly what the page says for that month.

Text in these files is typed by people (site names, lessons, action notes), so any cell
a spreadsheet program would read as a formula is written as text. WeasyPrint renders
only the HTML it is given: its URL fetcher refuses every URL, so a pack never reads the
network or the file system.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher

from innovations.exporting import safe_cell
from innovations.models import OutcomeMetric
from sites.models import Rag

from .dashboard import BoardMonth
from .heatmaps import Heatmap
from .models import Action, GovernanceBoard

PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

DATE_FORMAT = "d mmm yyyy"
MIN_WIDTH, MAX_WIDTH = 10, 60


def pack_filename(board: GovernanceBoard, month: datetime.date, extension: str) -> str:
    """Only the slug and the month: nothing a person typed reaches the header."""
    return f"{board.slug}-{month:%Y-%m}-board-pack.{extension}"


# --- The sections, as tables ---------------------------------------------------------


@dataclass
class Table:
    """One section of the pack: a header row and rows of plain values."""

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def _number(value: Decimal | None):
    """A figure as a spreadsheet number: 18, not 18.00."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _rag_label(rag: str | None) -> str:
    return Rag(rag).label if rag else "No update"


def _metric_label(metric: OutcomeMetric) -> str:
    return f"{metric.name} ({metric.unit})"


def _metric_columns(month: BoardMonth) -> list[tuple[OutcomeMetric, str]]:
    """Every metric any adoption reports, with a column label that is unique: the
    innovation's name is added where two innovations share a metric's name."""
    metrics = {}
    for row in month.rows:
        for figure in row.metrics:
            metrics.setdefault(figure.metric.pk, (figure.metric, row.adoption.innovation.name))
    labels = [_metric_label(metric) for metric, _ in metrics.values()]
    return [
        (metric, f"{innovation}: {label}" if labels.count(label) > 1 else label)
        for (metric, innovation), label in zip(metrics.values(), labels, strict=True)
    ]


def adoptions_table(month: BoardMonth) -> Table:
    columns = _metric_columns(month)
    headers = [
        "Site",
        "Innovation",
        "Stage",
        f"RAG this month ({month.month:%B %Y})",
        *(f"RAG trend: {period:%b %Y}" for period in month.window.trend_periods),
        "Update status",
        "Days overdue",
        "Must-have fidelity score (%)",
        "Fidelity band",
        "Fidelity change (points)",
        "Adaptations awaiting decision",
    ]
    for _metric, label in columns:
        headers += [label, f"{label} target"]
    table = Table("Adoptions", headers)
    for row in month.rows:
        figures = {figure.metric.pk: figure for figure in row.metrics}
        band = row.fidelity_band
        cells = [
            row.adoption.adopting_site.name,
            row.adoption.innovation.name,
            row.stage_label,
            _rag_label(row.rag),
            *(point.label for point in row.trend),
            row.update_status.label,
            row.update_status.days_overdue if row.has_not_reported else None,
            row.fidelity_score,
            band.label if band else "Not assessed",
            row.fidelity_change,
            row.awaiting_decision,
        ]
        for metric, _label in columns:
            figure = figures.get(metric.pk)
            cells += [_number(figure.value), _number(figure.target)] if figure else [None, None]
        table.rows.append(cells)
    return table


def totals_table(month: BoardMonth) -> Table:
    table = Table(
        "Totals",
        [
            "Innovation",
            "Metric",
            "Unit",
            "Rule",
            "How it adds up",
            "Total",
            "Target",
            "% of target",
            "Sites reporting",
            "Sites",
        ],
    )
    for totals in month.totals:
        for total in totals.metrics:
            table.rows.append(
                [
                    totals.innovation_name,
                    total.metric.name,
                    total.metric.unit,
                    "Cumulative" if total.is_cumulative else "Point in time",
                    total.rule,
                    _number(total.total),
                    _number(total.target),
                    total.percent_of_target,
                    total.reporting_sites,
                    totals.site_count,
                ]
            )
    return table


def not_reported_table(month: BoardMonth) -> Table:
    table = Table(
        "Not reported",
        ["Site", "Innovation", "Stage", "Update status", "Due on", "Days overdue"],
    )
    for row in month.not_reported:
        table.rows.append(
            [
                row.adoption.adopting_site.name,
                row.adoption.innovation.name,
                row.stage_label,
                row.update_status.label,
                row.update_status.due_on,
                row.update_status.days_overdue,
            ]
        )
    return table


def lessons_table(month: BoardMonth) -> Table:
    table = Table("Lessons", ["Site", "Innovation", "Month", "Lesson learned", "Tags"])
    for lesson in month.lessons:
        table.rows.append(
            [
                lesson.adoption.adopting_site.name,
                lesson.adoption.innovation.name,
                lesson.update.period,
                lesson.text,
                "; ".join(lesson.tags),
            ]
        )
    return table


def heatmap_table(heatmap: Heatmap) -> Table:
    """One innovation's heatmap: a row per site, a column per must-have, the score in
    words, and a last row saying how each must-have holds across the sites."""
    table = Table(
        heatmap.innovation.name,
        [
            "Site",
            "Assessed on",
            "Must-have fidelity score (%)",
            "Fidelity band",
            *(criterion.name for criterion in heatmap.criteria),
        ],
    )
    for row in heatmap.rows:
        band = row.band
        table.rows.append(
            [
                row.adoption.adopting_site.name,
                row.assessed_on,
                getattr(row.adoption, "latest_fidelity_score", None),
                band.label if band else "Not assessed",
                *(cell.label for cell in row.cells),
            ]
        )
    if heatmap.criteria:
        table.rows.append(
            ["How each must-have holds", None, None, None]
            + [spread.verdict for spread in heatmap.spread]
        )
    return table


def awaiting_table(month: BoardMonth) -> Table:
    table = Table(
        "Awaiting decision",
        [
            "Site",
            "Innovation",
            "Adaptation",
            "What was changed",
            "Made on",
            "Logged on",
            "Must-haves it touches",
            "Relation to fidelity",
            "Type of modification",
        ],
    )
    for adaptation in month.awaiting_decision:
        table.rows.append(
            [
                adaptation.adoption.adopting_site.name,
                adaptation.adoption.innovation.name,
                adaptation.title,
                adaptation.description,
                adaptation.made_on,
                timezone.localdate(adaptation.created_at),
                "; ".join(criterion.name for criterion in adaptation.criteria.all()),
                adaptation.get_fidelity_relation_display(),
                adaptation.get_modification_type_display(),
            ]
        )
    return table


def _status_then(action: Action) -> str:
    """An action done after the month's cut-off was still open then."""
    if action.status == Action.Status.DONE:
        return Action.Status.OPEN.label
    return action.get_status_display()


def actions_table(month: BoardMonth) -> Table:
    table = Table(
        "Actions",
        [
            "Action",
            "Owner",
            "Due on",
            "Status",
            "Overdue",
            "Days overdue",
            "Agreed at meeting",
            "Progress note",
        ],
    )
    for action in month.open_actions:
        table.rows.append(
            [
                action.description,
                str(action.owner) if action.owner else "No owner",
                action.due_on,
                _status_then(action),
                "Yes" if action.is_overdue else "No",
                action.days_overdue,
                action.meeting.held_on if action.meeting else None,
                action.progress_note,
            ]
        )
    return table


# --- CSV and XLSX ----------------------------------------------------------------------


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(str(value))


def pack_csv(month: BoardMonth) -> str:
    """The adoptions table as CSV, with a byte-order mark so Excel reads it as UTF-8."""
    table = adoptions_table(month)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_csv_value(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        # Control characters are not allowed in XLSX; one would spoil the whole file.
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


class _SheetWriter:
    """Appends rows to a worksheet, typing dates and noting how wide each column gets."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.row = 0
        self.widths: dict[int, int] = {}

    def append(self, values: list, *, bold: bool = False):
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=self.row, column=column, value=_xlsx_value(value))
            if bold:
                cell.font = Font(bold=True)
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
                length = 11
            else:
                length = len(str(value)) if value is not None else 0
            if length > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.widths[column] = max(self.widths.get(column, MIN_WIDTH), length + 2)

    def set_widths(self):
        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)


def _table_sheet(workbook: Workbook, table: Table):
    writer = _SheetWriter(workbook.create_sheet(table.title))
    writer.append(table.headers, bold=True)
    for row in table.rows:
        writer.append(row)
    writer.sheet.freeze_panes = "A2"
    writer.set_widths()


def _heatmap_sheet(workbook: Workbook, heatmaps: list[Heatmap]):
    """One block per innovation, each with its own bold header row; the site column is
    frozen, since the blocks' other columns differ."""
    writer = _SheetWriter(workbook.create_sheet("Fidelity heatmap"))
    for index, heatmap in enumerate(heatmaps):
        if index:
            writer.append([])
        table = heatmap_table(heatmap)
        writer.append([table.title], bold=True)
        if not heatmap.criteria:
            writer.append(["This innovation has no must-haves in the directory yet."])
            continue
        writer.append(table.headers, bold=True)
        for row in table.rows:
            writer.append(row)
    if not heatmaps:
        writer.append(["No adoptions, so no fidelity to show."])
    writer.sheet.freeze_panes = "B1"
    writer.set_widths()


def pack_xlsx(month: BoardMonth) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = _xlsx_value(f"{month.board.name} board pack, {month.month:%B %Y}")
    workbook.properties.subject = f"As at {month.window.as_of_date:%-d %B %Y}"
    _table_sheet(workbook, adoptions_table(month))
    _table_sheet(workbook, totals_table(month))
    _table_sheet(workbook, not_reported_table(month))
    _table_sheet(workbook, lessons_table(month))
    _heatmap_sheet(workbook, month.heatmaps)
    _table_sheet(workbook, awaiting_table(month))
    _table_sheet(workbook, actions_table(month))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------


class RefuseEveryURL(URLFetcher):
    """WeasyPrint's fetcher for the pack: nothing outside the HTML string is read."""

    def fetch(self, url, headers=None):
        raise ValueError(f"The board pack does not fetch {url!r}")


def pack_html(month: BoardMonth, *, generated_at: datetime.datetime) -> str:
    return render_to_string(
        "governance/board_pack.html",
        {
            "board": month.board,
            "window": month.window,
            "dashboard": month,
            "generated_at": generated_at,
        },
    )


def pack_document(month: BoardMonth, *, generated_at: datetime.datetime) -> Document:
    """The pack laid out on A4 landscape pages, in system fonts, with no base URL."""
    html = HTML(string=pack_html(month, generated_at=generated_at), url_fetcher=RefuseEveryURL())
    return html.render()


def pack_pdf(month: BoardMonth, *, generated_at: datetime.datetime) -> bytes:
    # Tagged, so screen readers read the pack's headings and tables as such.
    return pack_document(month, generated_at=generated_at).write_pdf(pdf_tags=True)


def pack_file(
    month: BoardMonth, extension: str, *, generated_at: datetime.datetime
) -> tuple[bytes | str, str]:
    """The pack in one format, with its content type."""
    if extension == "pdf":
        return pack_pdf(month, generated_at=generated_at), PDF_TYPE
    if extension == "xlsx":
        return pack_xlsx(month), XLSX_TYPE
    if extension == "csv":
        return pack_csv(month), CSV_TYPE
    raise ValueError(f"No board pack as {extension!r}")
