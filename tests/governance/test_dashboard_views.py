"""The board dashboard page: the month it shows, what it says, and bad month input."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from sites.models import Rag
from tests.factories import (
    AdaptationFactory,
    FidelityCriterionFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 11, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def november_2025():
    """Today is 20 November 2025: the latest complete month is October."""
    with time_machine.travel(NOW, tick=False):
        yield


def _dashboard(world, client_for, query="", user=None):
    url = reverse("boards:detail", kwargs={"slug": world.board.slug}) + query
    return client_for(user or world.board_member).get(url)


def test_the_dashboard_defaults_to_the_latest_complete_month(world, client_for):
    response = _dashboard(world, client_for)
    assert response.status_code == 200
    assert response.context["window"].month == datetime.date(2025, 10, 1)
    assert "Board dashboard for October 2025" in response.text
    assert "Figures so far, as at 20 November 2025" in response.text
    assert 'href="?month=2025-09"' in response.text
    assert "?month=2025-11" not in response.text


def test_a_past_month_is_final_and_links_both_ways(world, client_for):
    response = _dashboard(world, client_for, "?month=2025-06")
    assert response.context["window"].month == datetime.date(2025, 6, 1)
    assert "Final figures: what was known on 31 July 2025" in response.text
    assert 'href="?month=2025-05"' in response.text
    assert 'href="?month=2025-07"' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?month=June", "Enter the month as a year and month, like 2026-10."),
        ("?month=2025-13", "Enter the month as a year and month, like 2026-10."),
        ("?month=0000-01", "Enter the month as a year and month, like 2026-10."),
        ("?month=2026-03", "March 2026 is not over yet, so this shows October 2025"),
    ],
)
def test_a_bad_month_says_what_is_wrong_and_shows_the_latest_month(
    world, client_for, query, message
):
    response = _dashboard(world, client_for, query)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert response.context["window"].month == datetime.date(2025, 10, 1)


def test_a_very_long_month_value_is_not_a_server_error(world, client_for):
    response = _dashboard(world, client_for, "?month=" + "9" * 5000)
    assert response.status_code == 200
    assert "There is a problem" in response.text


def test_the_dashboard_shows_each_adoption_and_who_has_not_reported(world, client_for):
    with time_machine.travel(datetime.datetime(2025, 10, 3, tzinfo=datetime.UTC), tick=False):
        ProgressUpdateFactory(
            actor=world.lead,
            adoption=world.adoption,
            period=datetime.date(2025, 9, 1),
            rag=Rag.AMBER,
            submit=True,
            lessons_learned="Families trust a worker who stays.",
        )
    october = _dashboard(world, client_for)
    assert "Systemic Units" in october.text
    assert "Overdue by 10 days" in october.text
    assert [row.adoption for row in october.context["dashboard"].not_reported] == [world.adoption]
    september = _dashboard(world, client_for, "?month=2025-09")
    assert september.context["dashboard"].not_reported == []
    assert "Families trust a worker who stays." in september.text
    assert "Every adoption has reported for September 2025." in september.text


def test_every_chart_has_a_title_a_description_and_a_table(world, client_for):
    FidelityCriterionFactory(innovation=world.innovation, name="Consultant-led units")
    response = _dashboard(world, client_for)
    text = response.text
    assert text.count("<svg") >= 3
    assert text.count('role="img"') == text.count("<svg") - text.count(
        'aria-hidden="true" focusable'
    )
    assert "Adoptions by RAG status" in text
    assert '<title id="rag-counts-title">' in text
    assert '<desc id="rag-counts-desc">' in text
    assert "Latest score on each must-have, by site" in text
    assert "M1 Consultant-led units" in text


def test_members_can_decide_from_the_dashboard_observers_cannot(world, client_for):
    must_have = FidelityCriterionFactory(innovation=world.innovation)
    with time_machine.travel(datetime.datetime(2025, 10, 3, tzinfo=datetime.UTC), tick=False):
        adaptation = AdaptationFactory(
            actor=world.lead, adoption=world.adoption, criteria=[must_have], title="Fewer units"
        )
    member = _dashboard(world, client_for)
    assert [a.pk for a in member.context["dashboard"].awaiting_decision] == [adaptation.pk]
    assert member.context["can_record"] is True
    observer = _dashboard(world, client_for, user=world.board_observer)
    assert "Fewer units" in observer.text
    assert observer.context["can_record"] is False


# --- A large board: the page shows a bounded part, and says where the rest is ---------


@pytest.fixture
def large_board(world):
    """25 adoptions of 12 innovations on our board; none has reported for October,
    and each September update has a lesson."""
    from tests.factories import AdoptionFactory, InnovationFactory

    innovations = [InnovationFactory(name=f"Model {n:02d}") for n in range(12)]
    for n in range(24):
        adoption = AdoptionFactory(
            actor=world.directory_admin,
            innovation=innovations[n % 12],
            board=world.board,
            started_on=datetime.date(2024, 1, 1),
        )
        FidelityCriterionFactory(innovation=adoption.innovation)
    return world.board


def test_a_large_board_shows_adoptions_a_page_at_a_time(world, client_for, large_board):
    first = _dashboard(world, client_for)
    assert len(first.context["page_obj"].object_list) == 20
    assert "Adoptions 1 to 20 of 25." in first.text
    second = _dashboard(world, client_for, "?month=2025-10&page=2")
    assert len(second.context["page_obj"].object_list) == 5
    assert second.context["window"].month == datetime.date(2025, 10, 1)
    shown = {row.adoption.pk for row in first.context["page_obj"]} | {
        row.adoption.pk for row in second.context["page_obj"]
    }
    assert len(shown) == 25
    # Headline counts still cover every adoption, not just the page.
    assert len(first.context["dashboard"].not_reported) == 25
    assert len(first.context["not_reported"]) == 20
    assert "And 5 more, less overdue" in first.text
    assert _dashboard(world, client_for, "?page=99").context["page_obj"].number == 2


def test_a_large_board_shows_a_few_innovations_and_links_to_all(world, client_for, large_board):
    response = _dashboard(world, client_for)
    names = [figures.name for figures in response.context["innovations"]]
    assert names == ["Model 00", "Model 01", "Model 02"]
    assert "See the totals and fidelity of all 13 innovations" in response.text
    url = reverse("boards:innovations", kwargs={"slug": world.board.slug})
    assert f'href="{url}?month=2025-10"' in response.text
    all_of_them = client_for(world.board_member).get(url, {"month": "2025-10"})
    assert [f.name for f in all_of_them.context["innovations"]][:2] == ["Model 00", "Model 01"]
    assert len(all_of_them.context["innovations"]) == 10
    last = client_for(world.board_member).get(url, {"month": "2025-10", "page": "2"})
    assert [f.name for f in last.context["innovations"]] == [
        "Model 10",
        "Model 11",
        "Systemic Units",
    ]
    assert "Innovations 11 to 13 of 13, by name." in last.text
    bad = client_for(world.board_member).get(url, {"month": "June"})
    assert bad.status_code == 200 and "Enter the month as a year and month" in bad.text
