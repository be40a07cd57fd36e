"""The home page: "my work" for people who are signed in, the directory otherwise."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from innovations.models import Innovation
from sites.models import AdoptionRole, Rag
from sites.services import progress_update_return
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FEB = datetime.date(2025, 2, 1)
AFTER_DUE = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)  # Feb due 10 March
BEFORE_DUE = datetime.datetime(2025, 3, 5, 12, 0, tzinfo=datetime.UTC)


def _row(html: str, text: str) -> str:
    """The table row of the home page that mentions `text`."""
    rows = [r for r in html.split('<tr class="govuk-table__row">') if text in r]
    assert len(rows) == 1, f"expected one row mentioning {text!r}, found {len(rows)}"
    return rows[0].split("</tr>")[0]


def _update_cell(row: str) -> str:
    """The update column of a row (the first cell after the adoption's name)."""
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, flags=re.S)
    return cells[0]


def _tag(row: str) -> str:
    """The text of the GOV.UK tag in the update column of a row."""
    return re.findall(r'<strong class="govuk-tag[^"]*">(.*?)</strong>', _update_cell(row))[0]


def _update_text(row: str) -> str:
    """Everything a sighted reader sees in the update column, spaces normalised."""
    cell = re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", _update_cell(row))
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_anonymous_visitors_are_sent_to_the_directory(anonymous_client):
    response = anonymous_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("innovations:list") == "/directory/"


@pytest.fixture
def lead_with_three_adoptions(db):
    lead = UserFactory(first_name="Lee", last_name="Lead")
    adoptions = {}
    for name in ("Overdue Model", "Draft Model", "Submitted Model"):
        adoption = AdoptionFactory(innovation=InnovationFactory(name=name))
        AdoptionRoleFactory(adoption=adoption, user=lead, role=AdoptionRole.Role.LEAD)
        adoptions[name] = adoption
    ProgressUpdateFactory(adoption=adoptions["Draft Model"], period=FEB, rag=Rag.GREEN)
    ProgressUpdateFactory(
        adoption=adoptions["Submitted Model"], period=FEB, rag=Rag.AMBER, submit=True
    )
    BoardMembershipFactory(
        user=lead, board__name="Leads Learning Board", board__slug="leads-learning-board"
    )
    return lead, adoptions


def test_lead_sees_each_adoption_with_its_update_status_when_overdue(
    lead_with_three_adoptions, client_for
):
    lead, adoptions = lead_with_three_adoptions
    with time_machine.travel(AFTER_DUE, tick=False):
        response = client_for(lead).get("/")
    assert response.status_code == 200
    html = response.text
    assert '<h1 class="govuk-heading-xl">My work</h1>' in html
    assert "Updates for February 2025 were due by 10 March 2025." in html
    assert _tag(_row(html, "Overdue Model at")) == "Overdue"
    assert (
        _update_text(_row(html, "Overdue Model at"))
        == "Overdue Overdue by 10 days Write the update"
    )
    assert _tag(_row(html, "Draft Model at")) == "Draft"
    assert (
        _update_text(_row(html, "Draft Model at")) == "Draft Overdue by 10 days Continue the update"
    )
    assert _tag(_row(html, "Submitted Model at")) == "Submitted"
    assert _update_text(_row(html, "Submitted Model at")) == "Submitted View"
    for adoption in adoptions.values():
        assert f'href="{adoption.get_absolute_url()}"' in html
    assert "Project lead" in _row(html, "Overdue Model at")
    assert "Amber" in _row(html, "Submitted Model at")
    assert "Leads Learning Board" in html
    assert "Member · oversees 0 adoptions<" in html


def test_before_the_due_date_a_missing_update_is_due_not_overdue(
    lead_with_three_adoptions, client_for
):
    lead, _adoptions = lead_with_three_adoptions
    with time_machine.travel(BEFORE_DUE, tick=False):
        html = client_for(lead).get("/").text
    assert _tag(_row(html, "Overdue Model at")) == "Due"
    assert _update_text(_row(html, "Overdue Model at")) == "Due Due in 5 days Write the update"
    assert "now overdue" not in html
    assert _tag(_row(html, "Draft Model at")) == "Draft"


