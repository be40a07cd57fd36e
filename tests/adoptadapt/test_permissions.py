"""The permission matrix: every URL × every kind of person, written once.

Each row of MATRIX is one page (and, where it matters, which object), with what
each actor gets, in the order of `tests.world.ACTORS`:

    anonymous, unrelated user, lead, contributor, originating partner,
    board member, board chair, board observer, directory admin

Expected outcomes: a status code; LOGIN (redirect to the sign-in page with
?next= the page); or Redirect(url). Someone else's adoption or board is a 404,
never a 403, so the page does not reveal that it exists.

A new URL pattern without a row here fails `test_every_url_pattern_is_in_the_matrix`.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from governance.models import GovernanceBoard
from innovations.models import Innovation
from sites.models import Adoption
from tests.world import ACTORS, World

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Redirect:
    url: str


LOGIN = "redirect to sign in"
HOME = Redirect("/")
DIRECTORY = Redirect("/directory/")


@dataclass(frozen=True)
class Row:
    url_name: str
    case: str
    kwargs: Callable[[World], dict]
    expected: tuple
    method: str = "get"

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.case}]" if self.case else self.url_name


def no_kwargs(world):
    return {}


def _all(outcome):
    return (outcome,) * len(ACTORS)


def _signed_in(anonymous, everyone_else):
    return (anonymous,) + (everyone_else,) * (len(ACTORS) - 1)


#                         anon   unrel lead contr partn membr chair obsrv admin
OWN_ADOPTION_OUTCOMES = (LOGIN, 404, 200, 200, 200, 200, 200, 200, 200)
OTHER_OBJECT_OUTCOMES = (LOGIN, 404, 404, 404, 404, 404, 404, 404, 200)
OWN_BOARD_OUTCOMES = (LOGIN, 404, 404, 404, 404, 200, 200, 200, 200)
ADMIN_ONLY_OUTCOMES = (404, 404, 404, 404, 404, 404, 404, 404, 200)

MATRIX = [
    Row("home", "", no_kwargs, _signed_in(DIRECTORY, 200)),
    Row("login", "", no_kwargs, _signed_in(200, HOME)),
    Row("logout", "", no_kwargs, _signed_in(LOGIN, HOME), method="post"),
    Row("healthz", "", no_kwargs, _all(200)),
    Row("innovations:list", "", no_kwargs, _all(200)),
    Row(
        "innovations:detail",
        "published",
        lambda w: {"slug": w.innovation.slug},
        _all(200),
    ),
    Row(
        "innovations:detail",
        "draft",
        lambda w: {"slug": w.draft_innovation.slug},
        ADMIN_ONLY_OUTCOMES,
    ),
    Row(
        "innovations:detail",
        "archived",
        lambda w: {"slug": w.archived_innovation.slug},
        ADMIN_ONLY_OUTCOMES,
    ),
    Row("adoptions:detail", "own", lambda w: {"pk": w.adoption.pk}, OWN_ADOPTION_OUTCOMES),
    Row("adoptions:detail", "other", lambda w: {"pk": w.other_adoption.pk}, OTHER_OBJECT_OUTCOMES),
    Row("boards:list", "", no_kwargs, _signed_in(LOGIN, 200)),
    Row("boards:detail", "own", lambda w: {"slug": w.board.slug}, OWN_BOARD_OUTCOMES),
    Row("boards:detail", "other", lambda w: {"slug": w.other_board.slug}, OTHER_OBJECT_OUTCOMES),
    # --- directory browsing ---
    # --- directory maintenance ---
    # --- sites, directory export and import ---
    # --- adoption overview and journey ---
    # --- monthly progress updates ---
    # --- fidelity assessments and adaptations ---
]

CASES = [
    pytest.param(row, actor, expected, id=f"{row.id}-{actor}")
    for row in MATRIX
    for actor, expected in zip(ACTORS, row.expected, strict=True)
]


@pytest.mark.parametrize(("row", "actor", "expected"), CASES)
def test_permission_matrix(row, actor, expected, world, client_for, settings):
    # /healthz is in the matrix for who may call it; the broker is not under test here.
    settings.CELERY_BROKER_URL = "memory://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    user = world.actor(actor)
    client = client_for(user)
    response = getattr(client, row.method)(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"{actor} {url}: {response.status_code}"
        assert response["Location"] == f"/accounts/login/?next={url}"
    elif isinstance(expected, Redirect):
        assert response.status_code == 302, f"{actor} {url}: {response.status_code}"
        assert response["Location"] == expected.url
    else:
        assert response.status_code == expected, f"{actor} {url}: {response.status_code}"
    if expected == 404:
        assert "Page not found" in response.text


def test_matrix_has_a_row_for_every_actor():
    for row in MATRIX:
        assert len(row.expected) == len(ACTORS), row.id


# --- The matrix covers every URL ----------------------------------------------------


def _named_patterns(patterns, prefix="", namespace=""):
    """(route, "namespace:name") for every URL pattern, walking includes; admin excluded."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _named_patterns(pattern.url_patterns, route, joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name


