"""Journey 2: a governance-board member signs in, reviews the month's dashboard,
changes month and back, approves an adaptation awaiting the board, records an
action, and downloads the board pack.

It runs with a mouse, with JavaScript turned off, and by keyboard alone (see the
`journey` fixture); the three runs share one demo load, so each is a member of a
different demo board deciding that board's adaptation.
"""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from governance.models import Action, Decision, GovernanceBoard
from governance.months import latest_complete_month
from sites.models import Adaptation
from sites.periods import previous_month

from .driving import Mode
from .pages import SignInPage

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "adopt-and-adapt-demo"
MEMBERS = {
    Mode.MOUSE: ("member@demo.adoptadapt.test", "rsw-governance-board"),
    Mode.NO_JAVASCRIPT: ("hannah.brook@demo.adoptadapt.test", "mockingbird-programme-board"),
    Mode.KEYBOARD: ("mark.lister@demo.adoptadapt.test", "bradford-innovation-board"),
}
ACTION = "Share the revised travel plan with every site before the next meeting."


def test_board_member_reviews_decides_and_downloads_the_pack(demo_server, journey, tmp_path):
    act, page = journey, journey.page
    email, slug = MEMBERS[act.mode]
    member = User.objects.get(email=email)
    board = GovernanceBoard.objects.get(slug=slug)
    latest = latest_complete_month(timezone.localdate())
    earlier = previous_month(latest)
    month, earlier_month = date_format(latest, "F Y"), date_format(earlier, "F Y")
    awaiting = Adaptation.objects.get(
        adoption__board=board,
        needs_board_decision=True,
        decision_status=Adaptation.DecisionStatus.PROPOSED,
    )

    my_work = SignInPage(page, demo_server).open().sign_in(email, DEMO_PASSWORD)
    dashboard = my_work.open_board_dashboard(board.name, slug)
    assert dashboard.month_shown == month
    assert awaiting.title in dashboard.awaiting_decision()
    act.screenshot("board-1-dashboard")

    # Another month, then back with the month picker.
    dashboard.go_to_previous_month(earlier_month)
    assert f"month={earlier:%Y-%m}" in page.url
    dashboard.go_to_month(f"{latest:%Y-%m}", month)

    # The adaptation: approved at the board's latest meeting.
    decide = dashboard.decide(awaiting.title)
    decide.tick("Approve the adaptation")
    decide.fill("Rationale", "Meeting in person every fortnight keeps the unit's practice.")
    meeting = decide.choose_latest_meeting()
    act.screenshot("board-2-decide")
    dashboard = decide.record(month)
    assert "approved" in dashboard.banner.lower()
    assert awaiting.title not in dashboard.awaiting_decision()
    awaiting.refresh_from_db()
    assert awaiting.decision_status == Adaptation.DecisionStatus.APPROVED
    decision = Decision.objects.get(adaptation=awaiting)
    assert decision.recorded_by == member
    assert decision.meeting.board == board
    assert f"{decision.meeting.held_on:%-d %B %Y}" in meeting

    # An action: saving it empty says what is missing, then it is recorded.
    form = dashboard.add_action()
    assert "There is a problem" in form.save_expecting_errors()
    act.screenshot("board-3-action-with-errors")
    form.fill("What needs to be done", ACTION)
    form.select("Owner", f"{member.get_full_name()}, {member.organisation}")
    due = timezone.localdate() + timezone.timedelta(days=28)
    form.fill_date("Due date", due.day, due.month, due.year)
    actions = form.save()
    assert ACTION in " ".join(actions.descriptions())
    act.screenshot("board-4-actions")
    action = Action.objects.get(board=board, description=ACTION)
    assert (action.owner, action.due_on) == (member, due)

    # The board pack for the month, as a PDF.
    dashboard = actions.back_to_dashboard(board.name, slug)
    download = dashboard.download_board_pack()
    assert download.suggested_filename == f"{slug}-{latest:%Y-%m}-board-pack.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    assert not act.unchecked_pages(), "pages shown without an accessibility check"
