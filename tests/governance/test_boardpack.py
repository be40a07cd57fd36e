"""The board pack: the month's dashboard as XLSX, CSV and PDF, for the board's readers only."""

import contextlib
import csv
import datetime
import io
import re
import zlib
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from governance import boardpack
from governance.dashboard import board_month
from governance.models import BoardMembership, GovernanceBoard
from governance.months import BoardMonthWindow
from governance.services import action_create
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric
from sites.models import AdoptionRole, CriterionScore, MetricTarget, Rag
from sites.services import progress_update_return
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    ProgressUpdateFactory,
    SiteFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)
FEB = datetime.date(2025, 2, 1)
NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)
Score = CriterionScore.Score
# A site name typed to run as a formula when the file is opened in a spreadsheet.
FORMULA_SITE = '=HYPERLINK("https://example.test/steal","Open")'


@pytest.fixture(autouse=True)
def march_2025():
    """Today is 20 March 2025: February is the latest complete month."""
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class PackWorld:
    board: GovernanceBoard
    chair: object
    mockingbird: Innovation
    constellations: OutcomeMetric
    children: OutcomeMetric
    hub_home: FidelityCriterion
    monthly_meetings: FidelityCriterion
    leeds: object
    formula: object
    kinship: Innovation


def _lead_for(adoption):
    lead = UserFactory()
    AdoptionRoleFactory(adoption=adoption, user=lead, role=AdoptionRole.Role.LEAD)
    return lead


@pytest.fixture
def pack() -> PackWorld:
    """A Mockingbird board with two sites reporting February, one of them named to run
    as a formula, and a second innovation with a percentage metric and no must-haves."""
    chair = UserFactory(first_name="Carol", last_name="Chair")
    board = GovernanceBoardFactory(name="Fostering Network Board", slug="fostering-network-board")
    BoardMembershipFactory(board=board, user=chair, role=BoardMembership.Role.CHAIR)
    mockingbird = InnovationFactory(name="Mockingbird")
    constellations = OutcomeMetricFactory(
        innovation=mockingbird,
        name="Constellations",
        unit="constellations",
        aggregation=OutcomeMetric.Aggregation.POINT_IN_TIME,
        position=1,
    )
    children = OutcomeMetricFactory(
        innovation=mockingbird,
        name="Children supported",
        unit="children",
        aggregation=OutcomeMetric.Aggregation.CUMULATIVE,
        position=2,
    )
    hub_home = FidelityCriterionFactory(innovation=mockingbird, name="Hub home carer", position=1)
    monthly_meetings = FidelityCriterionFactory(
        innovation=mockingbird, name="Monthly constellation meetings", position=2
    )
    leeds = AdoptionFactory(
        innovation=mockingbird,
        adopting_site=SiteFactory(name="Leeds City Council"),
        board=board,
        started_on=datetime.date(2024, 6, 1),
        stage="implementation",
    )
    formula = AdoptionFactory(
        innovation=mockingbird,
        adopting_site=SiteFactory(name=FORMULA_SITE),
        board=board,
        started_on=datetime.date(2024, 6, 1),
    )
    leeds_lead, formula_lead = _lead_for(leeds), _lead_for(formula)
    MetricTarget.objects.create(adoption=leeds, metric=constellations, target=Decimal("10"))
    MetricTarget.objects.create(adoption=leeds, metric=children, target=Decimal("100"))
    MetricTarget.objects.create(adoption=formula, metric=constellations, target=Decimal("8"))
    ProgressUpdateFactory(
        actor=leeds_lead,
        adoption=leeds,
        period=JAN,
        rag=Rag.AMBER,
        metric_values={constellations: Decimal("4"), children: Decimal("30")},
        submit=True,
    )
    ProgressUpdateFactory(
        actor=leeds_lead,
        adoption=leeds,
        period=FEB,
        rag=Rag.GREEN,
        lessons_learned="-Hub carers need protected time; say so at recruitment.",
        metric_values={constellations: Decimal("5"), children: Decimal("42")},
        submit=True,
    )
    # The other site's February update is still a draft: it has not reported.
    ProgressUpdateFactory(
        actor=formula_lead,
        adoption=formula,
        period=FEB,
        rag=Rag.RED,
        metric_values={constellations: Decimal("3")},
    )
    FidelityAssessmentFactory(
        actor=leeds_lead,
        adoption=leeds,
        assessed_on=JAN,
        scores={hub_home: (Score.MET, ""), monthly_meetings: (Score.NOT_MET, "")},
    )
    FidelityAssessmentFactory(
        actor=leeds_lead,
        adoption=leeds,
        assessed_on=FEB,
        scores={hub_home: (Score.MET, ""), monthly_meetings: (Score.PARTLY_MET, "")},
    )
    AdaptationFactory(
        actor=formula_lead,
        adoption=formula,
        title="@SUM(1+1) fortnightly meetings",
        criteria=[monthly_meetings],
        reasons_organisation="Rural carers travel far.",
    )
    action_create(
        actor=chair,
        board=board,
        description="+Confirm the hub home carer budget",
        owner=chair,
        due_on=datetime.date(2025, 3, 1),
    )
    kinship = InnovationFactory(name="Kinship Connected")
    OutcomeMetricFactory(innovation=kinship, name="Carers satisfied", unit="%", position=1)
    AdoptionFactory(
        innovation=kinship,
        adopting_site=SiteFactory(name="Bradford Council"),
        board=board,
        started_on=datetime.date(2024, 9, 1),
    )
    return PackWorld(
        board=board,
        chair=chair,
        mockingbird=mockingbird,
        constellations=constellations,
        children=children,
        hub_home=hub_home,
        monthly_meetings=monthly_meetings,
        leeds=leeds,
        formula=formula,
        kinship=kinship,
    )