def test_every_url_pattern_is_in_the_matrix():
    in_matrix = {row.url_name for row in MATRIX}
    found = list(_named_patterns(get_resolver().url_patterns))
    unnamed = [route for route, name in found if not name]
    assert not unnamed, f"URL patterns without a name cannot be in the matrix: {unnamed}"
    missing = sorted({name for _route, name in found} - in_matrix)
    assert not missing, (
        f"Add these URLs to MATRIX in {__name__} with the outcome for every actor: {missing}"
    )
    gone = sorted(in_matrix - {name for _route, name in found})
    assert not gone, f"MATRIX lists URLs the project no longer has: {gone}"


def test_url_walk_finds_namespaced_patterns_and_skips_admin():
    names = {name for _route, name in _named_patterns(get_resolver().url_patterns)}
    assert {"innovations:detail", "adoptions:detail", "boards:detail", "home"} <= names
    assert not any(name.startswith("admin:") for name in names)


# --- One mechanism: querysets and permission checks agree ----------------------------

ADOPTIONS = ("adoption", "other_adoption")
BOARDS = ("board", "other_board")
INNOVATIONS = ("innovation", "draft_innovation", "archived_innovation")


@pytest.mark.parametrize("actor", ACTORS)
def test_adoption_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in ADOPTIONS:
        adoption = getattr(world, name)
        in_queryset = Adoption.objects.visible_to(user).filter(pk=adoption.pk).exists()
        assert in_queryset == user.has_perm("adoptadapt_sites.view_adoption", adoption), name
        expected = OWN_ADOPTION_OUTCOMES if name == "adoption" else OTHER_OBJECT_OUTCOMES
        assert in_queryset == (expected[ACTORS.index(actor)] == 200), name


@pytest.mark.parametrize("actor", ACTORS)
def test_adoption_editability_and_change_permission_agree(world, actor):
    user = world.actor(actor)
    for name in ADOPTIONS:
        adoption = getattr(world, name)
        in_queryset = Adoption.objects.editable_by(user).filter(pk=adoption.pk).exists()
        assert in_queryset == user.has_perm("adoptadapt_sites.change_adoption", adoption), name
        # Only the people who write the updates may edit: the lead and contributors.
        assert in_queryset == (name == "adoption" and actor in ("lead", "contributor")), name


@pytest.mark.parametrize("actor", ACTORS)
def test_board_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in BOARDS:
        board = getattr(world, name)
        in_queryset = GovernanceBoard.objects.visible_to(user).filter(pk=board.pk).exists()
        assert in_queryset == user.has_perm("governance.view_governanceboard", board), name
        expected = OWN_BOARD_OUTCOMES if name == "board" else OTHER_OBJECT_OUTCOMES
        assert in_queryset == (expected[ACTORS.index(actor)] == 200), name


@pytest.mark.parametrize("actor", ACTORS)
def test_innovation_visibility_and_view_permission_agree(world, actor):
    user = world.actor(actor)
    for name in INNOVATIONS:
        innovation = getattr(world, name)
        in_queryset = Innovation.objects.visible_to(user).filter(pk=innovation.pk).exists()
        assert in_queryset == user.has_perm("innovations.view_innovation", innovation), name
        assert in_queryset == (name == "innovation" or actor == "directory_admin"), name


def test_inactive_people_see_nothing_private(world):
    lead = world.lead
    lead.is_active = False
    lead.save()
    assert not Adoption.objects.visible_to(lead).exists()
    assert not lead.has_perm("adoptadapt_sites.view_adoption", world.adoption)


def test_an_inactive_directory_admin_sees_only_what_the_public_sees(world):
    """Adoptions and boards already ignore inactive accounts, and so does the
    `is_directory_admin` rule; the innovation queryset should as well."""
    admin = world.directory_admin
    admin.is_active = False
    admin.save()
    assert not GovernanceBoard.objects.visible_to(admin).exists()
    assert not admin.has_perm("innovations.change_innovation", world.draft_innovation)
    visible = set(Innovation.objects.visible_to(admin).values_list("slug", flat=True))
    assert visible == {world.innovation.slug}
