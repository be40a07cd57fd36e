"""The directory's public pages are cached for visitors (innovations/public_pages.py), and
a change made through any service or the admin shows on them at once."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovations.importing import directory_import_apply
from innovations.models import EvidenceSource, FidelityCriterion, OutcomeMetric, Resource
from innovations.public_pages import DIRECTORY_PAGES, shown_models
from innovations.search import search_documents_refresh
from innovations.services import (
    RowChange,
    criteria_save,
    criterion_retire,
    evidence_sources_save,
    innovation_set_status,
    innovation_update,
    metric_retire,
    metrics_save,
    resources_save,
)
from sites.models import Accreditation, FidelityAssessment, Stage
from sites.services import (
    accreditation_create,
    accreditation_delete,
    adoption_create,
    adoption_stage_change,
    fidelity_assessment_record,
    site_update,
)
from tests.factories import SiteFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("innovations:list")
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def visit(url: str):
    """A visitor who is not signed in, with no cookies."""
    return Client().get(url)


def _warm(url: str, django_assert_num_queries) -> str:
    first = visit(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = visit(url)
    assert second.content == first.content
    return second.text


def test_a_visitor_gets_the_page_from_the_cache_with_no_query(world, django_assert_num_queries):
    for url in (LIST, world.innovation.get_absolute_url(), f"{LIST}?q=systemic"):
        assert "Systemic Units" in _warm(url, django_assert_num_queries)


def test_signed_in_people_and_visitors_with_messages_get_their_own_page(world, client_for):
    entry = world.innovation.get_absolute_url()
    visit(entry)  # now cached for visitors
    admin_page = client_for(world.directory_admin).get(entry)
    assert "Manage this entry" in admin_page.text  # rendered for them, not the visitor's copy
    assert "Manage this entry" not in visit(entry).text

    storage = CookieStorage(RequestFactory().get(entry))
    storage.add(messages.INFO, "You were signed out because you had not used the service.")
    carrier = HttpResponse()
    storage.update(carrier)
    with_message = Client()
    with_message.cookies[CookieStorage.cookie_name] = carrier.cookies[
        CookieStorage.cookie_name
    ].value
    assert "You were signed out" in with_message.get(entry).text
    assert "You were signed out" not in visit(entry).text


def test_the_cache_can_be_turned_off(world, settings):
    settings.PUBLIC_PAGE_CACHE = False
    visit(LIST)
    with CaptureQueriesContext(connection) as queries:
        visit(LIST)
    assert len(queries) > 0


# --- every way of changing what the pages show ------------------------------------------


def _row(**values):
    return RowChange(None, values)


def _criterion(world, name):
    return FidelityCriterion.objects.get(innovation=world.innovation, name=name)


def _add_criterion(world, name="Family network meeting"):
    criteria_save(
        actor=world.directory_admin,
        innovation=world.innovation,
        rows=[_row(name=name, kind="must_have", dimension="adherence")],
    )


def _add_metric(world, name="Carers recruited"):
    metrics_save(
        actor=world.directory_admin,
        innovation=world.innovation,
        rows=[_row(name=name, unit="carers")],
    )


def _accredit(world, standard="Licence to deliver"):
    return accreditation_create(
        actor=world.directory_admin,
        adoption=world.adoption,
        kind=Accreditation.Kind.LICENCE,
        awarding_body="The developers",
        standard=standard,
        status=Accreditation.Status.AWARDED,
        awarded_on=TODAY - datetime.timedelta(days=30),
    )


def _assess(world):
    criteria = FidelityCriterion.objects.filter(innovation=world.innovation, retired_at=None)
    fidelity_assessment_record(
        actor=world.lead,
        adoption=world.adoption,
        assessed_on=TODAY,
        method=FidelityAssessment.Method.SELF,
        scores=dict.fromkeys(criteria, ("met", "")),
    )


# (name, what to do beforehand, the change, the page, what it shows after, what it no
# longer shows). Each page is in the cache when the change is made.
ENTRY = "entry"
CHANGES = [
    (
        "innovation_update: summary",
        None,
        lambda w: innovation_update(
            actor=w.directory_admin, innovation=w.innovation, summary="Units of five workers."
        ),
        ENTRY,
        "Units of five workers.",
        None,
    ),
    (
        "innovation_update: themes",
        None,
        lambda w: innovation_update(
            actor=w.directory_admin,
            innovation=w.innovation,
            themes=[ThemeFactory(name="Edge of care")],
        ),
        ENTRY,
        "Edge of care",
        None,
    ),
    (
        "innovation_set_status: archived",
        None,
        lambda w: innovation_set_status(
            actor=w.directory_admin, innovation=w.innovation, status="archived"
        ),
        LIST,
        None,
        "Systemic Units",
    ),
    ("criteria_save", None, _add_criterion, ENTRY, "Family network meeting", None),
    (
        "criterion_retire",
        _add_criterion,
        lambda w: criterion_retire(
            actor=w.directory_admin, criterion=_criterion(w, "Family network meeting")
        ),
        ENTRY,
        None,
        "Family network meeting",
    ),
    ("metrics_save", None, _add_metric, ENTRY, "Carers recruited", None),
    (
        "metric_retire",
        _add_metric,
        lambda w: metric_retire(
            actor=w.directory_admin,
            metric=OutcomeMetric.objects.get(innovation=w.innovation, name="Carers recruited"),
        ),
        ENTRY,
        None,
        "Carers recruited",
    ),
    (
        "evidence_sources_save",
        None,
        lambda w: evidence_sources_save(
            actor=w.directory_admin,
            innovation=w.innovation,
            rows=[_row(title="Evaluation of the pilot", kind=EvidenceSource.Kind.EVALUATION)],
        ),
        ENTRY,
        "Evaluation of the pilot",
        None,
    ),
    (
        "resources_save",
        None,
        lambda w: resources_save(
            actor=w.directory_admin,
            innovation=w.innovation,
            rows=[_row(title="Unit handbook", kind=Resource.Kind.TOOLKIT)],
        ),
        ENTRY,
        "Unit handbook",
        None,
    ),
    (
        "site_update: the adopting site",
        None,
        lambda w: site_update(
            actor=w.directory_admin, site=w.adoption.adopting_site, name="Renamed Borough"
        ),
        ENTRY,
        "Renamed Borough",
        "Adopting Borough Council",
    ),
    (
        "site_update: the originating site",
        None,
        lambda w: site_update(
            actor=w.directory_admin, site=w.innovation.originating_site, name="Renamed Origin"
        ),
        LIST,
        "From Renamed Origin",
        "From Originating Borough Council",
    ),
    (
        "adoption_create",
        None,
        lambda w: adoption_create(
            actor=w.directory_admin,
            innovation=w.innovation,
            adopting_site=SiteFactory(name="Newly Adopting Council"),
            started_on=TODAY,
        ),
        ENTRY,
        "Newly Adopting Council",
        None,
    ),
    (
        "adoption_stage_change",
        None,
        lambda w: adoption_stage_change(
            actor=w.lead, adoption=w.adoption, stage=Stage.PAUSED, changed_on=TODAY
        ),
        ENTRY,
        "Paused",
        None,
    ),
    ("fidelity_assessment_record", _add_criterion, _assess, ENTRY, "100% on", None),
    ("accreditation_create", None, _accredit, ENTRY, "Licence to deliver", None),
    (
        "accreditation_delete",
        _accredit,
        lambda w: accreditation_delete(
            actor=w.directory_admin, accreditation=Accreditation.objects.get()
        ),
        ENTRY,
        None,
        "Licence to deliver",
    ),
    (
        "directory_import_apply: sites",
        None,
        lambda w: directory_import_apply(
            actor=w.directory_admin,
            kind="sites",
            rows=[{"_row": 2, "slug": w.adoption.adopting_site.slug, "name": "Imported Name"}],
        ),
        ENTRY,
        "Imported Name",
        None,
    ),
]


@pytest.mark.parametrize(
    ("before", "change", "page", "shows", "no_longer_shows"),
    [case[1:] for case in CHANGES],
    ids=[case[0] for case in CHANGES],
)
def test_a_change_through_a_service_shows_at_once(
    world, django_assert_num_queries, before, change, page, shows, no_longer_shows
):
    if before:
        before(world)
    url = world.innovation.get_absolute_url() if page == ENTRY else LIST
    cached = _warm(url, django_assert_num_queries)
    assert shows is None or shows not in cached
    assert no_longer_shows is None or no_longer_shows in cached
    change(world)
    after = visit(url).text
    assert shows is None or shows in after
    assert no_longer_shows is None or no_longer_shows not in after


class _FormReader(HTMLParser):
    """The fields of an admin change form as the browser would post them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if a.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(a.get("value", default))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None