def test_lead_sees_how_many_adaptations_await_the_board(world, client_for):
    must_have = FidelityCriterionFactory(innovation=world.innovation)
    AdaptationFactory(adoption=world.adoption, criteria=[must_have])
    response = client_for(world.lead).get("/")
    [listed] = response.context["adoptions"]
    assert listed.awaiting_decision_count == 1
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in response.text


def test_board_member_sees_their_boards(world, client_for):
    response = client_for(world.board_member).get("/")
    assert response.status_code == 200
    assert [b.slug for b in response.context["boards"]] == ["our-adopters-board"]
    assert f'href="{world.board.get_absolute_url()}"' in response.text
    assert "Member · oversees 1 adoption<" in response.text
    assert "Other Adopters Board" not in response.text
    assert "You do not have a role on any adoption yet." in response.text
    assert response.context["directory_counts"] is None


def test_board_chair_sees_their_role(world, client_for):
    BoardMembershipFactory(board=world.other_board, user=world.board_chair, role="observer")
    html = client_for(world.board_chair).get("/").text
    assert "Chair · oversees 1 adoption<" in html
    assert "Observer · oversees 1 adoption<" in html


def test_directory_admin_sees_directory_counts(db, client_for):
    admin = UserFactory(is_directory_admin=True)
    InnovationFactory.create_batch(3, status=Innovation.Status.PUBLISHED)
    InnovationFactory.create_batch(2, status=Innovation.Status.DRAFT)
    InnovationFactory(status=Innovation.Status.ARCHIVED)
    response = client_for(admin).get("/")
    assert response.context["directory_counts"] == {"published": 3, "draft": 2, "archived": 1}
    html = re.sub(r"\s+", " ", response.text)
    for label, count in (("Published entries", 3), ("Drafts", 2), ("Archived", 1)):
        assert (
            f'<dt class="govuk-summary-list__key">{label}</dt> '
            f'<dd class="govuk-summary-list__value">{count}</dd>'
        ) in html


def test_people_who_are_not_directory_admins_see_no_counts(world, client_for):
    response = client_for(world.lead).get("/")
    assert response.context["directory_counts"] is None
    assert "Published entries" not in response.text


def test_originating_partner_sees_the_adoptions_they_partner_on(world, client_for):
    response = client_for(world.originating_partner).get("/")
    [listed] = response.context["adoptions"]
    assert listed == world.adoption
    assert listed.my_role == AdoptionRole.Role.ORIGINATING_PARTNER
    assert "Originating partner" in response.text


def test_a_superuser_counts_as_a_directory_admin_on_my_work(db, client_for):
    """The `is_directory_admin` rule (accounts.rules) and every queryset treat a
    superuser as a directory admin; my work should too, rather than read the field."""
    superuser = UserFactory(is_superuser=True, is_staff=True, is_directory_admin=False)
    InnovationFactory(status=Innovation.Status.DRAFT)
    response = client_for(superuser).get("/")
    assert response.context["directory_counts"] == {"published": 0, "draft": 1, "archived": 0}


# --- monthly updates, adaptations and fidelity on my work ---------------------------


def test_each_adoption_links_to_its_update_for_the_reporting_period(world, client_for):
    with time_machine.travel(BEFORE_DUE, tick=False):
        html = client_for(world.contributor).get("/").text
    url = reverse("adoptions:update_edit", kwargs={"pk": world.adoption.pk, "period": "2025-02"})
    assert f'href="{url}"' in html
    assert _update_text(_row(html, "Systemic Units at")) == "Due Due in 5 days Write the update"


