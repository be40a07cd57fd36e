"""Browsing the directory: search, filters, sorting, pagination and the innovation page.

Everything here runs on SQLite and on PostgreSQL (with DATABASE_URL set); the search
behind it differs (full-text search or the word-by-word fallback), the results must not.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from innovations.models import EvidenceSource, FidelityCriterion, Innovation, Resource
from sites.models import CriterionScore, FidelityAssessment, Site, Stage
from tests.factories import (
    AdoptionFactory,
    FidelityAssessmentFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    SiteFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("innovations:list")
RETIRED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def names(response) -> list[str]:
    """The innovations listed on a directory page, in order."""
    return [i.name for i in response.context["innovations"]]


@pytest.fixture
def directory(db):
    """Five published entries that differ in every way the directory filters by."""
    fostering = ThemeFactory(name="Fostering", slug="fostering")
    edge_of_care = ThemeFactory(name="Edge of care", slug="edge-of-care")
    workforce = ThemeFactory(name="Social work workforce", slug="social-work-workforce")
    hackney = SiteFactory(name="Hackney", kind=Site.Kind.LOCAL_AUTHORITY, region="london")
    north_yorkshire = SiteFactory(
        name="North Yorkshire", kind=Site.Kind.LOCAL_AUTHORITY, region="yorkshire"
    )
    network = SiteFactory(
        name="The Fostering Network", kind=Site.Kind.VOLUNTARY, region=Site.Region.WALES
    )
    daybreak = SiteFactory(name="Daybreak", kind=Site.Kind.VOLUNTARY, region="south_east")
    entries = {
        "rsw": InnovationFactory(
            name="Reclaiming Social Work",
            summary="Small systemic units share cases and think together about families.",
            problem_addressed="High caseloads and staff turnover in children's services.",
            originating_site=hackney,
            evidence_level=Innovation.EvidenceLevel.NOT_RATED,
        ),
        "mockingbird": InnovationFactory(
            name="Mockingbird",
            summary="A hub home carer supports a constellation of fostering households.",
            evidence_summary="Evaluated in phase one with six local authorities.",
            originating_site=network,
            evidence_level=Innovation.EvidenceLevel.LEVEL_2,
        ),
        "nwd": InnovationFactory(
            name="No Wrong Door",
            summary="Hubs with outreach for adolescents on the edge of care.",
            originating_site=north_yorkshire,
            evidence_level=Innovation.EvidenceLevel.LEVEL_3,
        ),
        "fgc": InnovationFactory(
            name="Family Group Conferencing",
            summary="Families make a plan for their child with their wider network.",
            originating_site=daybreak,
            evidence_level=Innovation.EvidenceLevel.LEVEL_4_PLUS,
        ),
        "restorative": InnovationFactory(
            name="Restorative Practice",
            summary="Working with families rather than doing things to them.",
            originating_site=hackney,
            evidence_level=Innovation.EvidenceLevel.NL2,
        ),
    }
    entries["rsw"].themes.set([workforce])
    entries["mockingbird"].themes.set([fostering])
    entries["nwd"].themes.set([edge_of_care, fostering])
    entries["fgc"].themes.set([edge_of_care])
    FidelityCriterionFactory(
        innovation=entries["restorative"], name="Relational leadership", description="Circles"
    )
    # Adopting sites: NWD 10, Mockingbird 5, RSW 2, FGC 1, Restorative none.
    for key, count in (("nwd", 10), ("mockingbird", 5), ("rsw", 2), ("fgc", 1)):
        for _ in range(count):
            AdoptionFactory(innovation=entries[key])
    return entries


# --- search -------------------------------------------------------------------


@pytest.mark.parametrize(
    "search, expected",
    [
        ("Mockingbird", ["Mockingbird"]),  # name
        ("constellation", ["Mockingbird"]),  # summary
        ("caseloads", ["Reclaiming Social Work"]),  # problem addressed
        ("phase", ["Mockingbird"]),  # evidence summary
        ("workforce", ["Reclaiming Social Work"]),  # theme
        ("leadership", ["Restorative Practice"]),  # a criterion
        ("hub adolescents", ["No Wrong Door"]),  # every word must match
        ("zebra", []),
    ],
)
def test_search_looks_in_every_field(directory, anonymous_client, search, expected):
    response = anonymous_client.get(LIST, {"q": search})
    assert response.status_code == 200
    assert sorted(names(response)) == expected


def test_search_ranks_a_name_match_above_a_summary_match(directory, anonymous_client):
    directory["fgc"].summary = "Unlike No Wrong Door, this brings the family together."
    directory["fgc"].save()
    response = anonymous_client.get(LIST, {"q": "door"})
    assert names(response) == ["No Wrong Door", "Family Group Conferencing"]
    assert response.context["sort"] == "relevance"


def test_search_finds_a_name_typed_in_part(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "Mocking"})
    assert names(response) == ["Mockingbird"]


def test_search_highlights_matches_in_the_summary(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "constellation"})
    assert "<mark>constellation</mark>" in response.text
    assert "1 innovation matching ‘constellation’" in response.text


def test_search_escapes_the_summary_and_the_search(directory, anonymous_client):
    entry = directory["mockingbird"]
    entry.summary = "Carers <script>alert('x')</script> & children in a constellation."
    entry.save()
    response = anonymous_client.get(LIST, {"q": "constellation"})
    assert "<script>alert" not in response.text
    assert "<mark>constellation</mark>" in response.text
    # Whatever part of the summary is shown, it is escaped, never raw markup.
    snippet = str(response.context["innovations"][0].summary_snippet)
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")

    nasty = "<script>alert(1)</script>"
    response = anonymous_client.get(LIST, {"q": nasty})
    assert response.status_code == 200
    assert nasty not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_highlight_markers_typed_into_a_summary_cannot_open_a_mark(directory, anonymous_client):
    entry = directory["mockingbird"]
    entry.summary = "A hub \ue000home\ue001 carer \ue000 supports a constellation."
    entry.save()
    response = anonymous_client.get(LIST, {"q": "constellation"})
    snippet = str(response.context["innovations"][0].summary_snippet)
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "<mark>constellation</mark>" in snippet


def test_a_long_summary_is_cut_around_the_match(directory, anonymous_client):
    entry = directory["mockingbird"]
    entry.summary = " ".join(["filler"] * 60 + ["constellation"] + ["tail"] * 60)
    entry.save()
    response = anonymous_client.get(LIST, {"q": "constellation"})
    snippet = str(response.context["innovations"][0].summary_snippet)
    assert "<mark>constellation</mark>" in snippet
    assert len(snippet.split()) < 60


def test_without_a_search_summaries_are_cut_and_escaped(directory, anonymous_client):
    entry = directory["mockingbird"]
    entry.summary = "<b>Bold</b> " + " ".join(["word"] * 80)
    entry.save()
    response = anonymous_client.get(LIST)
    listed = {i.name: i for i in response.context["innovations"]}
    snippet = str(listed["Mockingbird"].summary_snippet)
    assert snippet.startswith("&lt;b&gt;Bold&lt;/b&gt;")
    assert snippet.endswith("…")
    assert "<mark>" not in snippet


# --- filters --------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"theme": "fostering"}, ["Mockingbird", "No Wrong Door"]),
        (
            {"theme": ["fostering", "social-work-workforce"]},
            ["Mockingbird", "No Wrong Door", "Reclaiming Social Work"],
        ),  # noqa: E501
        ({"evidence_level": "2"}, ["Mockingbird"]),
        ({"evidence_level": ["4+", "3"]}, ["Family Group Conferencing", "No Wrong Door"]),
        ({"region": "london"}, ["Reclaiming Social Work", "Restorative Practice"]),
        ({"organisation_kind": "voluntary"}, ["Family Group Conferencing", "Mockingbird"]),
        ({"adopting_sites": "none"}, ["Restorative Practice"]),
        ({"adopting_sites": "1-4"}, ["Family Group Conferencing", "Reclaiming Social Work"]),
        ({"adopting_sites": "5-9"}, ["Mockingbird"]),
        ({"adopting_sites": "10+"}, ["No Wrong Door"]),
        ({"adopting_sites": ["none", "10+"]}, ["No Wrong Door", "Restorative Practice"]),
    ],
)
def test_each_filter(directory, anonymous_client, params, expected):
    response = anonymous_client.get(LIST, params)
    assert response.status_code == 200
    assert sorted(names(response)) == expected
    assert response.context["ignored"] == []


def test_filters_combine_with_each_other_and_with_search(directory, anonymous_client):
    response = anonymous_client.get(
        LIST, {"theme": "fostering", "evidence_level": ["2", "3"], "adopting_sites": "5-9"}
    )
    assert names(response) == ["Mockingbird"]
    assert "with 3 filters applied" in response.text

    response = anonymous_client.get(LIST, {"q": "hubs", "theme": "edge-of-care"})
    assert names(response) == ["No Wrong Door"]


def test_filters_are_checked_in_the_form_after_filtering(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"theme": "fostering", "region": "yorkshire"})
    assert 'value="fostering" checked' in response.text
    assert '<option value="yorkshire" selected>' in response.text
    assert 'href="/directory/">Clear filters</a>' in response.text


def test_each_theme_is_listed_once_however_many_themes_match(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"theme": ["fostering", "edge-of-care"]})
    assert names(response).count("No Wrong Door") == 1
    assert response.context["paginator"].count == 3


# --- sorting --------------------------------------------------------------------


def test_sorted_by_name_by_default(directory, anonymous_client):
    response = anonymous_client.get(LIST)
    assert names(response) == sorted(names(response))
    assert response.context["sort"] == "name"
    # Without a search there is nothing to rank by relevance.
    assert '<option value="relevance"' not in response.text


def test_sort_by_most_adopted(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"sort": "adopted"})
    assert names(response) == [
        "No Wrong Door",
        "Mockingbird",
        "Reclaiming Social Work",
        "Family Group Conferencing",
        "Restorative Practice",
    ]


def test_sort_by_evidence_level_strongest_first(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"sort": "evidence"})
    assert names(response) == [
        "Family Group Conferencing",  # 4+
        "No Wrong Door",  # 3
        "Mockingbird",  # 2
        "Restorative Practice",  # NL2
        "Reclaiming Social Work",  # not rated
    ]


def test_sort_by_recently_updated(directory, anonymous_client):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)):
        directory["restorative"].save()
    with time_machine.travel(datetime.datetime(2030, 2, 1, tzinfo=datetime.UTC)):
        directory["rsw"].save()
    response = anonymous_client.get(LIST, {"sort": "updated"})
    assert names(response)[:2] == ["Reclaiming Social Work", "Restorative Practice"]


def test_relevance_without_a_search_falls_back_to_name(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"sort": "relevance"})
    assert response.status_code == 200
    assert response.context["sort"] == "name"
    assert names(response) == sorted(names(response))


def test_sort_applies_to_search_results(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "families", "sort": "name"})
    assert names(response) == sorted(names(response))
    assert set(names(response)) == {
        "Family Group Conferencing",
        "Reclaiming Social Work",
        "Restorative Practice",
    }


# --- invalid input, pagination, empty state ------------------------------------


def test_invalid_values_are_ignored_with_a_message(directory, anonymous_client):
    response = anonymous_client.get(
        LIST + "?evidence_level=bogus&page=999&sort=nope&region=atlantis&theme=no-such-theme"
    )
    assert response.status_code == 200
    # Nothing valid was asked for, so the whole directory shows, sorted by name.
    assert len(names(response)) == 5
    assert response.context["sort"] == "name"
    text = response.text
    assert "Part of your search could not be used" in text
    assert "“bogus” is not one of the choices for evidence level." in text
    assert "“nope” is not a way to sort the directory." in text
    assert "“atlantis” is not one of the choices for originating region." in text
    assert "“no-such-theme” is not one of the choices for theme." in text
    assert "There is no page 999 of these results, so this is page 1 of 1." in text


def test_an_invalid_value_leaves_the_valid_filters_applied(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"evidence_level": "bogus", "theme": "fostering"})
    assert sorted(names(response)) == ["Mockingbird", "No Wrong Door"]


def test_an_overlong_search_is_refused_politely(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "x" * 201})
    assert response.status_code == 200
    assert "Search for 200 characters or fewer." in response.text
    assert len(names(response)) == 5


def test_status_filter_is_for_directory_admins_only(world, client_for):
    response = client_for(world.directory_admin).get(LIST, {"status": "draft"})
    assert names(response) == ["Unfinished Draft Model"]
    assert "Publication status" in response.text

    response = client_for(world.lead).get(LIST, {"status": "draft"})
    assert names(response) == ["Systemic Units"]
    assert "Publication status" not in response.text


@pytest.fixture
def many(db):
    theme = ThemeFactory(name="Kinship care", slug="kinship-care")
    for n in range(45):
        InnovationFactory(name=f"Kinship model {n:02d}", summary="Kinship carers").themes.add(theme)
    InnovationFactory(name="Unthemed model")


def test_pagination_keeps_the_search_and_filters(many, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "kinship", "theme": "kinship-care", "sort": "name"})
    assert response.context["paginator"].count == 45
    assert len(names(response)) == 20
    assert 'href="?q=kinship&amp;theme=kinship-care&amp;sort=name&amp;page=2"' in response.text
    assert 'href="?q=kinship&amp;theme=kinship-care&amp;sort=name&amp;page=3"' in response.text

    response = anonymous_client.get(
        LIST, {"q": "kinship", "theme": "kinship-care", "sort": "name", "page": "3"}
    )
    assert names(response) == [f"Kinship model {n}" for n in range(40, 45)]
    assert 'href="?q=kinship&amp;theme=kinship-care&amp;sort=name&amp;page=2"' in response.text
    assert 'rel="prev"' in response.text
    assert 'rel="next"' not in response.text


@pytest.mark.parametrize(
    "page, shown, message",
    [
        ("999", 3, "There is no page 999 of these results, so this is page 3 of 3."),
        ("0", 3, "There is no page 0 of these results, so this is page 3 of 3."),
        ("abc", 1, "There is no page abc of these results, so this is page 1 of 3."),
        ("2", 2, None),
    ],
)
def test_a_page_that_does_not_exist_shows_the_nearest_page(
    many, anonymous_client, page, shown, message
):
    response = anonymous_client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    if message:
        assert message in response.text
    else:
        assert "There is no page" not in response.text


def test_empty_state_says_what_to_change(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "zebra", "theme": "fostering"})
    text = response.text
    assert "0 innovations matching ‘zebra’" in text
    assert "No innovations match ‘zebra’ with these filters" in text
    assert "check the spelling" in text
    assert "remove some filters" in text
    assert 'href="/directory/">clear your search and filters</a>' in text


def test_empty_directory(anonymous_client, db):
    response = anonymous_client.get(LIST)
    assert "0 innovations" in response.text
    assert "There are no innovations in the directory yet." in response.text
    assert "Clear filters" not in response.text


def test_result_count_is_singular_for_one(directory, anonymous_client):
    response = anonymous_client.get(LIST, {"evidence_level": "2"})
    assert re.search(r"\b1 innovation\b(?!s)", response.text)


# --- who sees what --------------------------------------------------------------


def test_anonymous_visitors_see_published_entries_only(world, anonymous_client):
    response = anonymous_client.get(LIST, {"q": "model"})
    assert names(response) == []
    response = anonymous_client.get(LIST)
    assert names(response) == ["Systemic Units"]


def test_directory_admins_see_drafts_and_archive_marked(world, client_for):
    response = client_for(world.directory_admin).get(LIST)
    assert set(names(response)) == {
        "Systemic Units",
        "Unfinished Draft Model",
        "Retired Archived Model",
    }
    assert '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' in response.text
    assert '<strong class="govuk-tag govuk-tag--grey">Archived</strong>' in response.text
    # The published entry carries no tag.
    assert response.text.count('<strong class="govuk-tag ') == 2


def test_the_directory_is_get_only(anonymous_client, db):
    assert anonymous_client.post(LIST).status_code == 405


# --- the innovation page --------------------------------------------------------


@pytest.fixture
def full_entry(world):
    """The world's published entry with every part of its page filled in."""
    innovation = world.innovation
    innovation.summary = "Small units share cases. <b>Not bold</b>"
    innovation.problem_addressed = "Caseloads were too high."
    innovation.original_constraints = "A tight budget."
    innovation.original_assets = "Experienced consultant social workers."
    innovation.culture = "Learning together."
    innovation.values = "Families first."
    innovation.leadership = "A director who protected the model."
    innovation.evidence_level = Innovation.EvidenceLevel.LEVEL_3
    innovation.cost_rating = 3
    innovation.accreditation = "Licensed by the originating borough."
    innovation.save()
    innovation.support_organisations.add(SiteFactory(name="Morning Lane Associates"))
    FidelityCriterionFactory(
        innovation=innovation,
        name="Units of five",
        kind=FidelityCriterion.Kind.MUST_HAVE,
        dimension=FidelityCriterion.Dimension.ADHERENCE,
        how_evidenced="Team rosters.",
    )
    FidelityCriterionFactory(
        innovation=innovation,
        name="Weekly unit meeting",
        kind=FidelityCriterion.Kind.ADAPTABLE,
        dimension=FidelityCriterion.Dimension.DOSE,
        how_evidenced="Meeting notes.",
    )
    OutcomeMetricFactory(
        innovation=innovation,
        name="Children in care",
        unit="children",
        higher_is_better=False,
        aggregation="point_in_time",
    )
    OutcomeMetricFactory(
        innovation=innovation, name="Staff trained", unit="staff", aggregation="cumulative"
    )
    OutcomeMetricFactory(innovation=innovation, name="Old metric", retired_at=RETIRED_AT)
    EvidenceSource.objects.create(
        innovation=innovation,
        title="Evaluation of systemic units",
        publisher="Department for Education",
        year=2017,
        url="https://example.org/evaluation",
    )
    for kind, title in (
        (Resource.Kind.TRAINING, "Systemic practice course"),
        (Resource.Kind.TOOLKIT, "Unit set-up toolkit"),
        (Resource.Kind.TRAINING, "Consultant social worker induction"),
    ):
        Resource.objects.create(innovation=innovation, kind=kind, title=title)
    return innovation


