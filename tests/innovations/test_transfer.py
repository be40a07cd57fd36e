"""Exporting the directory, and importing organisations and innovations with a preview."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from innovations.importing import SESSION_KEY, directory_import_apply
from innovations.models import FidelityCriterion, Innovation, Theme
from sites.models import Site
from tests.factories import (
    AdoptionFactory,
    FidelityCriterionFactory,
    InnovationFactory,
    OutcomeMetricFactory,
    SiteFactory,
    ThemeFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

IMPORT_URL = "/directory/import/"


@pytest.fixture(autouse=True)
def factory_codes_clear_of_the_ones_tests_type():
    """SiteFactory numbers its GSS codes and DfE numbers; start them away from 204 etc."""
    SiteFactory.reset_sequence(500)


@pytest.fixture
def admin_client(world, client_for):
    return client_for(world.directory_admin)


def csv_file(rows, name="import.csv"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="import.xlsx", title="Sheet1"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, kind, file):
    """Upload a file; returns the response (a redirect to the preview when it is accepted)."""
    return client.post(IMPORT_URL, {"kind": kind, "file": file})


def preview(client, kind, file):
    response = upload(client, kind, file)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], page


def rows_of(page):
    return {row.number: row for row in page.context["plan"].rows}


def database_size():
    return (Site.objects.count(), Innovation.objects.count(), FidelityCriterion.objects.count())


# --- Export ------------------------------------------------------------------------


@pytest.fixture
def rich_entry(world):
    innovation = world.innovation
    innovation.themes.add(ThemeFactory(name="Fostering"), ThemeFactory(name="Edge of care"))
    innovation.support_organisations.add(world.other_site)
    innovation.cost_rating = 3
    innovation.summary = '=HYPERLINK("http://evil.example","Click")'
    innovation.problem_addressed = "+44 0000 is not a formula"
    innovation.accreditation = "@SUM(A1)"
    innovation.save()
    FidelityCriterionFactory(innovation=innovation, name="Small units", kind="must_have")
    FidelityCriterionFactory(innovation=innovation, name="Weekly meetings", kind="must_have")
    FidelityCriterionFactory(innovation=innovation, name="Room layout", kind="adaptable")
    OutcomeMetricFactory(innovation=innovation, name="Carers", unit="carers")
    return innovation


def test_csv_export_has_one_row_per_innovation_and_parses_back(admin_client, rich_entry):
    with time_machine.travel(datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC)):
        response = admin_client.get(reverse("innovations:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="adopt-and-adapt-directory-2025-03-20.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Name"] for row in rows] == [
        "Retired Archived Model",
        "Systemic Units",
        "Unfinished Draft Model",
    ]
    row = rows[1]
    assert row["Slug"] == "systemic-units"
    assert row["Status"] == "Published"
    assert row["Originating site"] == "Originating Borough Council"
    assert row["Originating region"] == "London"
    assert row["Themes"] == "Edge of care; Fostering"
    assert row["Support organisations"] == "Other Borough Council"
    assert row["Adopting sites"] == "2"
    assert row["Cost rating"] == "3"
    assert row["Must-haves"] == "Small units; Weekly meetings"
    assert row["Adaptable"] == "Room layout"
    assert row["Metrics"] == "Carers (carers)"


def test_csv_export_defuses_formulas(admin_client, rich_entry):
    response = admin_client.get(reverse("innovations:export_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Slug"] == "systemic-units")
    assert row["Summary"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["Problem addressed"] == "'+44 0000 is not a formula"
    assert row["Accreditation"] == "'@SUM(A1)"


def test_xlsx_export_has_every_sheet_and_no_formulas(admin_client, rich_entry, world):
    criterion = rich_entry.criteria.get(name="Room layout")
    criterion.retired_at = datetime.datetime(2025, 1, 5, 23, 30, tzinfo=datetime.UTC)
    criterion.save()
    response = admin_client.get(reverse("innovations:export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert re.fullmatch(
        r'attachment; filename="adopt-and-adapt-directory-\d{4}-\d{2}-\d{2}\.xlsx"',
        response["Content-Disposition"],
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Innovations",
        "Criteria",
        "Metrics",
        "Evidence",
        "Resources",
        "Sites",
    ]
    innovations = list(workbook["Innovations"].iter_rows(values_only=True))
    assert innovations[0][0] == "Name"
    assert len(innovations) == 4
    summary = workbook["Innovations"].cell(row=3, column=4)
    assert summary.data_type == "s"
    assert summary.value.startswith("'=HYPERLINK")
    criteria = list(workbook["Criteria"].iter_rows(min_row=2, values_only=True))
    assert [(c[3], c[2]) for c in criteria] == [
        ("Small units", "Must-have"),
        ("Weekly meetings", "Must-have"),
        ("Room layout", "Adaptable"),
    ]
    # Retired on 5 January in London time (23:30 UTC is still the 5th in winter).
    assert criteria[2][8].date() == datetime.date(2025, 1, 5)
    sites = list(workbook["Sites"].iter_rows(min_row=2, values_only=True))
    assert {s[0] for s in sites} == set(Site.objects.values_list("name", flat=True))


def test_export_page_links_both_downloads(admin_client):
    response = admin_client.get(reverse("innovations:export"))
    assert 'href="/directory/export.csv"' in response.text
    assert 'href="/directory/export.xlsx"' in response.text


@pytest.mark.parametrize("url_name", ["innovations:export_csv", "innovations:export_xlsx"])
def test_exports_cost_the_same_at_3_and_23_innovations(admin_client, url_name):
    def add(n):
        for _ in range(n):
            innovation = InnovationFactory()
            innovation.themes.add(ThemeFactory())
            innovation.support_organisations.add(SiteFactory())
            FidelityCriterionFactory(innovation=innovation)
            FidelityCriterionFactory(innovation=innovation, kind="adaptable")
            OutcomeMetricFactory(innovation=innovation)
            AdoptionFactory(innovation=innovation)

    count = assert_queries_do_not_grow(
        admin_client, reverse(url_name), grow=lambda: add(20), small="3", large="23"
    )
    assert count <= 12


def test_exports_are_get_only(admin_client):
    assert admin_client.post(reverse("innovations:export_csv")).status_code == 405


# --- Templates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "first_headers"),
    [("sites", ["Name", "Slug", "Kind", "Region"]), ("innovations", ["Name", "Slug", "Status"])],
)
def test_templates_are_csv_headers(admin_client, kind, first_headers):
    response = admin_client.get(reverse("innovations:import_template", kwargs={"kind": kind}))
    assert response["Content-Disposition"].startswith("attachment;")
    (headers,) = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert headers[: len(first_headers)] == first_headers


def test_an_unknown_template_is_a_404(admin_client):
    response = admin_client.get("/directory/import/castles-template.csv")
    assert response.status_code == 404


# --- Importing organisations --------------------------------------------------------

SITE_HEADERS = ["Name", "Slug", "Kind", "Region", "ONS GSS code", "DfE LA number", "Website"]


def test_preview_of_sites_changes_nothing_and_confirm_applies(admin_client, world):
    world.other_site.gss_code = "E08000032"
    world.other_site.save()
    file = csv_file(
        [
            SITE_HEADERS,
            [
                "Leeds City Council",
                "",
                "Local authority",
                "Yorkshire and the Humber",
                "e08000035",
                "383",
                "www.leeds.gov.uk",
            ],
            [
                "Bradford Metropolitan District Council",
                "",
                "local_authority",
                "yorkshire",
                "E08000032",
                "",
                "",
            ],
            [world.adopting_site.name, "", "", "", "", "", ""],
            ["Nowhere Trust", "", "Castle", "Atlantis", "E123", "12", "http://x.org"],
        ]
    )
    before = database_size()
    url, page = preview(admin_client, "sites", file)
    assert database_size() == before
    rows = rows_of(page)
    assert rows[2].action == "create"
    assert rows[3].action == "update"  # matched by its GSS code
    assert "Matched by ONS GSS code." in rows[3].changes
    assert (
        f"Name: {world.other_site.name} → Bradford Metropolitan District Council" in rows[3].changes
    )
    assert rows[4].action == "unchanged"
    assert rows[5].action == "error"
    assert page.context["to_create"] == 1
    assert page.context["with_errors"] == 1
    assert "Import 2 rows" in page.text

    response = admin_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/sites/"
    leeds = Site.objects.get(gss_code="E08000035")
    assert (leeds.name, leeds.slug, leeds.kind, leeds.region) == (
        "Leeds City Council",
        "leeds-city-council",
        "local_authority",
        "yorkshire",
    )
    assert (leeds.dfe_la_number, leeds.website) == (383, "https://www.leeds.gov.uk")
    assert leeds.history.get().history_user == world.directory_admin
    world.other_site.refresh_from_db()
    assert world.other_site.name == "Bradford Metropolitan District Council"
    assert world.other_site.history.latest().history_user == world.directory_admin
    assert not Site.objects.filter(name="Nowhere Trust").exists()
    message = admin_client.get("/sites/").text
    assert "1 organisation added, 1 updated, 1 unchanged." in message
    assert "1 row with errors was skipped (row 5)." in message


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (["", "", "Local authority", "London", "", "", ""], "Missing name"),
        (["Castle Trust", "", "Castle", "London", "", "", ""], "Unknown kind “Castle”"),
        (
            ["Atlantis Council", "", "Local authority", "Atlantis", "", "", ""],
            "Unknown region “Atlantis”",
        ),
        (["No Region Council", "", "Local authority", "", "", "", ""], "Missing region"),
        (
            ["Bad Code Council", "", "Local authority", "London", "E1234", "", ""],
            "Bad ONS GSS code “E1234”",
        ),
        (
            ["Bad Number Council", "", "Local authority", "London", "", "20", ""],
            "Bad DfE LA number “20”",
        ),
        (
            ["A Charity", "", "Voluntary organisation", "London", "", "222", ""],
            "Only local authorities have a DfE LA number",
        ),
        (
            ["Insecure Council", "", "Local authority", "London", "", "", "http://x.org"],
            "Bad website “http://x.org”",
        ),
        (
            ["Bad Slug Council", "Bad Slug!", "Local authority", "London", "", "", ""],
            "Bad slug “Bad Slug!”",
        ),
        (
            ["Clashing Council", "", "Local authority", "London", "", "999", ""],
            "Other Borough Council already has the DfE LA number “999”.",
        ),
        (
            ["Adopting Borough Council", "adopting-borough-council", "", "", "E09000999", "", ""],
            "Other Borough Council already has the ONS GSS code “E09000999”.",
        ),
    ],
)
def test_each_kind_of_bad_site_row_is_explained(admin_client, world, row, error):
    world.other_site.gss_code = "E09000999"
    world.other_site.dfe_la_number = 999
    world.other_site.save()
    _url, page = preview(admin_client, "sites", csv_file([SITE_HEADERS, row]))
    (plan,) = page.context["plan"].rows
    assert plan.action == "error"
    assert any(message.startswith(error) for message in plan.errors), plan.errors
    assert error.split("“")[0] in page.text


def test_duplicates_within_the_file_are_errors(admin_client, world):
    file = csv_file(
        [
            SITE_HEADERS,
            ["Twin Council", "", "Local authority", "London", "E09000777", "", ""],
            ["Twin Council", "", "Local authority", "London", "", "", ""],
            ["Other Twin", "", "Local authority", "London", "E09000777", "", ""],
        ]
    )
    _url, page = preview(admin_client, "sites", file)
    rows = rows_of(page)
    assert rows[2].action == "create"
    assert "Duplicate in file: row 2 has the same name." in rows[3].errors
    assert "Duplicate in file: row 2 has the same ONS GSS code." in rows[4].errors


def test_sites_import_from_xlsx(admin_client, world):
    file = xlsx_file(
        [
            SITE_HEADERS,
            ["Wiltshire Council", None, "Local authority", "South West", "E06000054", 865, None],
        ]
    )
    url, page = preview(admin_client, "sites", file)
    assert rows_of(page)[2].action == "create"
    admin_client.post(url)
    assert Site.objects.get(name="Wiltshire Council").dfe_la_number == 865


# --- Importing innovations ----------------------------------------------------------

INNOVATION_HEADERS = [
    "Name",
    "Slug",
    "Status",
    "Summary",
    "Originating site",
    "Evidence level",
    "Cost rating",
    "Themes",
    "Support organisations",
    "Must-haves",
    "Adaptable",
]


def innovation_row(**values):
    row = dict.fromkeys(INNOVATION_HEADERS, "")
    row.update(values)
    return [row[h] for h in INNOVATION_HEADERS]


def test_innovations_are_previewed_then_created_and_updated(admin_client, world):
    ThemeFactory(name="Fostering")
    file = csv_file(
        [
            INNOVATION_HEADERS,
            innovation_row(
                Name="Mockingbird",
                Summary="An extended-family model of foster care.",
                **{
                    "Originating site": world.originating_site.slug,
                    "Evidence level": "3",
                    "Cost rating": "4",
                    "Themes": "fostering; Peer support",
                    "Support organisations": world.other_site.name,
                    "Must-haves": "Hub home carer; Constellation of 6-10 families",
                    "Adaptable": "Social activities",
                },
            ),
            innovation_row(
                Name="Systemic Units",
                Slug="systemic-units",
                Status="Archived",
                **{"Must-haves": "Unit meetings"},
            ),
        ]
    )
    before = database_size()
    themes_before = Theme.objects.count()
    url, page = preview(admin_client, "innovations", file)
    assert database_size() == before
    assert Theme.objects.count() == themes_before
    rows = rows_of(page)
    assert rows[2].action == "create"
    assert "New draft entry at /directory/mockingbird/" in rows[2].changes
    assert "Adds the new theme “Peer support”" in rows[2].changes
    assert rows[3].action == "update"
    assert "Status: Published → Archived" in rows[3].changes
    assert "Adds the must-have “Unit meetings”" in rows[3].changes

    admin_client.post(url)
    mockingbird = Innovation.objects.get(slug="mockingbird")
    assert mockingbird.status == Innovation.Status.DRAFT
    assert mockingbird.originating_site == world.originating_site
    assert (mockingbird.evidence_level, mockingbird.cost_rating) == ("3", 4)
    assert sorted(t.name for t in mockingbird.themes.all()) == ["Fostering", "Peer support"]
    assert list(mockingbird.support_organisations.all()) == [world.other_site]
    assert [(c.name, c.kind) for c in mockingbird.criteria.all()] == [
        ("Hub home carer", "must_have"),
        ("Constellation of 6-10 families", "must_have"),
        ("Social activities", "adaptable"),
    ]
    assert {h.history_user for h in mockingbird.history.all()} == {world.directory_admin}
    assert all(
        c.history.get().history_user == world.directory_admin for c in mockingbird.criteria.all()
    )
    systemic = Innovation.objects.get(slug="systemic-units")
    assert systemic.status == Innovation.Status.ARCHIVED
    assert systemic.status_changed_by == world.directory_admin
    assert systemic.criteria.filter(name="Unit meetings", kind="must_have").exists()
    assert systemic.history.latest().history_user == world.directory_admin


def test_a_status_column_can_publish_a_new_entry(admin_client, world):
    file = csv_file(
        [
            INNOVATION_HEADERS,
            innovation_row(
                Name="Daybreak FGC", Summary="Family group conferencing.", Status="published"
            ),
        ]
    )
    url, _page = preview(admin_client, "innovations", file)
    admin_client.post(url)
    entry = Innovation.objects.get(name="Daybreak FGC")
    assert entry.status == Innovation.Status.PUBLISHED
    assert entry.status_changed_by == world.directory_admin


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"Summary": "No name"}, "Missing name"),
        ({"Name": "No Summary Model"}, "Missing summary"),
        (
            {"Name": "X", "Summary": "s", "Originating site": "Atlantis"},
            "Unknown originating site “Atlantis”",
        ),
        (
            {"Name": "X", "Summary": "s", "Support organisations": "Atlantis"},
            "Unknown support organisation “Atlantis”",
        ),
        ({"Name": "X", "Summary": "s", "Evidence level": "9"}, "Unknown evidence level “9”"),
        ({"Name": "X", "Summary": "s", "Cost rating": "7"}, "Bad cost rating “7”"),
        ({"Name": "X", "Summary": "s", "Status": "Live"}, "Unknown status “Live”"),
        (
            {"Name": "X", "Summary": "s", "Slug": "import"},
            "The slug “import” is used by the service",
        ),
        (
            {"Name": "Unfinished Draft Model", "Status": "Archived"},
            "A draft entry cannot be moved to archived.",
        ),
        (
            {"Name": "Systemic Units", "Slug": "retired-archived-model"},
            "Another innovation, Systemic Units, already has the name “Systemic Units”.",
        ),
        (
            {"Name": "X", "Summary": "s", "Must-haves": "A", "Adaptable": "a"},
            "“a” is listed both as a must-have and as adaptable.",
        ),
    ],
)
def test_each_kind_of_bad_innovation_row_is_explained(admin_client, world, values, error):
    _url, page = preview(
        admin_client, "innovations", csv_file([INNOVATION_HEADERS, innovation_row(**values)])
    )
    (plan,) = page.context["plan"].rows
    assert plan.action == "error"
    assert any(message.startswith(error) for message in plan.errors), plan.errors


def test_a_criterion_listed_under_the_other_kind_is_an_error(admin_client, world):
    FidelityCriterionFactory(innovation=world.innovation, name="Unit meetings", kind="adaptable")
    row = innovation_row(Name="Systemic Units", **{"Must-haves": "unit meetings"})
    _url, page = preview(admin_client, "innovations", csv_file([INNOVATION_HEADERS, row]))
    (plan,) = page.context["plan"].rows
    assert plan.errors == [
        "“Unit meetings” is already adaptable; change its kind on the innovation’s page, "
        "not by import."
    ]


def test_an_exported_file_imports_as_no_change(admin_client, rich_entry):
    """Export, then import the same file: every row matches and nothing would change."""
    csv_export = admin_client.get(reverse("innovations:export_csv")).content
    _url, page = preview(
        admin_client, "innovations", SimpleUploadedFile("directory.csv", csv_export)
    )
    assert {row.action for row in page.context["plan"].rows} == {"unchanged"}, [
        (row.name, row.errors, row.changes) for row in page.context["plan"].rows
    ]
    assert "Originating region" in page.text  # named as an ignored column

    xlsx_export = admin_client.get(reverse("innovations:export_xlsx")).content
    for kind in ("innovations", "sites"):
        _url, page = preview(admin_client, kind, SimpleUploadedFile("directory.xlsx", xlsx_export))
        assert {row.action for row in page.context["plan"].rows} == {"unchanged"}, kind


# --- Refusing files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("big.csv", b"Name\n" + b"x" * (2 * 1024 * 1024)),
            "The file must be smaller than 2 MB",
        ),
        (
            SimpleUploadedFile("notes.txt", b"Name\nHackney\n"),
            "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)",
        ),
        (SimpleUploadedFile("fake.xlsx", b"Name\nHackney\n"), "The file is not an Excel workbook"),
        (
            SimpleUploadedFile("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
            "The file is not a CSV file",
        ),
        (
            SimpleUploadedFile("no-name.csv", b"Kind,Region\nOther,London\n"),
            "The file has no Name column",
        ),
        (SimpleUploadedFile("header-only.csv", b"Name,Kind\n"), "The file has no rows to import"),
        (
            SimpleUploadedFile("twice.csv", b"Name,name\nA,B\n"),
            "The column “name” appears more than once",
        ),
        (SimpleUploadedFile("empty.csv", b""), "The file is empty"),
    ],
)
def test_bad_files_are_refused_with_a_message(admin_client, world, file, message):
    before = database_size()
    response = upload(admin_client, "sites", file)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert database_size() == before
    assert not admin_client.session.get(SESSION_KEY)


def test_too_many_rows_are_refused(admin_client, world):
    rows = [["Name"]] + [[f"Council {n}"] for n in range(1001)]
    response = upload(admin_client, "sites", csv_file(rows))
    assert "The file has more than 1,000 rows" in response.text


def test_the_form_needs_a_kind_and_a_file(admin_client):
    response = admin_client.post(IMPORT_URL, {})
    assert "Select what you are importing." in response.text
    assert "Select a CSV or Excel file to upload." in response.text


# --- The preview token --------------------------------------------------------------


def test_an_unknown_token_sends_you_back_with_a_message(admin_client):
    for method in ("get", "post"):
        response = getattr(admin_client, method)("/directory/import/not-a-real-token/", follow=True)
        assert response.redirect_chain == [(IMPORT_URL, 302)]
        assert "That import preview has expired or has already been imported." in response.text


def test_a_preview_can_be_confirmed_only_once(admin_client, world):
    file = csv_file([SITE_HEADERS, ["Once Council", "", "Local authority", "London", "", "", ""]])
    url, _page = preview(admin_client, "sites", file)
    admin_client.post(url)
    before = database_size()
    again = admin_client.post(url, follow=True)
    assert "has expired or has already been imported" in again.text
    assert database_size() == before


def test_confirm_applies_nothing_if_the_directory_changed_since_the_preview(admin_client, world):
    """Someone adds an organisation with the same code after the preview: the row would now
    update theirs rather than add one, so nothing is applied and the new preview is shown."""
    file = csv_file(
        [SITE_HEADERS, ["Racing Council", "", "Local authority", "London", "E09000321", "", ""]]
    )
    url, page = preview(admin_client, "sites", file)
    assert rows_of(page)[2].action == "create"
    theirs = SiteFactory(name="Someone Else's Council", gss_code="E09000321")
    response = admin_client.post(url, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "The directory has changed since this preview was made" in response.text
    assert rows_of(response)[2].action == "update"
    theirs.refresh_from_db()
    assert theirs.name == "Someone Else's Council"
    assert not Site.objects.filter(name="Racing Council").exists()
    # Confirming the new preview applies what it showed.
    admin_client.post(url)
    theirs.refresh_from_db()
    assert theirs.name == "Racing Council"


def test_confirming_without_seeing_the_preview_shows_it_first(admin_client, world):
    file = csv_file([SITE_HEADERS, ["Unseen Council", "", "Other", "London", "", "", ""]])
    response = upload(admin_client, "sites", file)
    url = response["Location"]
    assert admin_client.post(url)["Location"] == url
    assert not Site.objects.filter(name="Unseen Council").exists()


def test_another_persons_token_is_not_theirs(world, client_for):
    first = client_for(world.directory_admin)
    url, _page = preview(
        first, "sites", csv_file([SITE_HEADERS, ["A Council", "", "Other", "London", "", "", ""]])
    )
    second_admin = world.directory_admin.__class__.objects.create_user(
        email="second.admin@example.test", password="x" * 16, is_directory_admin=True
    )
    response = client_for(second_admin).post(url, follow=True)
    assert "has expired or has already been imported" in response.text
    assert not Site.objects.filter(name="A Council").exists()


def test_only_directory_admins_may_apply_an_import(world):
    with pytest.raises(PermissionDenied):
        directory_import_apply(actor=world.lead, kind="sites", rows=[{"_row": 2, "name": "X"}])