def _february(pack: PackWorld):
    window = BoardMonthWindow.for_month(FEB, now=timezone.now())
    return board_month(pack.board, window)


def _workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def _records(sheet, header_row: int = 1) -> list[dict]:
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    headers = rows[0]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


# --- File names ------------------------------------------------------------------------


def test_file_names_are_built_from_the_slug_and_month_only():
    board = GovernanceBoard(name='Board "; rm -rf', slug="rsw-governance-board")
    month = datetime.date(2026, 10, 1)
    assert (
        boardpack.pack_filename(board, month, "pdf")
        == "rsw-governance-board-2026-10-board-pack.pdf"
    )
    assert (
        boardpack.pack_filename(board, month, "xlsx")
        == "rsw-governance-board-2026-10-board-pack.xlsx"
    )


@pytest.mark.parametrize(
    ("url_name", "content_type", "extension"),
    [
        ("boards:pack_pdf", "application/pdf", "pdf"),
        ("boards:pack_xlsx", boardpack.XLSX_TYPE, "xlsx"),
        ("boards:pack_csv", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_each_download_is_an_attachment_named_for_the_month_it_holds(
    pack, client_for, url_name, content_type, extension
):
    url = reverse(url_name, kwargs={"slug": pack.board.slug})
    response = client_for(pack.chair).get(f"{url}?month=2025-01")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="fostering-network-board-2025-01-board-pack.{extension}"'
    )
    assert "no-store" in response["Cache-Control"]


def test_a_month_not_over_yet_gives_the_latest_complete_month(pack, client_for):
    url = reverse("boards:pack_csv", kwargs={"slug": pack.board.slug})
    for asked in ("2025-03", "2031-01", "not-a-month"):
        response = client_for(pack.chair).get(f"{url}?month={asked}")
        assert response.status_code == 200
        assert "fostering-network-board-2025-02-board-pack.csv" in response["Content-Disposition"]


def test_someone_who_is_not_on_the_board_gets_a_404(pack, client_for):
    outsider = UserFactory()
    for name in ("boards:pack_pdf", "boards:pack_xlsx", "boards:pack_csv"):
        response = client_for(outsider).get(reverse(name, kwargs={"slug": pack.board.slug}))
        assert response.status_code == 404


# --- XLSX ------------------------------------------------------------------------------


def test_the_workbook_has_one_sheet_per_section(pack):
    workbook = _workbook(boardpack.pack_xlsx(_february(pack)))
    assert workbook.sheetnames == [
        "Adoptions",
        "Totals",
        "Not reported",
        "Lessons",
        "Fidelity heatmap",
        "Awaiting decision",
        "Actions",
    ]
    for name in workbook.sheetnames:
        sheet = workbook[name]
        assert sheet["A1"].font.b, name
        assert sheet.column_dimensions["A"].width >= boardpack.MIN_WIDTH, name
    assert workbook["Adoptions"].freeze_panes == "A2"
    assert workbook["Actions"].freeze_panes == "A2"


def test_the_adoptions_sheet_has_a_row_per_adoption_with_numbers_as_numbers(pack):
    sheet = _workbook(boardpack.pack_xlsx(_february(pack)))["Adoptions"]
    rows = {row["Site"]: row for row in _records(sheet)}
    # In innovation order, then by site.
    assert list(rows) == ["Bradford Council", "'" + FORMULA_SITE, "Leeds City Council"]
    leeds = rows["Leeds City Council"]
    assert leeds["Innovation"] == "Mockingbird"
    assert leeds["Stage"] == "Implementation"
    assert leeds["RAG this month (February 2025)"] == "Green"
    assert leeds["RAG trend: Jan 2025"] == "Amber"
    assert leeds["RAG trend: Dec 2024"] == "No update"
    assert leeds["Update status"] == "Submitted"
    assert leeds["Days overdue"] is None
    # Met one of two must-haves fully, the other partly: 75%, up from 50%.
    assert leeds["Must-have fidelity score (%)"] == 75
    assert leeds["Fidelity band"] == "Moderate"
    assert leeds["Fidelity change (points)"] == 25
    assert leeds["Constellations (constellations)"] == 5
    assert leeds["Constellations (constellations) target"] == 10
    assert leeds["Children supported (children)"] == 72
    assert leeds["Children supported (children) target"] == 100
    assert leeds["Carers satisfied (%)"] is None

    drafting = rows["'" + FORMULA_SITE]
    assert drafting["RAG this month (February 2025)"] == "No update"
    assert drafting["Update status"] == "Draft"
    assert drafting["Days overdue"] == 10  # due 10 March, today is 20 March
    assert drafting["Adaptations awaiting decision"] == 1
    assert drafting["Constellations (constellations)"] is None  # a draft does not count
    assert drafting["Fidelity band"] == "Not assessed"


def test_the_totals_sheet_says_how_each_metric_adds_up(pack):
    sheet = _workbook(boardpack.pack_xlsx(_february(pack)))["Totals"]
    totals = {(row["Innovation"], row["Metric"]): row for row in _records(sheet)}
    constellations = totals["Mockingbird", "Constellations"]
    assert constellations["Rule"] == "Point in time"
    assert constellations["Total"] == 5
    assert constellations["Target"] == 18
    assert constellations["% of target"] == 28
    assert constellations["Sites reporting"] == 1
    assert constellations["Sites"] == 2
    children = totals["Mockingbird", "Children supported"]
    assert children["Rule"] == "Cumulative"
    assert children["Total"] == 72
    assert children["How it adds up"].startswith("Cumulative: each site's monthly values")
    assert totals["Kinship Connected", "Carers satisfied"]["Total"] is None


def test_the_not_reported_lessons_awaiting_and_actions_sheets(pack):
    workbook = _workbook(boardpack.pack_xlsx(_february(pack)))
    not_reported = {row["Site"]: row for row in _records(workbook["Not reported"])}
    assert set(not_reported) == {"'" + FORMULA_SITE, "Bradford Council"}
    drafting = not_reported["'" + FORMULA_SITE]
    assert drafting["Update status"] == "Draft"
    assert drafting["Due on"] == datetime.datetime(2025, 3, 10)
    assert drafting["Days overdue"] == 10
    assert workbook["Not reported"]["E2"].number_format == boardpack.DATE_FORMAT

    [lesson] = _records(workbook["Lessons"])
    assert lesson["Site"] == "Leeds City Council"
    assert lesson["Lesson learned"] == "'-Hub carers need protected time; say so at recruitment."
    assert lesson["Month"] == datetime.datetime(2025, 2, 1)

    [awaiting] = _records(workbook["Awaiting decision"])
    assert awaiting["Adaptation"] == "'@SUM(1+1) fortnightly meetings"
    assert awaiting["Must-haves it touches"] == "Monthly constellation meetings"

    [action] = _records(workbook["Actions"])
    assert action["Action"] == "'+Confirm the hub home carer budget"
    assert action["Owner"] == "Carol Chair"
    assert action["Due on"] == datetime.datetime(2025, 3, 1)
    assert action["Overdue"] == "Yes"
    assert action["Days overdue"] == 19


def test_the_heatmap_sheet_has_a_block_per_innovation_with_scores_in_words(pack):
    sheet = _workbook(boardpack.pack_xlsx(_february(pack)))["Fidelity heatmap"]
    rows = list(sheet.iter_rows(values_only=True))
    # Innovations in name order: Kinship Connected has no must-haves to score.
    assert rows[0][0] == "Kinship Connected"
    assert rows[1][0] == "This innovation has no must-haves in the directory yet."
    assert rows[3][0] == "Mockingbird"
    assert rows[4][:6] == (
        "Site",
        "Assessed on",
        "Must-have fidelity score (%)",
        "Fidelity band",
        "Hub home carer",
        "Monthly constellation meetings",
    )
    by_site = {row[0]: row for row in rows[5:7]}
    assert by_site["Leeds City Council"][1:6] == (
        datetime.datetime(2025, 2, 1),
        75,
        "Moderate",
        "Met",
        "Partly met",
    )
    assert by_site["'" + FORMULA_SITE][4:6] == ("No score", "No score")
    assert rows[7][0] == "How each must-have holds"
    assert rows[7][4:6] == ("Holds everywhere", "Drifting")
    assert sheet["A1"].font.b and sheet["A4"].font.b and sheet["A5"].font.b
    assert sheet.freeze_panes == "B1"


def test_every_cell_that_would_run_as_a_formula_is_written_as_text(pack):
    workbook = _workbook(boardpack.pack_xlsx(_february(pack)))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value


def test_an_empty_board_still_gives_every_sheet():
    board = GovernanceBoardFactory()
    window = BoardMonthWindow.for_month(FEB, now=timezone.now())
    workbook = _workbook(boardpack.pack_xlsx(board_month(board, window)))
    assert len(workbook.sheetnames) == 7
    assert workbook["Adoptions"].max_row == 1
    assert workbook["Fidelity heatmap"]["A1"].value == "No adoptions, so no fidelity to show."


# --- CSV -------------------------------------------------------------------------------


def test_the_csv_is_the_adoptions_table_in_utf8_with_a_byte_order_mark(pack, client_for):
    url = reverse("boards:pack_csv", kwargs={"slug": pack.board.slug})
    content = client_for(pack.chair).get(f"{url}?month=2025-02").content
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Site"] for row in rows] == [
        "Bradford Council",
        "'" + FORMULA_SITE,
        "Leeds City Council",
    ]
    leeds = rows[2]
    assert leeds["RAG this month (February 2025)"] == "Green"
    assert leeds["Must-have fidelity score (%)"] == "75"
    assert leeds["Children supported (children)"] == "72"
    assert leeds["Days overdue"] == ""
    assert rows[1]["Days overdue"] == "10"


def test_the_csv_neutralises_formulas_in_every_cell(pack):
    text = boardpack.pack_csv(_february(pack))
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), value


