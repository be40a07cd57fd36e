"""Organisations: the list, the page, and creating and editing them (directory admins)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from innovations.models import Innovation
from sites.forms import SiteForm
from sites.models import Site
from sites.services import site_create, site_update
from tests.factories import AdoptionFactory, InnovationFactory, SiteFactory, UserFactory
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def factory_codes_clear_of_the_ones_tests_type():
    """SiteFactory numbers its GSS codes and DfE numbers; start them away from 204 etc."""
    SiteFactory.reset_sequence(500)


def form_data(**overrides):
    data = {
        "name": "London Borough of Hackney",
        "slug": "",
        "kind": Site.Kind.LOCAL_AUTHORITY,
        "region": Site.Region.LONDON,
        "gss_code": "E09000012",
        "dfe_la_number": "204",
        "website": "https://hackney.gov.uk",
    }
    data.update(overrides)
    return data


def errors_of(form, field):
    assert not form.is_valid()
    return form.errors.get(field, [])


# --- The form: every rule -------------------------------------------------------------


def test_a_complete_form_is_valid_and_cleans_the_values():
    form = SiteForm(data=form_data(gss_code=" e09 000012 ", dfe_la_number=" 204 "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gss_code"] == "E09000012"
    assert form.cleaned_data["dfe_la_number"] == 204


@pytest.mark.parametrize("field", ["name", "kind", "region"])
def test_name_kind_and_region_are_required(field):
    expected = {
        "name": "Enter the organisation's name.",
        "kind": "Select the kind of organisation.",
        "region": "Select the region.",
    }[field]
    assert errors_of(SiteForm(data=form_data(**{field: ""})), field) == [expected]


@pytest.mark.parametrize("code", ["E0900001", "E090000123", "X09000012", "09000012E", "E09-00012"])
def test_gss_code_format(code):
    assert errors_of(SiteForm(data=form_data(gss_code=code)), "gss_code") == [
        "Enter an ONS GSS code: a letter E, W, S or N followed by 8 digits, like E09000012."
    ]


@pytest.mark.parametrize("code", ["W06000015", "S12000036", "N09000003", "e10000023"])
def test_gss_codes_of_all_four_nations_are_accepted(code):
    form = SiteForm(data=form_data(gss_code=code, dfe_la_number=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gss_code"] == code.upper()


def test_gss_code_is_optional():
    form = SiteForm(data=form_data(gss_code="  "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gss_code"] == ""


def test_gss_code_must_be_unique_and_the_message_names_the_other_site():
    SiteFactory(name="Hackney Council", gss_code="E09000012")
    assert errors_of(SiteForm(data=form_data(gss_code="e09000012")), "gss_code") == [
        "Hackney Council already has the ONS GSS code E09000012."
    ]


def test_blank_gss_codes_are_not_duplicates_of_each_other():
    SiteFactory(gss_code="")
    form = SiteForm(data=form_data(gss_code=""))
    assert form.is_valid(), form.errors


def test_a_site_keeps_its_own_gss_code_and_dfe_number_when_edited():
    site = SiteFactory(gss_code="E09000012", dfe_la_number=204)
    form = SiteForm(data=form_data(name=site.name, slug=site.slug), instance=site)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("number", ["20", "2040", "abc", "099", "20.4", "-20"])
def test_dfe_number_format(number):
    assert errors_of(SiteForm(data=form_data(dfe_la_number=number)), "dfe_la_number") == [
        "Enter the DfE LA number as 3 digits, like 204."
    ]


def test_dfe_number_must_be_unique_and_the_message_names_the_other_site():
    SiteFactory(name="Hackney Council", dfe_la_number=204)
    assert errors_of(SiteForm(data=form_data()), "dfe_la_number") == [
        "Hackney Council already has the DfE LA number 204."
    ]


def test_only_local_authorities_have_a_dfe_number():
    form = SiteForm(data=form_data(kind=Site.Kind.FOSTERING_PROVIDER, gss_code=""))
    assert errors_of(form, "dfe_la_number") == [
        "Only local authorities have a DfE LA number. Leave it blank, or change the kind "
        "to local authority."
    ]
    assert SiteForm(
        data=form_data(kind=Site.Kind.FOSTERING_PROVIDER, gss_code="", dfe_la_number="")
    ).is_valid()


@pytest.mark.parametrize("website", ["http://hackney.gov.uk", "not a web address", "ftp://x.org"])
def test_website_must_be_an_https_address(website):
    assert errors_of(SiteForm(data=form_data(website=website)), "website") == [
        "Enter a website address that starts with https://"
    ]


def test_a_website_without_a_scheme_is_taken_as_https():
    form = SiteForm(data=form_data(website="www.hackney.gov.uk"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://www.hackney.gov.uk"


def test_name_must_be_unique():
    SiteFactory(name="London Borough of Hackney")
    assert errors_of(SiteForm(data=form_data()), "name") == [
        "Another organisation already has this name."
    ]


def test_an_explicit_slug_must_be_unique():
    SiteFactory(slug="hackney")
    assert errors_of(SiteForm(data=form_data(slug="hackney")), "slug") == [
        "Another organisation already uses this web address name."
    ]


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Hackney Council!", "Use only lower-case letters, numbers and hyphens"),
        ("new", "This web address name is used by the service; choose another."),
    ],
)
def test_bad_and_reserved_slugs(slug, message):
    (error,) = errors_of(SiteForm(data=form_data(slug=slug)), "slug")
    assert error.startswith(message)


# --- The services -------------------------------------------------------------------


def test_site_create_makes_a_unique_slug_and_records_the_actor():
    admin = UserFactory(is_directory_admin=True)
    SiteFactory(name="St Helens Council", slug="st-helens-council")
    site = site_create(
        actor=admin, name="St. Helens Council", kind="local_authority", region="north_west"
    )
    assert site.slug == "st-helens-council-2"
    assert site.history.get().history_user == admin


def test_site_create_never_uses_a_reserved_slug():
    admin = UserFactory(is_directory_admin=True)
    site = site_create(actor=admin, name="New", kind="other", region="london")
    assert site.slug == "new-2"


def test_site_update_records_the_actor_and_refuses_a_dfe_number_for_a_non_la():
    admin = UserFactory(is_directory_admin=True)
    site = SiteFactory(dfe_la_number=None)
    site_update(actor=admin, site=site, region=Site.Region.NORTH_EAST)
    assert site.history.latest().history_user == admin
    with pytest.raises(ValidationError) as raised:
        site_update(actor=admin, site=site, kind=Site.Kind.VOLUNTARY, dfe_la_number=301)
    assert "dfe_la_number" in raised.value.message_dict
    site.refresh_from_db()
    assert site.region == Site.Region.NORTH_EAST
    assert site.kind == Site.Kind.LOCAL_AUTHORITY


# --- Creating and editing in the browser ----------------------------------------------


def test_an_admin_adds_an_organisation(world, client_for):
    admin = world.directory_admin
    response = client_for(admin).post(reverse("sites:create"), form_data(gss_code="e09000012"))
    site = Site.objects.get(name="London Borough of Hackney")
    assert response.status_code == 302
    assert response["Location"] == f"/sites/{site.slug}/"
    assert site.slug == "london-borough-of-hackney"
    assert site.gss_code == "E09000012"
    assert site.dfe_la_number == 204
    assert site.history.get().history_user == admin


def test_an_invalid_form_shows_the_errors_and_keeps_what_was_typed(world, client_for):
    before = Site.objects.count()
    response = client_for(world.directory_admin).post(
        reverse("sites:create"),
        form_data(gss_code="E123", website="http://example.org", name="Typed Name Council"),
    )
    assert response.status_code == 200
    assert Site.objects.count() == before
    html = response.text
    assert "There is a problem" in html
    assert 'href="#id_gss_code"' in html
    assert "Enter an ONS GSS code" in html
    assert 'value="Typed Name Council"' in html
    assert 'value="E123"' in html


def test_an_admin_edits_an_organisation(world, client_for):
    admin = world.directory_admin
    site = world.other_site
    data = form_data(
        name=site.name,
        slug=site.slug,
        region=Site.Region.YORKSHIRE,
        gss_code="E08000032",
        dfe_la_number="380",
    )
    response = client_for(admin).post(reverse("sites:edit", kwargs={"slug": site.slug}), data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.region, site.gss_code, site.dfe_la_number) == ("yorkshire", "E08000032", 380)
    assert site.history.latest().history_user == admin


def test_an_invalid_edit_keeps_the_page_working(world, client_for):
    site = world.other_site
    response = client_for(world.directory_admin).post(
        reverse("sites:edit", kwargs={"slug": site.slug}),
        form_data(name="", slug="Not A Slug!"),
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    # Links and headings use the saved name and slug, not what was typed.
    assert f'href="/sites/{site.slug}/"' in response.text
    assert site.name in response.text


def test_clearing_the_slug_makes_one_from_the_name(world, client_for):
    site = world.other_site
    client_for(world.directory_admin).post(
        reverse("sites:edit", kwargs={"slug": site.slug}),
        form_data(name="Renamed Borough Council", slug="", gss_code="", dfe_la_number=""),
    )
    site.refresh_from_db()
    assert site.slug == "renamed-borough-council"


def test_the_create_and_edit_forms_reject_get_and_post_from_non_admins(world, client_for):
    client = client_for(world.lead)
    before = Site.objects.count()
    assert client.post(reverse("sites:create"), form_data()).status_code == 403
    edit = reverse("sites:edit", kwargs={"slug": world.adopting_site.slug})
    assert client.post(edit, form_data()).status_code == 403
    assert Site.objects.count() == before


def test_editing_an_unknown_site_is_a_404(world, client_for):
    response = client_for(world.directory_admin).get("/sites/no-such-site/edit/")
    assert response.status_code == 404


# --- The list ----------------------------------------------------------------------


@pytest.fixture
def directory_of_sites(world):
    SiteFactory(
        name="Leeds City Council", region="yorkshire", gss_code="E08000035", dfe_la_number=383
    )
    SiteFactory(
        name="The Fostering Network",
        kind="voluntary",
        region="london",
        gss_code="",
        dfe_la_number=None,
    )
    SiteFactory(
        name="Leeds Community Healthcare NHS Trust",
        kind="health_trust",
        region="yorkshire",
        gss_code="",
        dfe_la_number=None,
    )
    return world


def names_in(response):
    return [site.name for site in response.context["sites"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=leeds", ["Leeds City Council", "Leeds Community Healthcare NHS Trust"]),
        ("q=e08000035", ["Leeds City Council"]),
        ("q=383", ["Leeds City Council"]),
        ("kind=voluntary", ["The Fostering Network"]),
        ("region=yorkshire&kind=health_trust", ["Leeds Community Healthcare NHS Trust"]),
        ("q=leeds&region=london", []),
    ],
)
def test_search_and_filters(directory_of_sites, client_for, query, expected):
    response = client_for(directory_of_sites.lead).get(f"/sites/?{query}")
    assert response.status_code == 200
    assert names_in(response) == expected
    assert f"{len(expected)} organisation" in response.text


def test_a_search_for_a_digit_int_cannot_read_finds_nothing_not_an_error(
    directory_of_sites, client_for
):
    # Found while fixing the fuzzer's findings: "²" passed str.isdigit(), then int() failed.
    response = client_for(directory_of_sites.lead).get("/sites/?q=%C2%B2")
    assert response.status_code == 200
    assert names_in(response) == []


def test_the_empty_state_says_what_to_try(directory_of_sites, client_for):
    response = client_for(directory_of_sites.lead).get("/sites/?q=nowhere")
    assert "No organisations match your search." in response.text
    assert "Clear filters" in response.text


def test_an_unknown_filter_value_does_not_break_the_page(directory_of_sites, client_for):
    response = client_for(directory_of_sites.lead).get("/sites/?kind=castle&page=abc")
    assert response.status_code in (200, 404)
    response = client_for(directory_of_sites.lead).get("/sites/?kind=castle")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_pagination_keeps_the_search(world, client_for):
    for n in range(30):
        SiteFactory(name=f"Northshire District {n:02d} Council", region="north_east")
    response = client_for(world.lead).get("/sites/?q=northshire&region=north_east")
    assert len(response.context["sites"]) == 25
    assert "30 organisations found" in response.text
    assert 'href="?q=northshire&amp;region=north_east&amp;page=2"' in response.text
    page_two = client_for(world.lead).get("/sites/?q=northshire&region=north_east&page=2")
    assert len(page_two.context["sites"]) == 5


def test_only_admins_are_offered_the_add_button(world, client_for):
    assert "Add an organisation" in client_for(world.directory_admin).get("/sites/").text
    assert "Add an organisation" not in client_for(world.lead).get("/sites/").text


# --- The organisation page ------------------------------------------------------------


def test_the_page_shows_details_innovations_and_adoptions_the_viewer_may_see(world, client_for):
    site = world.originating_site
    lead_view = client_for(world.lead).get(site.get_absolute_url())
    assert lead_view.context["originated_innovations"] == [world.innovation]
    assert "Unfinished Draft Model" not in lead_view.text

    admin_view = client_for(world.directory_admin).get(site.get_absolute_url())
    assert {i.slug for i in admin_view.context["originated_innovations"]} == {
        world.innovation.slug,
        world.draft_innovation.slug,
        world.archived_innovation.slug,
    }
    assert "Edit details" in admin_view.text
    assert "Edit details" not in lead_view.text


def test_who_adopts_what_is_listed_but_only_people_who_may_see_an_adoption_open_it(
    world, client_for
):
    """Which sites adopt an innovation is public on its directory page; the adoption's
    own pages are for its people, its board and admins."""
    url = world.adopting_site.get_absolute_url()
    adoption_link = f'href="{world.adoption.get_absolute_url()}"'
    lead = client_for(world.lead).get(url)
    assert lead.context["adoptions"] == [world.adoption]
    assert adoption_link in lead.text
    unrelated = client_for(world.unrelated_user).get(url)
    assert unrelated.context["adoptions"] == [world.adoption]
    assert "Systemic Units" in unrelated.text and adoption_link not in unrelated.text
    other = client_for(world.lead).get(world.other_site.get_absolute_url())
    assert f'href="{world.other_adoption.get_absolute_url()}"' not in other.text
    assert (
        "It has not adopted any innovation"
        in client_for(world.lead).get(world.originating_site.get_absolute_url()).text
    )


# --- Query budgets ------------------------------------------------------------------


def test_the_list_costs_the_same_at_5_and_40_sites(client_for):
    viewer = UserFactory()
    SiteFactory.create_batch(5)
    count = assert_queries_do_not_grow(
        client_for(viewer),
        "/sites/?region=london",
        grow=lambda: SiteFactory.create_batch(35),
        small="5 sites",
        large="40 sites",
    )
    # Session, person, boards for the navigation, the count, the page of sites.
    assert count <= 5


def test_the_page_costs_the_same_with_2_and_20_innovations_and_adoptions(client_for):
    site = SiteFactory()
    admin = UserFactory(is_directory_admin=True)

    def add(n):
        for _ in range(n):
            innovation = InnovationFactory(originating_site=site)
            innovation.support_organisations.add(site)
            InnovationFactory(originating_site=site, status=Innovation.Status.DRAFT)
            AdoptionFactory(adopting_site=site)

    add(2)
    count = assert_queries_do_not_grow(
        client_for(admin), site.get_absolute_url(), grow=lambda: add(18)
    )
    # Session, person, navigation, the site, and one query each for its three lists.
    # Originated, supported, adopted and partnered, exchanges, lineage, programmes, people.
    assert count <= 12
