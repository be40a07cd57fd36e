"""Combined programmes: one site running several innovations together, their shared
board and combined timeline, conflicts between must-haves, and the site page's
"who learns from whom"."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.dashboard import board_month
from governance.digests import digest_compose
from governance.months import BoardMonthWindow
from innovations.models import FidelityCriterion
from sites.models import MustHaveConflict, PersonnelExchange, Programme
from sites.services import (
    adoption_stage_change,
    must_have_conflict_record,
    must_have_conflict_update,
    programme_adoptions_set,
)
from sites.timeline import combined_timeline
from tests.factories import (
    AdoptionFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    SiteFactory,
)
from tests.querycount import assert_queries_do_not_grow
from tests.world import world_adaptation, world_journey_row, world_programme

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 20, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def march_2025():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def programme(world):
    return world_programme(world)


def must_haves(programme):
    """The two must-haves of the conflict world_programme records, ours first."""
    conflict = programme.conflicts.get()
    return conflict.first_criterion, conflict.second_criterion


def programme_url(world, programme, name="sites:programme", **kwargs):
    return reverse(name, kwargs={"slug": world.adopting_site.slug, "pk": programme.pk, **kwargs})


# --- the programme and its adoptions ---------------------------------------------------


def test_joining_a_programme_puts_the_adoption_under_its_shared_board(world, programme):
    adoption = AdoptionFactory(
        actor=world.directory_admin,
        innovation=InnovationFactory(name="Late Joiner"),
        adopting_site=world.adopting_site,
        board=world.other_board,
        started_on=datetime.date(2025, 1, 1),
    )
    current = list(programme.adoptions.all())
    programme_adoptions_set(
        actor=world.directory_admin, programme=programme, adoptions=[*current, adoption]
    )
    adoption.refresh_from_db()
    assert (adoption.programme, adoption.board) == (programme, world.board)
    assert adoption.history.first().history_user == world.directory_admin
    programme_adoptions_set(actor=world.directory_admin, programme=programme, adoptions=current)
    adoption.refresh_from_db()
    assert adoption.programme is None


def test_a_programme_runs_at_one_site(world, programme):
    with pytest.raises(ValidationError, match="a programme runs at one site"):
        programme_adoptions_set(
            actor=world.directory_admin, programme=programme, adoptions=[world.other_adoption]
        )
    world.other_adoption.refresh_from_db()
    assert world.other_adoption.programme is None


# --- conflicts between must-haves --------------------------------------------------------


def test_a_pair_is_recorded_once_whichever_way_round(world, programme):
    ours, theirs = must_haves(programme)
    with pytest.raises(ValidationError, match="already been recorded"):
        must_have_conflict_record(
            actor=world.lead,
            programme=programme,
            first_criterion=theirs,
            second_criterion=ours,
            description="Same again.",
        )
    assert programme.conflicts.count() == 1


def test_conflicts_are_between_current_must_haves_of_two_models_in_the_programme(world, programme):
    ours, theirs = must_haves(programme)
    adaptable = FidelityCriterionFactory(
        innovation=theirs.innovation, name="Opening hours", kind=FidelityCriterion.Kind.ADAPTABLE
    )
    same_model = FidelityCriterionFactory(
        innovation=ours.innovation, name="Consultant-led", kind=FidelityCriterion.Kind.MUST_HAVE
    )
    outsider = FidelityCriterionFactory(
        innovation=InnovationFactory(name="Elsewhere"), kind=FidelityCriterion.Kind.MUST_HAVE
    )
    cases = [
        (adaptable, "is not a current must-have"),
        (same_model, "a must-have of a different innovation"),
        (outsider, "is not a must-have of an innovation in this programme"),
    ]
    for second, message in cases:
        with pytest.raises(ValidationError, match=message):
            must_have_conflict_record(
                actor=world.lead,
                programme=programme,
                first_criterion=ours,
                second_criterion=second,
                description="x",
            )
    assert programme.conflicts.count() == 1


def test_resolving_needs_a_resolution_and_reopening_clears_the_date(world, programme):
    conflict = programme.conflicts.get()
    with pytest.raises(ValidationError, match="Say how the conflict is resolved"):
        must_have_conflict_update(
            actor=world.lead, conflict=conflict, description="d", resolution=" ", status="resolved"
        )
    resolved = must_have_conflict_update(
        actor=world.lead,
        conflict=conflict,
        description="d",
        resolution="Unit meetings move to the hub's quiet hour.",
        status="resolved",
    )
    assert resolved.resolved_at == NOW
    reopened = must_have_conflict_update(
        actor=world.lead, conflict=conflict, description="d", resolution="", status="open"
    )
    assert reopened.resolved_at is None
    assert conflict.history.count() == 3


def test_the_lead_records_a_conflict_through_the_form(world, programme, client_for):
    ours, theirs = must_haves(programme)
    MustHaveConflict.objects.all().delete()
    client = client_for(world.lead)
    url = programme_url(world, programme, "sites:conflict_new")
    form = client.get(url).context["form"]
    labels = [label for _, label in form.fields["first_criterion"].choices][1:]
    assert labels == ["Family Hubs: A hub in every district", "Systemic Units: Weekly unit meeting"]
    response = client.post(
        url, {"first_criterion": ours.pk, "second_criterion": ours.pk, "description": "x"}
    )
    assert "Select a must-have of a different innovation" in response.content.decode()
    response = client.post(
        url,
        {"first_criterion": theirs.pk, "second_criterion": ours.pk, "description": "Clash."},
    )
    assert response.status_code == 302
    conflict = MustHaveConflict.objects.get()
    assert (conflict.recorded_by, conflict.description) == (world.lead, "Clash.")


def test_the_resolution_form_says_what_is_missing(world, programme, client_for):
    conflict = programme.conflicts.get()
    url = programme_url(world, programme, "sites:conflict_edit", conflict=conflict.pk)
    client = client_for(world.lead)
    response = client.post(url, {"description": "d", "status": "resolved", "resolution": ""})
    assert response.status_code == 200
    assert "Say how the conflict is resolved" in response.content.decode()
    conflict.refresh_from_db()
    assert conflict.status == "open"


def test_the_board_sees_a_conflict_from_when_it_was_recorded(world, programme):
    conflict = programme.conflicts.get()
    # Recorded on 20 March 2025: after January's cycle closed, within February's.
    january = board_month(
        world.board, BoardMonthWindow.for_month(datetime.date(2025, 1, 1), now=NOW)
    )
    february = board_month(
        world.board, BoardMonthWindow.for_month(datetime.date(2025, 2, 1), now=NOW)
    )
    assert january.conflicts == []
    assert february.conflicts == [conflict] and not february.conflicts[0].resolved_then
    other = board_month(
        world.other_board, BoardMonthWindow.for_month(datetime.date(2025, 2, 1), now=NOW)
    )
    assert other.conflicts == []
    digest = digest_compose(board=world.board, period=datetime.date(2025, 2, 1), now=NOW)
    assert "CONFLICTS BETWEEN MUST-HAVES" in digest.text
    assert "Weekly unit meeting (Systemic Units)" in digest.text
    assert "A hub in every district (Family Hubs)" in digest.text


def test_a_conflict_resolved_before_a_month_began_is_not_shown_then(world, programme):
    conflict = programme.conflicts.get()
    must_have_conflict_update(
        actor=world.lead, conflict=conflict, description="d", resolution="r", status="resolved"
    )
    later = NOW + datetime.timedelta(days=70)
    with time_machine.travel(later, tick=False):
        march = board_month(
            world.board, BoardMonthWindow.for_month(datetime.date(2025, 3, 1), now=later)
        )
        april = board_month(
            world.board, BoardMonthWindow.for_month(datetime.date(2025, 4, 1), now=later)
        )
    assert [c.resolved_then for c in march.conflicts] == [True]
    assert april.conflicts == []


# --- the combined timeline ---------------------------------------------------------------


def test_the_timeline_merges_every_kind_of_event_newest_first(world, programme):
    adaptation = world_adaptation(world)
    second = programme.adoptions.exclude(pk=world.adoption.pk).get()
    adoption_stage_change(
        actor=world.lead,
        adoption=second,
        stage="preparation",
        changed_on=datetime.date(2025, 2, 3),
        note="",
    )
    events = combined_timeline(list(programme.adoptions.all()), [programme], limit=50)
    kinds = [event.kind for event in events]
    assert {"Stage", "Adaptation", "Conflict"} <= set(kinds)
    assert [e.on for e in events] == sorted((e.on for e in events), reverse=True)
    adaptation_event = next(e for e in events if e.kind == "Adaptation")
    assert adaptation_event.text == f"Adaptation logged: {adaptation.title}"
    assert adaptation_event.innovation == "Systemic Units"
    assert len(combined_timeline(list(programme.adoptions.all()), [programme], limit=2)) == 2


def test_programme_page_shows_adoptions_board_conflicts_and_timeline(world, programme, client_for):
    page = client_for(world.board_observer).get(programme_url(world, programme))
    html = page.content.decode()
    assert "Our combined programme" in html and "Our Adopters Board" in html
    assert "Family Hubs" in html and "Systemic Units" in html
    assert "The weekly unit meeting clashes with the hub" in html
    assert "Conflict recorded between" in html
    assert "Record a conflict" not in html


def test_programme_page_pages_through_older_events(world, programme, client_for):
    second = programme.adoptions.exclude(pk=world.adoption.pk).get()
    for n, stage in enumerate(["preparation", "implementation"] * 20):
        adoption_stage_change(
            actor=world.lead,
            adoption=second,
            stage=stage,
            changed_on=datetime.date(2024, 10, 1) + datetime.timedelta(days=n * 3),
            note="",
        )
    client = client_for(world.lead)
    first = client.get(programme_url(world, programme))
    assert first.context["has_older"] and len(first.context["timeline"].object_list) == 30
    second_page = client.get(programme_url(world, programme), {"page": "2"})
    assert not second_page.context["has_older"]
    assert second_page.context["timeline"].object_list[0].on <= (
        first.context["timeline"].object_list[-1].on
    )
    assert client.get(programme_url(world, programme), {"page": "x"}).status_code == 200
    # A superscript two is a digit to str.isdigit() but not to int(): it was a 500.
    assert client.get(programme_url(world, programme), {"page": "\u00b2"}).status_code == 200


def test_programme_page_queries_do_not_grow(world, programme, client_for):
    def grow():
        world_adaptation(world)
        for n in range(3):
            adoption_stage_change(
                actor=world.lead,
                adoption=world.adoption,
                stage="preparation" if n % 2 == 0 else "implementation",
                changed_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
                note="",
            )

    assert_queries_do_not_grow(client_for(world.lead), programme_url(world, programme), grow=grow)


# --- the site page ---------------------------------------------------------------------------


def test_site_page_shows_the_programme_and_who_learns_from_whom(world, programme, client_for):
    world_journey_row(world, "exchange")  # a secondment from the originating site
    page = client_for(world.lead).get(
        reverse("sites:detail", kwargs={"slug": "adopting-borough-council"})
    )
    context = page.context
    assert [p.name for p in context["programmes"]] == ["Our combined programme"]
    assert context["programmes"][0].recent_events
    learns_from = {link.site.name: link.ways for link in context["learns_from"]}
    assert learns_from == {
        "Originating Borough Council": [
            "Family Hubs began there",
            "originating partner for Family Hubs",
            "Systemic Units began there",
            "originating partner for Systemic Units",
            "secondment to here",
        ]
    }
    assert context["learners"] == []
    assert [person.first_name for person in context["people"]] == ["Cora", "Lee", "Uma"]
    assert [e.kind for e in context["exchanges"]] == [PersonnelExchange.Kind.SECONDMENT]


def test_the_originating_site_sees_who_learns_from_it(world, client_for):
    page = client_for(world.unrelated_user).get(
        reverse("sites:detail", kwargs={"slug": "originating-borough-council"})
    )
    learners = {link.site.name: link.ways for link in page.context["learners"]}
    assert learners == {
        "Adopting Borough Council": ["adopts Systemic Units"],
        "Other Borough Council": ["adopts Systemic Units"],
    }
    # Who adopts what is public; the adoption itself is not: no link for this reader.
    assert 'href="/adoptions/' not in page.content.decode()


def test_a_programme_is_hidden_from_people_who_see_none_of_it(world, programme, client_for):
    page = client_for(world.unrelated_user).get(
        reverse("sites:detail", kwargs={"slug": "adopting-borough-council"})
    )
    assert page.context["programmes"] == []
    assert "Our combined programme" not in page.content.decode()


def test_site_page_queries_do_not_grow(world, programme, client_for):
    url = reverse("sites:detail", kwargs={"slug": "adopting-borough-council"})

    def grow():
        for n in range(3):
            partner = SiteFactory(name=f"Partner {n}")
            AdoptionFactory(
                actor=world.directory_admin,
                innovation=InnovationFactory(name=f"Model {n}", originating_site=partner),
                adopting_site=world.adopting_site,
                partner_site=partner,
                started_on=datetime.date(2024, 1, 1),
            )
        world_journey_row(world, "exchange")
        second = Programme.objects.create(site=world.adopting_site, name="Second programme")
        programme_adoptions_set(
            actor=world.directory_admin,
            programme=second,
            adoptions=world.adopting_site.adoptions.filter(programme=None),
        )

    assert_queries_do_not_grow(client_for(world.directory_admin), url, grow=grow)