def test_a_returned_update_counts_as_not_reported_with_its_days_overdue(pack):
    update = pack.leeds.updates.get(period=FEB)
    progress_update_return(actor=UserFactory(is_directory_admin=True), update=update, note="More")
    rows = list(csv.DictReader(io.StringIO(boardpack.pack_csv(_february(pack)).lstrip("\ufeff"))))
    leeds = next(row for row in rows if row["Site"] == "Leeds City Council")
    assert leeds["Update status"] == "Returned for revision"
    assert leeds["Days overdue"] == "10"


# --- PDF -------------------------------------------------------------------------------


def test_the_pdf_is_a_pdf_with_the_board_and_month(pack, client_for):
    url = reverse("boards:pack_pdf", kwargs={"slug": pack.board.slug})
    response = client_for(pack.chair).get(f"{url}?month=2025-02")
    assert response.content.startswith(b"%PDF-")
    html = boardpack.pack_html(_february(pack), generated_at=timezone.now())
    assert "Fostering Network Board" in html
    assert "Board pack for February 2025" in html
    assert "As at 20 March 2025" in html
    assert "Hub carers need protected time" in html


def test_the_pdf_is_tagged_for_screen_readers(pack, client_for):
    url = reverse("boards:pack_pdf", kwargs={"slug": pack.board.slug})
    pdf = client_for(pack.chair).get(f"{url}?month=2025-02").content
    # The catalogue sits in a compressed object stream: read every stream.
    text = pdf
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            text += zlib.decompress(stream)
    # A structure tree, marked as tagged, in the pack's language.
    assert b"/StructTreeRoot" in text
    assert b"/Marked true" in text
    assert b"/Lang (en-GB)" in text


