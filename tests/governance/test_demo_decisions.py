"""The demo's board decisions go through `adaptation_decide`, dated to their meetings."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import Decision

pytestmark = pytest.mark.django_db


def test_demo_decisions_on_adaptations_are_made_through_the_service():
    call_command("load_demo")
    decisions = list(
        Decision.objects.filter(adaptation__isnull=False).select_related(
            "adaptation__adoption__adopting_site", "meeting__board", "recorded_by"
        )
    )
    assert {d.outcome for d in decisions} == {"approved", "rejected"}
    for decision in decisions:
        adaptation = decision.adaptation
        # The service's title, and the adaptation carries the board's outcome.
        assert decision.title.startswith(f"{adaptation.adoption.adopting_site.name}: ")
        assert adaptation.decision_status == decision.outcome
        assert adaptation.decision_rationale == decision.rationale
        assert decision.meeting.board_id == adaptation.adoption.board_id
        # Dated to the meeting, as if recorded that afternoon.
        assert timezone.localdate(adaptation.decided_at) == decision.meeting.held_on
        assert timezone.localdate(decision.recorded_at) == decision.meeting.held_on
        chair = decision.meeting.board.memberships.get(role="chair").user
        assert decision.recorded_by == chair
        assert decision.history.earliest().history_user == chair