def test_a_returned_update_shows_as_returned_with_a_link_to_revise(world, client_for):
    update = ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=FEB, rag=Rag.GREEN, submit=True
    )
    progress_update_return(actor=world.board_chair, update=update, note="Add the figures.")
    with time_machine.travel(AFTER_DUE, tick=False):
        html = client_for(world.lead).get("/").text
    row = _row(html, "Systemic Units at")
    assert _tag(row) == "Returned for revision"
    assert _update_text(row) == "Returned for revision Overdue by 10 days Revise the update"


def test_the_partner_sees_a_submitted_update_without_a_write_link(world, client_for):
    ProgressUpdateFactory(
        actor=world.lead, adoption=world.adoption, period=FEB, rag=Rag.GREEN, submit=True
    )
    with time_machine.travel(AFTER_DUE, tick=False):
        html = client_for(world.originating_partner).get("/").text
    assert _update_text(_row(html, "Systemic Units at")) == "Submitted View"


def test_an_adoption_that_started_this_month_has_no_update_due(world, client_for):
    with time_machine.travel(datetime.datetime(2024, 4, 20, 12, tzinfo=datetime.UTC), tick=False):
        html = client_for(world.lead).get("/").text
    assert _update_text(_row(html, "Systemic Units at")) == "Not due yet"


def _fidelity_cell(row: str) -> str:
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[-1]).split())


def test_next_fidelity_assessment_is_due_three_months_after_the_last(world, client_for):
    FidelityAssessmentFactory(adoption=world.adoption, assessed_on=datetime.date(2025, 1, 20))
    with time_machine.travel(BEFORE_DUE, tick=False):
        html = client_for(world.lead).get("/").text
    assert _fidelity_cell(_row(html, "Systemic Units at")) == "20 Apr 2025"


def test_an_overdue_fidelity_assessment_says_so(world, client_for, settings):
    settings.FIDELITY_ASSESSMENT_INTERVAL_MONTHS = 1
    FidelityAssessmentFactory(adoption=world.adoption, assessed_on=datetime.date(2025, 1, 20))
    with time_machine.travel(BEFORE_DUE, tick=False):
        html = client_for(world.lead).get("/").text
    assert _fidelity_cell(_row(html, "Systemic Units at")) == "Overdue Was due 20 Feb 2025"


def test_without_an_assessment_the_first_is_due_an_interval_after_the_start(world, client_for):
    with time_machine.travel(BEFORE_DUE, tick=False):
        html = client_for(world.lead).get("/").text
    # The world's adoption started on 1 April 2024: due 1 July 2024, long past.
    assert _fidelity_cell(_row(html, "Systemic Units at")) == (
        "Overdue Was due 1 Jul 2024 No assessment yet"
    )


def test_board_members_see_the_adoptions_whose_updates_await_review(world, client_for):
    for period in (datetime.date(2025, 1, 1), FEB):
        ProgressUpdateFactory(
            actor=world.lead, adoption=world.adoption, period=period, rag=Rag.GREEN, submit=True
        )
    ProgressUpdateFactory(
        actor=world.other_lead,
        adoption=world.other_adoption,
        period=FEB,
        rag=Rag.GREEN,
        submit=True,
    )
    with time_machine.travel(AFTER_DUE, tick=False):
        for actor in (world.board_member, world.board_chair, world.originating_partner):
            response = client_for(actor).get("/")
            [waiting] = response.context["awaiting_review"]
            assert waiting == world.adoption
            assert waiting.awaiting_review_count == 2
            url = reverse(
                "adoptions:update_review", kwargs={"pk": world.adoption.pk, "period": "2025-02"}
            )
            assert f'href="{url}"' in response.text
            assert "2 updates wait for review, the oldest from January 2025." in response.text
        # Observers, the lead and the contributor do not review.
        for actor in (world.board_observer, world.lead, world.contributor):
            response = client_for(actor).get("/")
            assert response.context["awaiting_review"] == []
            assert "Updates awaiting your review" not in response.text
