"""Accreditations and licences: the adoption's page and form, which sites hold one on
the directory page, and expiry on the board dashboard and in the digest."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from governance.dashboard import board_month
from governance.digests import digest_compose
from governance.months import BoardMonthWindow
from sites.models import Accreditation
from sites.services import accreditation_create
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


def accredit(world, adoption=None, **fields):
    values = {
        "kind": Accreditation.Kind.ACCREDITATION,
        "awarding_body": "Daybreak",
        "standard": "FGC service accreditation",
        "status": Accreditation.Status.AWARDED,
        "awarded_on": datetime.date(2023, 4, 1),
        "expires_on": datetime.date(2026, 4, 1),
    } | fields
    return accreditation_create(actor=world.lead, adoption=adoption or world.adoption, **values)


def form_data(**overrides):
    data = {
        "kind": "licence",
        "awarding_body": "The Fostering Network",
        "standard": "Programme licence",
        "status": "awarded",
        "awarded_on_0": "1",
        "awarded_on_1": "4",
        "awarded_on_2": "2024",
        "expires_on_0": "31",
        "expires_on_1": "3",
        "expires_on_2": "2027",
        "evidence_url": "https://example.org/licence.pdf",
        "conditions": "",
    }
    return data | overrides


def url(name, world, **kwargs):
    return reverse(f"adoptions:{name}", kwargs={"pk": world.adoption.pk, **kwargs})


def test_the_team_records_a_licence_and_sees_it_listed(world, client_for):
    client = client_for(world.contributor)
    response = client.post(url("accreditation_new", world), form_data())
    assert response.status_code == 302 and response.url == url("accreditations", world)
    accreditation = Accreditation.objects.get()
    assert (accreditation.kind, accreditation.expires_on) == ("licence", datetime.date(2027, 3, 31))
    assert accreditation.history.first().history_user == world.contributor
    page = client.get(url("accreditations", world)).content.decode()
    assert "Programme licence" in page and "31 March 2027" in page
    assert "Expires soon" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"awarding_body": ""}, "awarding_body", "Enter the awarding body"),
        (
            {"awarded_on_0": "", "awarded_on_1": "", "awarded_on_2": ""},
            "awarded_on",
            "Enter the award date",
        ),
        ({"awarded_on_2": "2026"}, "awarded_on", "The award date must be today or in the past"),
        ({"expires_on_2": "2023"}, "expires_on", "The expiry date must be after the award date"),
        ({"evidence_url": "not a link"}, "evidence_url", "Enter a full web address"),
        ({"status": "renewed"}, "status", "Select a valid choice"),
    ],
)
def test_form_rules_redisplay_with_the_error_and_save_nothing(
    world, client_for, changes, field, message
):
    response = client_for(world.lead).post(url("accreditation_new", world), form_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in text for text in errors[field]), errors
    assert "govuk-error-summary" in response.content.decode()
    assert not Accreditation.objects.exists()


def test_applied_for_needs_no_award_date(world, client_for):
    data = form_data(status="applied", awarded_on_0="", awarded_on_1="", awarded_on_2="")
    response = client_for(world.lead).post(url("accreditation_new", world), data)
    assert response.status_code == 302
    assert Accreditation.objects.get().awarded_on is None


def test_the_page_flags_expiry_within_ninety_days_and_expired(world, client_for):
    accredit(world, standard="Soon", expires_on=TODAY + datetime.timedelta(days=90))
    accredit(world, standard="Later", expires_on=TODAY + datetime.timedelta(days=91))
    accredit(world, standard="Gone", expires_on=TODAY - datetime.timedelta(days=1))
    accredit(world, standard="Let go", status="lapsed", expires_on=TODAY)
    page = client_for(world.board_observer).get(url("accreditations", world))
    flags = {a.standard: (a.expiring, a.expired) for a in page.context["accreditations"]}
    assert flags == {
        "Soon": (True, False),
        "Later": (False, False),
        "Gone": (False, True),
        "Let go": (False, False),
    }
    assert "Add an accreditation or licence" not in page.content.decode()


def test_edit_and_delete_go_through_the_services(world, client_for):
    accreditation = accredit(world)
    client = client_for(world.lead)
    response = client.post(
        url("accreditation_edit", world, item=accreditation.pk),
        form_data(status="lapsed", standard="FGC service accreditation"),
    )
    assert response.status_code == 302
    accreditation.refresh_from_db()
    assert accreditation.status == "lapsed"
    client.post(url("accreditation_delete", world, item=accreditation.pk))
    assert not Accreditation.objects.exists()
    assert Accreditation.history.filter(history_type="-").get().history_user == world.lead


def test_directory_page_lists_the_sites_holding_one_today(world, client_for):
    accredit(world, standard="Current licence")
    accredit(world, adoption=world.other_adoption, standard="Expired", expires_on=TODAY)
    accredit(
        world, adoption=world.other_adoption, standard="Old", expires_on=datetime.date(2025, 1, 1)
    )
    accredit(
        world, adoption=world.other_adoption, standard="Pending", status="applied", awarded_on=None
    )
    response = client_for(None).get(
        reverse("innovations:detail", kwargs={"slug": "systemic-units"})
    )
    holders = [(site.name, a.standard) for site, a in response.context["accreditation_holders"]]
    assert holders == [
        ("Adopting Borough Council", "Current licence"),
        ("Other Borough Council", "Expired"),  # expires today: still held today
    ]


def test_directory_page_queries_do_not_grow_with_accreditations(world, client_for):
    accredit(world)

    def grow():
        for n in range(3):
            accredit(world, adoption=world.other_adoption, standard=f"Licence {n}")

    assert_queries_do_not_grow(
        client_for(None),
        reverse("innovations:detail", kwargs={"slug": "systemic-units"}),
        grow=grow,
    )


def test_board_month_shows_expiry_within_ninety_days_of_the_as_of_date(world):
    # February 2025's cycle is still open on 20 March, so it is taken at "now".
    window = BoardMonthWindow.for_month(datetime.date(2025, 2, 1), now=NOW)
    accredit(world, standard="Soon", expires_on=TODAY + datetime.timedelta(days=90))
    accredit(world, standard="Too far", expires_on=TODAY + datetime.timedelta(days=91))
    accredit(world, standard="Just gone", expires_on=TODAY - datetime.timedelta(days=10))
    accredit(world, standard="Long gone", expires_on=TODAY - datetime.timedelta(days=91))
    accredit(world, standard="Lapsed", status="lapsed", expires_on=TODAY)
    accredit(world, adoption=world.other_adoption, standard="Another board's")
    month = board_month(world.board, window)
    assert [(a.standard, a.days_left) for a in month.accreditations] == [
        ("Just gone", -10),
        ("Soon", 90),
    ]


def test_the_digest_and_dashboard_name_the_expiring_licence(world, client_for):
    accredit(world, standard="Unit licence", expires_on=TODAY + datetime.timedelta(days=30))
    digest = digest_compose(board=world.board, period=datetime.date(2025, 2, 1), now=NOW)
    assert "Unit licence (Daybreak), Systemic Units at Adopting Borough Council: expires on" in (
        digest.text
    )
    assert "Unit licence" in digest.html
    page = client_for(world.board_member).get(
        reverse("boards:detail", kwargs={"slug": world.board.slug}), {"month": "2025-02"}
    )
    assert "In 30 days" in page.content.decode()
