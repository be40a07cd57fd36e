"""The issue's browser test: a board member opens the month's dashboard, changes
month, approves an adaptation awaiting the board, and downloads the board pack."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import Decision
from governance.months import latest_complete_month
from sites.models import Adaptation
from sites.periods import previous_month

from .pages import BoardDashboardPage, SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
MEMBER = "member@demo.adoptadapt.test"
BOARD = "rsw-governance-board"


@pytest.fixture
def demo_site(transactional_db, live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def test_member_reviews_the_month_approves_an_adaptation_and_downloads_the_pack(
    demo_site, page, screenshots, tmp_path
):
    latest = latest_complete_month(timezone.localdate())
    earlier = previous_month(latest)
    awaiting = Adaptation.objects.get(
        adoption__board__slug=BOARD,
        needs_board_decision=True,
        decision_status=Adaptation.DecisionStatus.PROPOSED,
    )

    SignInPage(page, demo_site).open().sign_in(MEMBER, DEMO_PASSWORD)
    dashboard = BoardDashboardPage(page, demo_site, BOARD).open().wait_until_shown()
    assert dashboard.month_shown == f"{latest:%B %Y}"
    assert awaiting.title in dashboard.awaiting_decision()
    dashboard.screenshot(screenshots / "board-dashboard.png")

    dashboard.go_to_previous_month()
    assert dashboard.month_shown == f"{earlier:%B %Y}"
    assert f"month={earlier:%Y-%m}" in page.url
    dashboard.go_to_month(f"{latest:%Y-%m}")
    assert dashboard.month_shown == f"{latest:%B %Y}"

    decide = dashboard.decide(awaiting.title)
    decide.choose("Approve the adaptation")
    decide.fill("Rationale", "Face-to-face meetings every fortnight keep the unit's practice.")
    meeting = decide.choose_latest_meeting()
    decide.screenshot(screenshots / "board-decide.png")
    dashboard = decide.record(BOARD, demo_site)
    assert "approved" in dashboard.banner.lower()
    assert dashboard.month_shown == f"{latest:%B %Y}"
    assert awaiting.title not in dashboard.awaiting_decision()
    awaiting.refresh_from_db()
    assert awaiting.decision_status == Adaptation.DecisionStatus.APPROVED
    decision = Decision.objects.get(adaptation=awaiting)
    assert decision.recorded_by.email == MEMBER
    assert decision.meeting.board.slug == BOARD
    assert f"{decision.meeting.held_on:%-d %B %Y}" in meeting

    download = dashboard.download_board_pack()
    assert download.suggested_filename == f"{BOARD}-{latest:%Y-%m}-board-pack.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
