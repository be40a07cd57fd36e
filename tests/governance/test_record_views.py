"""The pages of a board's meetings, decisions and actions: happy paths, forms that
re-display with their errors and what was typed, and the lead seeing the outcome.
(Who may open which page is in the permission matrix.)"""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Action, BoardMeeting, Decision
from governance.services import action_create, adaptation_decide, board_meeting_create
from sites.models import Adaptation
from tests.world import world_action, world_adaptation, world_meeting

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 12)


def _url(name, world, **kwargs):
    return reverse(f"boards:{name}", kwargs={"slug": world.board.slug, **kwargs})


def _errors(response) -> list[str]:
    """The error summary's messages, in order."""
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.text, re.S)
    assert summary, "no error summary on the page"
    return [
        html.unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary[1], re.S)
    ]


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


# --- meetings -----------------------------------------------------------------------


def test_meetings_list_latest_first_with_counts(world, client_for):
    older = world_meeting(world)
    newer = board_meeting_create(
        actor=world.board_chair,
        board=world.board,
        held_on=DAY,
        attendees=[world.board_chair, world.board_member, world.board_observer],
    )
    world_action(world)
    world_meeting(world, "other_board")
    response = client_for(world.board_observer).get(_url("meetings", world))
    assert [m.pk for m in response.context["meetings"]] == [newer.pk, older.pk]
    counts = {
        m.pk: (m.attendee_count, m.decision_count, m.action_count)
        for m in response.context["meetings"]
    }
    assert counts == {newer.pk: (3, 0, 0), older.pk: (1, 0, 1)}
    assert "12 March 2025" in response.text
    assert "Record a meeting" not in response.text
    assert "Record a meeting" in client_for(world.board_member).get(_url("meetings", world)).text


def test_meetings_list_is_paginated(world, client_for):
    for n in range(22):
        board_meeting_create(
            actor=world.board_chair, board=world.board, held_on=DAY - datetime.timedelta(days=n)
        )
    client = client_for(world.board_chair)
    first = client.get(_url("meetings", world))
    assert len(first.context["meetings"]) == 20
    assert "22 meetings" in first.text
    second = client.get(_url("meetings", world) + "?page=2")
    assert len(second.context["meetings"]) == 2


def test_record_a_meeting(world, client_for):
    response = client_for(world.board_chair).post(
        _url("meeting_create", world),
        {
            **_date("held_on", DAY),
            "attendees": [world.board_chair.pk, world.board_observer.pk],
            "other_attendees": "Head of service, Hull",
            "notes": "Reviewed the tramlines.",
        },
        follow=True,
    )
    meeting = BoardMeeting.objects.get(board=world.board, held_on=DAY)
    assert response.redirect_chain[-1][0] == _url("meeting_detail", world, pk=meeting.pk)
    assert set(meeting.attendees.all()) == {world.board_chair, world.board_observer}
    assert "Meeting of 12 March 2025 saved." in response.text
    assert "govuk-notification-banner--success" in response.text
    assert "Head of service, Hull" in response.text


def test_meeting_form_offers_the_boards_members_with_their_roles(world, client_for):
    response = client_for(world.board_chair).get(_url("meeting_create", world))
    assert "Chris" in response.text and "(chair)" in response.text
    assert "Obi" in response.text and "(observer)" in response.text
    assert "Lee" not in response.text  # the lead is not on the board


def test_meeting_form_errors_keep_what_was_typed(world, client_for):
    response = client_for(world.board_chair).post(
        _url("meeting_create", world),
        {
            "held_on_0": "31",
            "held_on_1": "2",
            "held_on_2": "2025",
            "notes": "Keep these notes",
            "attendees": [world.board_member.pk],
        },
    )
    assert response.status_code == 200
    assert _errors(response) == ["The meeting date must be a real date"]
    assert "<title>Error:" in response.text
    assert "Keep these notes" in response.text
    assert re.search(rf'value="{world.board_member.pk}"[^>]*checked', response.text)
    assert not BoardMeeting.objects.exists()


def test_meeting_form_shows_the_services_refusal(world, client_for):
    world_meeting(world)
    response = client_for(world.board_chair).post(
        _url("meeting_create", world), {**_date("held_on", world_meeting(world).held_on)}
    )
    assert _errors(response) == ["This board already has a meeting on 14 January 2025."]