def test_innovation_page_shows_every_part(full_entry, anonymous_client):
    response = anonymous_client.get(full_entry.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    for expected in (
        "Small units share cases. &lt;b&gt;Not bold&lt;/b&gt;",
        "Caseloads were too high.",
        "Originating Borough Council",
        "A tight budget.",
        "Experienced consultant social workers.",
        "Learning together.",
        "Families first.",
        "A director who protected the model.",
        "Must-haves (the tramlines)",
        "Units of five",
        "Team rosters.",
        "Weekly unit meeting",
        "Meeting notes.",
        "Fidelity dimension:</strong> Adherence",
        "Fidelity dimension:</strong> Dose",
        "Counted in children. Lower is better.",
        "Point in time: the latest month’s figure stands.",
        "Counted in staff. Higher is better.",
        "Cumulative: each month’s figure adds to the total so far.",
        "3 out of 5",
        "Licensed by the originating borough.",
        'href="https://example.org/evaluation"',
        "Department for Education, 2017",
        "Morning Lane Associates",
    ):
        assert expected in text, expected
    assert "Old metric" not in text
    # Every level of the scale is explained, in a details component.
    scale = text[text.index("What the evidence levels mean") :]
    for _, label in Innovation.EvidenceLevel.choices:
        assert label in scale
    assert response.context["evidence_levels"] == Innovation.EvidenceLevel.choices


def test_resources_are_grouped_by_kind(full_entry, anonymous_client):
    response = anonymous_client.get(full_entry.get_absolute_url())
    groups = [
        (label, [r.title for r in resources])
        for label, resources in response.context["resource_groups"]
    ]
    assert groups == [
        ("Toolkits", ["Unit set-up toolkit"]),
        ("Training", ["Systemic practice course", "Consultant social worker induction"]),
    ]


def test_adoptions_show_stage_and_latest_scored_fidelity_band(world, client_for):
    innovation = world.innovation
    must_have = FidelityCriterionFactory(innovation=innovation, name="Units of five")
    adaptable = FidelityCriterionFactory(
        innovation=innovation, name="Room layout", kind=FidelityCriterion.Kind.ADAPTABLE
    )
    met = CriterionScore.Score.MET
    # Ours: high in January, low in March, then an assessment with no must-have score.
    FidelityAssessmentFactory(
        adoption=world.adoption,
        assessed_on=datetime.date(2025, 1, 10),
        scores={must_have: (met, ""), adaptable: (met, "")},
    )
    FidelityAssessmentFactory(
        adoption=world.adoption,
        assessed_on=datetime.date(2025, 3, 10),
        scores={must_have: (CriterionScore.Score.NOT_MET, ""), adaptable: (met, "")},
    )
    FidelityAssessmentFactory(
        adoption=world.adoption,
        assessed_on=datetime.date(2025, 4, 10),
        scores={must_have: (CriterionScore.Score.NOT_ASSESSED, ""), adaptable: (met, "")},
    )
    assert FidelityAssessment.objects.filter(must_have_score__isnull=True).count() == 1
    # The other adoption: one assessment, every must-have met.
    FidelityAssessmentFactory(
        adoption=world.other_adoption,
        assessed_on=datetime.date(2025, 2, 1),
        scores={must_have: (met, ""), adaptable: (met, "")},
    )

    response = client_for(world.lead).get(innovation.get_absolute_url())
    rows = {a.adopting_site.name: a for a in response.context["adoptions"]}
    ours, other = rows["Adopting Borough Council"], rows["Other Borough Council"]
    assert (ours.latest_must_have_score, ours.fidelity_band) == (0, "low")
    assert ours.latest_assessed_on == datetime.date(2025, 3, 10)
    assert (other.latest_must_have_score, other.fidelity_band) == (100, "high")
    assert '<strong class="govuk-tag govuk-tag--red">Low</strong>' in response.text
    assert '<strong class="govuk-tag govuk-tag--green">High</strong>' in response.text
    assert "0% on 10 March 2025" in response.text
    assert ours.get_stage_display() in response.text


def test_an_adoption_never_assessed_says_so(world, anonymous_client):
    response = anonymous_client.get(world.innovation.get_absolute_url())
    assert all(a.fidelity_band is None for a in response.context["adoptions"])
    assert response.text.count("Not assessed") == 2


def test_adoption_links_only_for_adoptions_the_viewer_may_see(world, client_for):
    response = client_for(world.board_member).get(world.innovation.get_absolute_url())
    assert f'href="{world.adoption.get_absolute_url()}"' in response.text
    assert f'href="{world.other_adoption.get_absolute_url()}"' not in response.text
    assert "Other Borough Council" in response.text

    response = client_for(world.directory_admin).get(world.innovation.get_absolute_url())
    assert f'href="{world.adoption.get_absolute_url()}"' in response.text
    assert f'href="{world.other_adoption.get_absolute_url()}"' in response.text

    response = client_for(world.unrelated_user).get(world.innovation.get_absolute_url())
    assert "/adoptions/" not in response.text


def test_adoptions_are_listed_with_their_stage(anonymous_client, db):
    innovation = InnovationFactory()
    AdoptionFactory(innovation=innovation, adopting_site__name="Leeds", stage=Stage.SUSTAINMENT)
    response = anonymous_client.get(innovation.get_absolute_url())
    assert re.search(r"Leeds.*?Sustainment", response.text, re.DOTALL)


def test_archived_entry_shows_a_warning_banner_to_admins(world, client_for):
    response = client_for(world.directory_admin).get(world.archived_innovation.get_absolute_url())
    assert "govuk-notification-banner" in response.text
    assert "This entry is archived and is not shown to the public." in response.text
    response = client_for(world.directory_admin).get(world.draft_innovation.get_absolute_url())
    assert '<div class="govuk-inset-text">This entry is a draft' in response.text


def test_a_sparse_entry_says_what_is_missing(anonymous_client, db):
    innovation = InnovationFactory(originating_site=None)
    response = anonymous_client.get(innovation.get_absolute_url())
    text = response.text
    assert "The originating site has not been recorded." in text
    assert "No must-haves have been named yet." in text
    assert "No outcome metrics have been set yet." in text
    assert "No toolkits, training or materials have been listed yet." in text
    assert "No site has adopted it yet." in text


def test_the_innovation_page_is_get_only(world, anonymous_client):
    assert anonymous_client.post(world.innovation.get_absolute_url()).status_code == 405


def test_search_backend_in_use_is_the_databases_own(directory, anonymous_client):
    """On PostgreSQL the ranking comes from full-text search, so stems match too."""
    response = anonymous_client.get(LIST, {"q": "constellations"})
    if connection.vendor == "postgresql":
        assert names(response) == ["Mockingbird"]
    else:
        assert names(response) == []


def test_directory_admins_are_offered_the_maintenance_pages(world, client_for):
    """Links go only to maintenance pages that exist, and only for directory admins."""
    edit = reverse("innovations:edit", kwargs={"slug": world.innovation.slug})
    response = client_for(world.directory_admin).get(world.innovation.get_absolute_url())
    assert f'href="{edit}"' in response.text
    assert "Manage this entry" in response.text
    response = client_for(world.directory_admin).get(LIST)
    assert f'href="{reverse("innovations:create")}"' in response.text

    for user in (world.lead, world.board_chair):
        response = client_for(user).get(world.innovation.get_absolute_url())
        assert f'href="{edit}"' not in response.text
        assert "Manage this entry" not in response.text
        assert f'href="{reverse("innovations:create")}"' not in client_for(user).get(LIST).text


@pytest.mark.parametrize(
    "search",
    ["'", '"unterminated', "-", "a & b | c", "or", "!!!", "mocking:*", "foster\x00", "100%", "_"],
)
def test_awkward_searches_never_fail(directory, anonymous_client, search):
    response = anonymous_client.get(LIST, {"q": search})
    assert response.status_code == 200
    assert response.context["paginator"].count <= 5


# --- the selector, for other callers ---------------------------------------------


def test_selector_searches_and_sorts_without_the_view(directory):
    from django.contrib.auth.models import AnonymousUser

    from innovations.selectors import innovation_list

    found = innovation_list(AnonymousUser(), search="families", sort="evidence")
    assert [i.name for i in found] == [
        "Family Group Conferencing",
        "Restorative Practice",
        "Reclaiming Social Work",
    ]
    assert [i.name for i in innovation_list(AnonymousUser(), sort="nonsense")][:2] == [
        "Family Group Conferencing",
        "Mockingbird",
    ]


def test_highlighted_html_escapes_everything_but_its_own_marks():
    from innovations.selectors import HIGHLIGHT_START, HIGHLIGHT_STOP, highlighted_html

    html = highlighted_html(f"<i>a</i> {HIGHLIGHT_START}b & c{HIGHLIGHT_STOP}")
    assert html == "&lt;i&gt;a&lt;/i&gt; <mark>b &amp; c</mark>"
    # Unbalanced markers are dropped rather than left to open a <mark> that never closes.
    assert highlighted_html(f"{HIGHLIGHT_START}a") == "a"


def test_a_page_number_written_differently_is_not_called_missing(many, anonymous_client):
    response = anonymous_client.get(LIST, {"page": "02"})
    assert response.context["page_obj"].number == 2
    assert "There is no page" not in response.text