def _admin_change(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    reader = _FormReader()
    reader.feed(client.get(url).text)
    data = {key: values for key, values in reader.data.items() if key != "csrfmiddlewaretoken"}
    data.update({key: [value] for key, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


ADMIN_CHANGES = [
    ("Site", lambda w: w.adoption.adopting_site, {"name": "Admin Renamed Council"}),
    ("Theme", lambda w: _themed(w), {"name": "Renamed theme"}),
    ("Innovation", lambda w: w.innovation, {"summary": "Edited in the admin."}),
    (
        "FidelityCriterion",
        lambda w: (_add_criterion(w), _criterion(w, "Family network meeting"))[1],
        {"name": "Renamed in the admin"},
    ),
    (
        "Adoption",
        lambda w: w.adoption,
        {"started_on": "2019-03-04"},
    ),
]


def _themed(world):
    theme = ThemeFactory(name="Original theme")
    innovation_update(actor=world.directory_admin, innovation=world.innovation, themes=[theme])
    return theme


@pytest.mark.parametrize(
    ("target", "changes"),
    [case[1:] for case in ADMIN_CHANGES],
    ids=[case[0] for case in ADMIN_CHANGES],
)
def test_a_change_in_the_admin_shows_at_once(
    world, client_for, django_assert_num_queries, target, changes
):
    obj = target(world)
    admin = world.directory_admin
    admin.is_staff = admin.is_superuser = True
    admin.save()
    url = world.innovation.get_absolute_url()
    _warm(url, django_assert_num_queries)
    _admin_change(client_for(admin), obj, **changes)
    shown = next(iter(changes.values()))
    expected = "Since March 2019" if shown == "2019-03-04" else shown
    assert expected in visit(url).text


# --- every model the pages show is watched, and the writes that send no signal bump ------


@pytest.mark.parametrize("model", shown_models(), ids=lambda model: model._meta.label)
def test_each_model_the_pages_show_is_watched(model):
    assert post_save.has_listeners(model)
    assert post_delete.has_listeners(model)


def test_a_write_sends_a_new_version_at_once_and_again_on_commit(
    world, django_capture_on_commit_callbacks
):
    first = DIRECTORY_PAGES.version()
    with django_capture_on_commit_callbacks(execute=True):
        innovation_update(actor=world.directory_admin, innovation=world.innovation, summary="New.")
        during = DIRECTORY_PAGES.version()
    assert first != during != DIRECTORY_PAGES.version()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL stores search vectors; on SQLite a refresh changes nothing",
)
def test_refreshing_the_search_vectors_bumps_the_version(world):
    first = DIRECTORY_PAGES.version()
    search_documents_refresh()
    assert DIRECTORY_PAGES.version() != first


def test_a_lost_version_never_brings_back_old_pages(world, django_assert_num_queries):
    url = world.innovation.get_absolute_url()
    _warm(url, django_assert_num_queries)
    caches["pages"].delete(DIRECTORY_PAGES.version_key)  # evicted, or the cache restarted
    with CaptureQueriesContext(connection) as queries:
        visit(url)
    assert len(queries) > 0  # rendered again, not served from before