def test_meeting_form_refuses_someone_not_on_the_board(world, client_for):
    response = client_for(world.board_chair).post(
        _url("meeting_create", world), {**_date("held_on", DAY), "attendees": [world.lead.pk]}
    )
    assert _errors(response) == ["Choose attendees from the board's members"]


def test_change_a_meeting(world, client_for):
    meeting = world_meeting(world)
    client = client_for(world.board_member)
    form = client.get(_url("meeting_edit", world, pk=meeting.pk))
    assert form.context["form"].initial["attendees"] == [str(world.board_chair.pk)]
    assert 'value="14"' in form.text
    client.post(
        _url("meeting_edit", world, pk=meeting.pk),
        {**_date("held_on", DAY), "notes": "Moved.", "attendees": []},
    )
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.notes, list(meeting.attendees.all())) == (DAY, "Moved.", [])


def test_meeting_page_shows_its_decisions_and_actions(world, client_for):
    meeting = world_meeting(world)
    adaptation = world_adaptation(world)
    adaptation_decide(
        actor=world.board_chair,
        adaptation=adaptation,
        meeting=meeting,
        outcome="rejected",
        rationale="A consultant leads each unit.",
    )
    world_action(world)
    response = client_for(world.board_observer).get(_url("meeting_detail", world, pk=meeting.pk))
    text = response.text
    assert '<strong class="govuk-tag govuk-tag--red">Rejected</strong>' in text
    assert "A consultant leads each unit." in text
    assert f"Adopting Borough Council: {adaptation.title}" in text
    assert "Share the unit meeting guide with every site." in text
    assert "Add an action from this meeting" not in text
    assert "Change the meeting" not in text
    chair_view = client_for(world.board_chair).get(_url("meeting_detail", world, pk=meeting.pk))
    assert f"?meeting={meeting.pk}" in chair_view.text


# --- deciding an adaptation ---------------------------------------------------------


def _decide_url(world, adaptation, month="2025-01"):
    url = _url("decide", world, pk=adaptation.pk)
    return f"{url}?month={month}" if month else url


def test_decide_form_shows_the_adaptation_and_the_boards_meetings(world, client_for):
    adaptation = world_adaptation(world)
    world_meeting(world)
    board_meeting_create(actor=world.board_chair, board=world.board, held_on=DAY)
    world_meeting(world, "other_board")
    response = client_for(world.board_member).get(_decide_url(world, adaptation))
    text = response.text
    assert adaptation.title in text
    assert "Weekly unit meeting" in text  # the must-have it touches
    assert "Rural teams cannot meet weekly in person." in text
    labels = [label for _value, label in response.context["form"].fields["meeting"].choices]
    assert labels == ["12 March 2025", "14 January 2025", "A meeting not recorded yet"]
    assert 'name="month" value="2025-01"' in text