def test_a_board_with_many_adoptions_gives_a_pdf_of_several_pages(pack):
    for index in range(30):
        AdoptionFactory(
            innovation=pack.mockingbird,
            adopting_site=SiteFactory(name=f"Site {index:02d} Council"),
            board=pack.board,
            started_on=datetime.date(2024, 6, 1),
        )
    document = boardpack.pack_document(_february(pack), generated_at=timezone.now())
    assert len(document.pages) > 1
    assert document.write_pdf().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "url",
    ["https://example.test/logo.png", "http://127.0.0.1/", "file:///etc/passwd", "data:,x"],
)
def test_the_pdf_fetcher_refuses_every_url(url):
    with pytest.raises(ValueError, match="does not fetch"):
        boardpack.RefuseEveryURL()(url)


def test_weasyprint_asks_the_fetcher_and_gets_nothing(caplog):
    """An image in the HTML is not read: the fetcher refuses and the PDF is still made."""
    html = HTML(
        string='<p>Pack</p><img src="file:///etc/hostname" alt="">',
        url_fetcher=boardpack.RefuseEveryURL(),
    )
    assert html.write_pdf().startswith(b"%PDF-")
    assert "does not fetch 'file:///etc/hostname'" in caplog.text


# --- Query budgets ---------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["boards:pack_pdf", "boards:pack_xlsx", "boards:pack_csv"])
def test_pack_downloads_with_3_then_12_adoptions(pack, client_for, url_name):
    def grow():
        for index in range(9):
            adoption = AdoptionFactory(
                innovation=pack.mockingbird if index % 2 else InnovationFactory(),
                board=pack.board,
                started_on=datetime.date(2024, 6, 1),
            )
            lead = _lead_for(adoption)
            ProgressUpdateFactory(
                actor=lead,
                adoption=adoption,
                period=FEB,
                rag=Rag.AMBER,
                lessons_learned="Shared learning.",
                metric_values={pack.constellations: Decimal("2")} if index % 2 else None,
                submit=True,
            )
            FidelityAssessmentFactory(actor=lead, adoption=adoption, assessed_on=FEB)
            AdaptationFactory(
                actor=lead, adoption=adoption, criteria=[pack.hub_home] if index % 2 else []
            )

    count = assert_queries_do_not_grow(
        client_for(pack.chair),
        f"{reverse(url_name, kwargs={'slug': pack.board.slug})}?month=2025-02",
        grow=grow,
        small="3 adoptions",
        large="12 adoptions",
    )
    # Session and user (2), the board with its members (2), then board_month's 14.
    assert count <= 18
