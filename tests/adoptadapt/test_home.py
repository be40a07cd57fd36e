"""The home page: "my work" for people who are signed in, the directory otherwise."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from innovations.models import Innovation
from sites.models import AdoptionRole, Rag
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
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


def _tag(row: str) -> str:
    """The text of the last GOV.UK tag in the update column of a row."""
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, flags=re.S)
    update_cell = cells[3]
    return re.sub(r"<[^>]+>", "", update_cell).strip()


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
    assert _tag(_row(html, "Draft Model at")) == "Draft"
    assert _tag(_row(html, "Submitted Model at")) == "Submitted"
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
    assert _tag(_row(html, "Overdue Model at")) == "Due 10 Mar"
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
