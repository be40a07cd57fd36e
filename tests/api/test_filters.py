"""Filtering, ordering and pagination of the API's lists."""

import datetime

import pytest

from sites.models import Rag
from sites.services import progress_update_save, progress_update_submit
from tests.factories import (
    AdaptationFactory,
    FidelityAssessmentFactory,
    InnovationFactory,
    SiteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world, client_for):
    return client_for(world.directory_admin)


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def _submit(world, adoption, lead, period, rag, explanation=""):
    update = progress_update_save(
        actor=lead,
        adoption=adoption,
        period=period,
        fields={"rag": rag, "summary": "The month.", "rag_explanation": explanation},
    )
    return progress_update_submit(actor=lead, update=update)


@pytest.fixture
def updates(world):
    """Our adoption: green January, red March. Theirs: amber February."""
    jan = _submit(world, world.adoption, world.lead, datetime.date(2025, 1, 1), Rag.GREEN)
    mar = _submit(
        world, world.adoption, world.lead, datetime.date(2025, 3, 1), Rag.RED, "Staff left."
    )
    feb = _submit(
        world, world.other_adoption, world.other_lead, datetime.date(2025, 2, 1), Rag.AMBER
    )
    return {"jan": jan.pk, "feb": feb.pk, "mar": mar.pk}


def test_updates_filter_by_rag_period_range_and_adoption(admin, updates):
    url = "/api/progress-updates/"
    assert _ids(admin.get(url, {"rag": "red"})) == [updates["mar"]]
    assert set(_ids(admin.get(url, {"rag": ["red", "green"]}))) == {updates["jan"], updates["mar"]}
    assert _ids(admin.get(url, {"period_from": "2025-02-01", "period_to": "2025-02-28"})) == [
        updates["feb"]
    ]
    # Newest month first by default; ?ordering= turns it round.
    assert _ids(admin.get(url)) == [updates["mar"], updates["feb"], updates["jan"]]
    assert _ids(admin.get(url, {"ordering": "period"})) == [
        updates["jan"],
        updates["feb"],
        updates["mar"],
    ]


def test_updates_filter_by_innovation_site_board_and_stage(admin, world, updates):
    url = "/api/progress-updates/"
    ours = {updates["jan"], updates["mar"]}
    assert set(_ids(admin.get(url, {"site": world.adopting_site.slug}))) == ours
    assert set(_ids(admin.get(url, {"board": world.board.slug}))) == ours
    assert set(_ids(admin.get(url, {"adoption": world.adoption.pk}))) == ours
    assert len(_ids(admin.get(url, {"innovation": world.innovation.slug}))) == 3
    assert _ids(admin.get(url, {"innovation": "no-such-innovation"})) == []
    assert len(_ids(admin.get(url, {"stage": "exploration"}))) == 3
    assert _ids(admin.get(url, {"stage": "sustainment"})) == []


def test_filters_narrow_what_a_person_sees_and_never_widen_it(client_for, world, updates):
    lead = client_for(world.lead)
    url = "/api/progress-updates/"
    assert _ids(lead.get(url, {"site": world.other_site.slug})) == []
    assert _ids(lead.get(url, {"adoption": world.other_adoption.pk})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"rag": "purple"},
        {"period_from": "last tuesday"},
        {"stage": "finished"},
        {"adoption": "1.5"},
        {"adoption": str(10**30)},
    ],
)
def test_a_filter_value_not_understood_is_a_400_that_names_it(admin, updates, query):
    response = admin.get("/api/progress-updates/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_adoptions_filter_by_stage_site_and_start(admin, world):
    url = "/api/adoptions/"
    assert _ids(admin.get(url, {"site": world.other_site.slug})) == [world.other_adoption.pk]
    assert _ids(admin.get(url, {"started_from": "2024-05-01"})) == [world.other_adoption.pk]
    assert _ids(admin.get(url, {"board": world.board.slug})) == [world.adoption.pk]
    assert set(_ids(admin.get(url, {"stage": "exploration"}))) == {
        world.adoption.pk,
        world.other_adoption.pk,
    }
    assert _ids(admin.get(url, {"ordering": "-started_on"}))[0] == world.other_adoption.pk


def test_assessments_and_adaptations_filter_by_their_dates(admin, world):
    early = FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2024, 9, 1)
    )
    late = FidelityAssessmentFactory(
        actor=world.lead, adoption=world.adoption, assessed_on=datetime.date(2025, 3, 1)
    )
    assert _ids(admin.get("/api/fidelity-assessments/", {"assessed_from": "2025-01-01"})) == [
        late.pk
    ]
    assert _ids(admin.get("/api/fidelity-assessments/", {"assessed_to": "2025-01-01"})) == [
        early.pk
    ]
    adaptation = AdaptationFactory(
        actor=world.other_lead, adoption=world.other_adoption, made_on=datetime.date(2025, 2, 1)
    )
    assert _ids(admin.get("/api/adaptations/", {"made_from": "2025-02-01"})) == [adaptation.pk]
    assert _ids(admin.get("/api/adaptations/", {"site": world.adopting_site.slug})) == []


def test_directory_lists_filter_and_anyone_may_use_them(anonymous_client, world):
    SiteFactory(name="Northern Fostering", kind="fostering_provider", region="north_east")
    response = anonymous_client.get("/api/sites/", {"kind": "fostering_provider"})
    assert [item["name"] for item in response.json()["results"]] == ["Northern Fostering"]
    response = anonymous_client.get(
        "/api/innovations/", {"originating_site": world.originating_site.slug}
    )
    assert [item["slug"] for item in response.json()["results"]] == [world.innovation.slug]


def test_pages_link_to_each_other(anonymous_client, world):
    for _ in range(3):
        InnovationFactory()
    first = anonymous_client.get("/api/innovations/", {"page_size": 2}).json()
    assert first["count"] == 4 and len(first["results"]) == 2
    assert "page=2" in first["next"] and first["previous"] is None
    second = anonymous_client.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None
    assert anonymous_client.get("/api/innovations/", {"page": 99}).status_code == 404


def test_asking_for_more_than_the_ceiling_gets_the_ceiling(anonymous_client, world, monkeypatch):
    from api.pagination import PageNumberPagination

    assert (PageNumberPagination.page_size, PageNumberPagination.max_page_size) == (50, 200)
    monkeypatch.setattr(PageNumberPagination, "max_page_size", 2)
    for _ in range(3):
        InnovationFactory()
    response = anonymous_client.get("/api/innovations/", {"page_size": 100000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