def test_approve_goes_back_to_the_dashboard_month_with_a_success_banner(world, client_for):
    adaptation = world_adaptation(world)
    meeting = world_meeting(world)
    client = client_for(world.board_chair)
    response = client.post(
        _decide_url(world, adaptation),
        {
            "outcome": "approved",
            "rationale": "Approved for six months.",
            "meeting": str(meeting.pk),
            "month": "2025-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/boards/{world.board.slug}/?month=2025-01"
    adaptation.refresh_from_db()
    assert adaptation.decision_status == Adaptation.DecisionStatus.APPROVED
    page = client.get(response["Location"])
    assert "govuk-notification-banner--success" in page.text
    assert "approved at the meeting of 14 January 2025" in page.text


@pytest.mark.parametrize(
    "month", ["https://elsewhere.example/", "//elsewhere.example", "2025-13", "", "2025-1"]
)
def test_only_a_real_month_is_carried_back(world, client_for, month):
    adaptation = world_adaptation(world)
    response = client_for(world.board_chair).post(
        _decide_url(world, adaptation, month=None),
        {
            "outcome": "rejected",
            "rationale": "No.",
            "meeting": "new",
            **_date("meeting_held_on", DAY),
            "month": month,
        },
    )
    assert response["Location"] == f"/boards/{world.board.slug}/"
    assert BoardMeeting.objects.filter(board=world.board, held_on=DAY).exists()


def test_decide_form_errors_keep_what_was_typed(world, client_for):
    adaptation = world_adaptation(world)
    response = client_for(world.board_chair).post(
        _decide_url(world, adaptation), {"rationale": "Half-written rationale", "month": "2025-01"}
    )
    assert response.status_code == 200
    assert _errors(response) == [
        "Select whether the board approves or rejects the adaptation",
        "Select the meeting at which the board decided",
    ]
    assert "Half-written rationale" in response.text
    assert 'name="month" value="2025-01"' in response.text
    adaptation.refresh_from_db()
    assert adaptation.awaiting_decision


def test_a_new_meeting_needs_its_date(world, client_for):
    adaptation = world_adaptation(world)
    response = client_for(world.board_chair).post(
        _decide_url(world, adaptation),
        {"outcome": "approved", "rationale": "Fine.", "meeting": "new"},
    )
    assert _errors(response) == ["Enter the date of the meeting"]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.board_chair).post(
        _decide_url(world, adaptation),
        {
            "outcome": "approved",
            "rationale": "Fine.",
            "meeting": "new",
            **_date("meeting_held_on", tomorrow),
        },
    )
    assert _errors(response) == ["The meeting date must be today or in the past"]


def test_a_meeting_that_is_not_offered_is_refused(world, client_for):
    adaptation = world_adaptation(world)
    response = client_for(world.board_chair).post(
        _decide_url(world, adaptation),
        {
            "outcome": "approved",
            "rationale": "Fine.",
            "meeting": str(world_meeting(world, "other_board").pk),
        },
    )
    assert _errors(response) == ["Select one of the board's meetings"]


def test_deciding_twice_says_it_is_already_decided(world, client_for):
    adaptation = world_adaptation(world)
    meeting = world_meeting(world)
    data = {"outcome": "approved", "rationale": "Fine.", "meeting": str(meeting.pk)}
    first, second = client_for(world.board_chair), client_for(world.board_member)
    second_form = second.get(_decide_url(world, adaptation))
    assert "Record decision" in second_form.text
    first.post(_decide_url(world, adaptation), data)
    response = second.post(_decide_url(world, adaptation), {**data, "outcome": "rejected"})
    assert response.status_code == 200
    assert _errors(response) == ["This adaptation has already been approved. Nothing was changed."]
    assert Decision.objects.filter(adaptation=adaptation).count() == 1
    page = second.get(_decide_url(world, adaptation))
    assert "This adaptation has already been approved." in page.text
    assert "Record decision" not in page.text


# --- the lead sees the outcome ------------------------------------------------------


def test_the_lead_sees_the_boards_decision_on_the_adaptation_and_in_the_log(world, client_for):
    adaptation = world_adaptation(world)
    adaptation_decide(
        actor=world.board_member,
        adaptation=adaptation,
        meeting=world_meeting(world),
        outcome="rejected",
        rationale="A consultant social worker leads each unit.",
    )
    client = client_for(world.lead)
    detail = client.get(
        reverse(
            "adoptions:adaptation_detail",
            kwargs={"pk": world.adoption.pk, "adaptation_pk": adaptation.pk},
        )
    ).text
    assert '<strong class="govuk-tag govuk-tag--red">Rejected</strong>' in detail
    assert "A consultant social worker leads each unit." in detail
    assert "14 January 2025" in detail
    assert "Mina" in detail  # who recorded it
    log = client.get(reverse("adoptions:adaptation_list", kwargs={"pk": world.adoption.pk})).text
    assert "By the board, 14 Jan 2025; recorded by Mina" in log
    assert "A consultant social worker leads each unit." in log


# --- actions ------------------------------------------------------------------------


def _add_action(world, description, due_on, **kwargs):
    return action_create(
        actor=world.board_chair,
        board=world.board,
        description=description,
        owner=kwargs.pop("owner", world.board_member),
        due_on=due_on,
        **kwargs,
    )


def test_actions_list_marks_overdue_open_actions(world, client_for):
    today = timezone.localdate()
    late = _add_action(world, "Circulate the tramlines.", today - datetime.timedelta(days=3))
    _add_action(world, "Cost a second hub.", today + datetime.timedelta(days=10))
    response = client_for(world.board_observer).get(_url("actions", world))
    text = response.text
    assert [a.description for a in response.context["actions"]] == [
        "Circulate the tramlines.",
        "Cost a second hub.",
    ]
    assert text.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1
    assert "Overdue by 3 days" in text
    assert text.count("app-row--overdue") == 1
    assert "Add an action" not in text
    assert "Change<span" not in text
    # Done (even if late) is no longer overdue.
    late.status, late.completed_on = Action.Status.DONE, today
    late.save()
    text = client_for(world.board_chair).get(_url("actions", world) + "?show=all").text
    assert "Overdue by" not in text
    assert "Add an action" in text


def test_actions_filter_open_done_all(world, client_for):
    from governance.services import action_update

    today = timezone.localdate()
    open_action = _add_action(world, "Still open.", today)
    done = _add_action(world, "Finished.", today)
    action_update(
        actor=world.board_chair, action=done, status="done", due_on=today, completed_on=today
    )
    cancelled = _add_action(world, "Dropped.", today)
    action_update(actor=world.board_chair, action=cancelled, status="cancelled", due_on=today)
    client = client_for(world.board_member)

    def shown(query):
        return {a.pk for a in client.get(_url("actions", world) + query).context["actions"]}

    assert shown("") == shown("?show=open") == shown("?show=nonsense") == {open_action.pk}
    assert shown("?show=done") == {done.pk, cancelled.pk}
    assert shown("?show=all") == {open_action.pk, done.pk, cancelled.pk}


def test_add_an_action_from_a_meeting(world, client_for):
    meeting = world_meeting(world)
    client = client_for(world.board_member)
    form = client.get(_url("action_create", world) + f"?meeting={meeting.pk}")
    assert form.context["form"].initial == {"meeting": str(meeting.pk)}
    owners = {str(u) for u in form.context["form"].fields["owner"].queryset}
    assert {"Lee", "Chris", "Mina", "Obi"} <= {o.split()[0] for o in owners}
    assert not {"Cora", "Uma", "Otto"} & {o.split()[0] for o in owners}
    response = client.post(
        _url("action_create", world),
        {
            "description": "Confirm when the second clinician starts.",
            "owner": world.lead.pk,
            **_date("due_on", datetime.date(2025, 4, 30)),
            "meeting": meeting.pk,
        },
        follow=True,
    )
    action = Action.objects.get(board=world.board)
    assert (action.owner, action.meeting, action.due_on) == (
        world.lead,
        meeting,
        datetime.date(2025, 4, 30),
    )
    assert "Action added." in response.text


def test_action_form_errors_keep_what_was_typed(world, client_for):
    response = client_for(world.board_member).post(
        _url("action_create", world),
        {"description": "Half a plan", "owner": world.other_lead.pk, "due_on_0": "3"},
    )
    assert _errors(response) == [
        "Select a member of the board or a project lead",
        "The due date must include a month and a year",
    ]
    assert "Half a plan" in response.text
    assert not Action.objects.exists()


def test_marking_an_action_done_records_today_unless_a_date_is_given(world, client_for):
    action = world_action(world)
    client = client_for(world.board_chair)
    form = client.get(_url("action_edit", world, pk=action.pk))
    assert action.description in form.text
    response = client.post(
        _url("action_edit", world, pk=action.pk),
        {"status": "done", "progress_note": "Sent to all five.", **_date("due_on", action.due_on)},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.progress_note) == (
        "done",
        timezone.localdate(),
        "Sent to all five.",
    )
    client.post(
        _url("action_edit", world, pk=action.pk),
        {"status": "open", **_date("due_on", action.due_on), **_date("completed_on", DAY)},
    )
    action.refresh_from_db()
    assert (action.status, action.completed_on) == ("open", None)


def test_action_edit_errors_keep_what_was_typed(world, client_for):
    action = world_action(world)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.board_chair).post(
        _url("action_edit", world, pk=action.pk),
        {
            "status": "done",
            "progress_note": "Nearly there",
            **_date("completed_on", tomorrow),
            "due_on_0": "",
        },
    )
    assert _errors(response) == [
        "The completion date must be today or in the past",
        "Enter the due date",
    ]
    assert "Nearly there" in response.text
    action.refresh_from_db()
    assert action.status == "open"
