"""The API's permission matrix: every endpoint, list and detail, own and other objects,
each actor of tests.world, by session and by token; then tokens that must be refused.

Outcomes are in the order of `tests.world.ACTORS`:

    anonymous, unrelated user, lead, contributor, originating partner,
    board member, board chair, board observer, directory admin

A list row gives, for each actor, 401 or the world objects (of those named) that the
list must hold: no more, no fewer.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.objects import api_draft_update, api_token, api_update, bearer, revoked_api_token
from tests.world import ACTORS, World, world_adaptation, world_assessment

pytestmark = pytest.mark.django_db

#                 anon unrel lead contr partn membr chair obsrv admin
OWN_ADOPTION = (401, 404, 200, 200, 200, 200, 200, 200, 200)
OTHER_OBJECT = (401, 404, 404, 404, 404, 404, 404, 404, 200)
OWN_BOARD = (401, 404, 404, 404, 404, 200, 200, 200, 200)
PUBLIC = (200,) * len(ACTORS)
UNPUBLISHED = (404, 404, 404, 404, 404, 404, 404, 404, 200)
NEVER = (401, 404, 404, 404, 404, 404, 404, 404, 404)

NONE = frozenset()
OURS = frozenset({"ours"})
BOTH = frozenset({"ours", "theirs"})
#                   anon unrel lead contr partn membr chair obsrv admin
OWN_ADOPTION_LIST = (401, NONE, OURS, OURS, OURS, OURS, OURS, OURS, BOTH)
OWN_BOARD_LIST = (401, NONE, NONE, NONE, NONE, OURS, OURS, OURS, BOTH)


@dataclass(frozen=True)
class Detail:
    url_name: str
    case: str
    kwargs: Callable[[World], dict]
    expected: tuple

    @property
    def id(self):
        return f"{self.url_name}[{self.case}]"


@dataclass(frozen=True)
class Listing:
    url_name: str
    # The objects the list is checked for, by role in the test: "ours" and "theirs".
    objects: Callable[[World], dict]
    expected: tuple
    key: str = "id"

    @property
    def id(self):
        return self.url_name


def _pk(name, make=None):
    def kwargs(world):
        obj = make(world, name) if make else getattr(world, name)
        return {"pk": obj.pk}

    return kwargs


def _slug(name):
    return lambda world: {"slug": getattr(world, name).slug}


DETAILS = [
    Detail("api:innovation-detail", "published", _slug("innovation"), PUBLIC),
    Detail("api:innovation-detail", "draft", _slug("draft_innovation"), UNPUBLISHED),
    Detail("api:innovation-detail", "archived", _slug("archived_innovation"), UNPUBLISHED),
    Detail("api:site-detail", "", _slug("other_site"), PUBLIC),
    Detail("api:adoption-detail", "own", _pk("adoption"), OWN_ADOPTION),
    Detail("api:adoption-detail", "other", _pk("other_adoption"), OTHER_OBJECT),
    Detail("api:progress-update-detail", "own", _pk("adoption", api_update), OWN_ADOPTION),
    Detail("api:progress-update-detail", "other", _pk("other_adoption", api_update), OTHER_OBJECT),
    Detail("api:progress-update-detail", "draft", lambda w: {"pk": api_draft_update(w).pk}, NEVER),
    Detail(
        "api:fidelity-assessment-detail", "own", _pk("adoption", world_assessment), OWN_ADOPTION
    ),
    Detail(
        "api:fidelity-assessment-detail",
        "other",
        _pk("other_adoption", world_assessment),
        OTHER_OBJECT,
    ),
    Detail("api:adaptation-detail", "own", _pk("adoption", world_adaptation), OWN_ADOPTION),
    Detail("api:adaptation-detail", "other", _pk("other_adoption", world_adaptation), OTHER_OBJECT),
    Detail("api:board-detail", "own", _slug("board"), OWN_BOARD),
    Detail("api:board-detail", "other", _slug("other_board"), OTHER_OBJECT),
]


def _pair(make):
    return lambda w: {"ours": make(w, "adoption"), "theirs": make(w, "other_adoption")}


LISTINGS = [
    Listing(
        "api:innovation-list",
        lambda w: {"ours": w.innovation, "theirs": w.draft_innovation},
        (OURS,) * (len(ACTORS) - 1) + (BOTH,),
        key="slug",
    ),
    Listing(
        "api:site-list",
        lambda w: {"ours": w.adopting_site, "theirs": w.other_site},
        (BOTH,) * len(ACTORS),
        key="slug",
    ),
    Listing(
        "api:adoption-list",
        lambda w: {"ours": w.adoption, "theirs": w.other_adoption},
        OWN_ADOPTION_LIST,
    ),
    Listing("api:progress-update-list", _pair(api_update), OWN_ADOPTION_LIST),
    Listing("api:fidelity-assessment-list", _pair(world_assessment), OWN_ADOPTION_LIST),
    Listing("api:adaptation-list", _pair(world_adaptation), OWN_ADOPTION_LIST),
    Listing(
        "api:board-list",
        lambda w: {"ours": w.board, "theirs": w.other_board},
        OWN_BOARD_LIST,
        key="slug",
    ),
]


def _clients(world, actor):
    """(how, client, extra) for every way this actor can call: none, session, token."""
    if actor == "anonymous":
        return [("anonymous", Client(), {})]
    user = world.actor(actor)
    session = Client()
    session.force_login(user)
    _token, secret = api_token(user)
    return [("session", session, {}), ("token", Client(), bearer(secret))]


@pytest.mark.parametrize(
    ("row", "actor", "expected"),
    [
        pytest.param(row, actor, expected, id=f"{row.id}-{actor}")
        for row in DETAILS
        for actor, expected in zip(ACTORS, row.expected, strict=True)
    ],
)
def test_detail(row, actor, expected, world):
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    for how, client, extra in _clients(world, actor):
        response = client.get(url, **extra)
        assert response.status_code == expected, f"{actor} by {how}: {url}"
        assert response["Content-Type"] == "application/json"
        if expected == 404:
            assert response.json() == {"detail": "Not found."}
        if expected == 401:
            assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    ("row", "actor", "expected"),
    [
        pytest.param(row, actor, expected, id=f"{row.id}-{actor}")
        for row in LISTINGS
        for actor, expected in zip(ACTORS, row.expected, strict=True)
    ],
)
def test_list(row, actor, expected, world):
    objects = row.objects(world)
    by_key = {getattr(obj, row.key): name for name, obj in objects.items()}
    url = reverse(row.url_name)
    for how, client, extra in _clients(world, actor):
        response = client.get(url, {"page_size": 200}, **extra)
        if expected == 401:
            assert response.status_code == 401, f"{actor} by {how}"
            continue
        assert response.status_code == 200, f"{actor} by {how}"
        # The world holds other objects too; only the two named are checked.
        keys = {item[row.key] for item in response.json()["results"]}
        listed = {name for key, name in by_key.items() if key in keys}
        assert listed == expected, f"{actor} by {how}: {listed}"


def test_lists_never_hold_drafts(world, client_for):
    draft = api_draft_update(world)
    response = client_for(world.lead).get(reverse("api:progress-update-list"))
    assert draft.pk not in {item["id"] for item in response.json()["results"]}


def test_the_root_schema_and_docs_are_public(world):
    for name in ("api:api-root", "api:schema", "api:docs"):
        assert Client().get(reverse(name)).status_code == 200, name


def test_an_unknown_address_under_the_api_is_a_json_404(world):
    response = Client().get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    # An id too long for the database is no address either, rather than an overflow.
    response = Client().get(f"/api/adoptions/{'9' * 30}/")
    assert response.status_code == 404


# --- Tokens that must be refused ------------------------------------------------------

PUBLIC_URL = "/api/innovations/"
PRIVATE_URL = "/api/adoptions/"


@pytest.mark.parametrize("url", [PUBLIC_URL, PRIVATE_URL])
def test_a_revoked_token_is_refused_even_for_the_public_directory(world, url):
    _token, secret = revoked_api_token(world.lead)
    response = Client().get(url, **bearer(secret))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


@pytest.mark.parametrize("url", [PUBLIC_URL, PRIVATE_URL])
def test_an_unknown_token_is_refused(world, url):
    response = Client().get(url, **bearer("aa_not-a-real-token"))
    assert response.status_code == 401


def test_a_deactivated_persons_token_is_refused(world):
    _token, secret = api_token(world.lead)
    world.lead.is_active = False
    world.lead.save()
    response = Client().get(PRIVATE_URL, **bearer(secret))
    assert response.status_code == 401
    assert "closed" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer two parts", "Bearer caf\N{LATIN SMALL LETTER E WITH ACUTE}"]
)
def test_a_malformed_bearer_header_is_refused(world, header):
    response = Client().get(PRIVATE_URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_another_scheme_is_not_ours_so_the_caller_is_anonymous(world):
    _token, secret = api_token(world.lead)
    assert Client().get(PUBLIC_URL, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    assert Client().get(PRIVATE_URL, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401


def test_a_token_acts_as_its_owner_and_records_when_it_was_used(world):
    token, secret = api_token(world.lead)
    assert token.last_used_at is None
    response = Client().get(
        reverse("api:adoption-detail", args=[world.adoption.pk]), **bearer(secret)
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- The API and the pages agree ------------------------------------------------------

PAGES = [
    ("adoptions:detail", "api:adoption-detail", lambda w, a: {"pk": getattr(w, a).pk}),
    (
        "adoptions:assessment_detail",
        "api:fidelity-assessment-detail",
        lambda w, a: {"pk": getattr(w, a).pk, "assessment_pk": world_assessment(w, a).pk},
    ),
    (
        "adoptions:adaptation_detail",
        "api:adaptation-detail",
        lambda w, a: {"pk": getattr(w, a).pk, "adaptation_pk": world_adaptation(w, a).pk},
    ),
]


@pytest.mark.parametrize("actor", ACTORS[1:])
def test_a_signed_in_person_sees_in_the_api_what_they_see_in_the_browser(world, actor):
    client = Client()
    client.force_login(world.actor(actor))
    for adoption in ("adoption", "other_adoption"):
        for page, endpoint, kwargs in PAGES:
            page_kwargs = kwargs(world, adoption)
            api_pk = page_kwargs.get("assessment_pk") or page_kwargs.get("adaptation_pk")
            page_status = client.get(reverse(page, kwargs=page_kwargs)).status_code
            api_status = client.get(
                reverse(endpoint, kwargs={"pk": api_pk or page_kwargs["pk"]})
            ).status_code
            assert (page_status == 200) == (api_status == 200), f"{page} {adoption}"
    for board in ("board", "other_board"):
        slug = getattr(world, board).slug
        page_status = client.get(reverse("boards:detail", kwargs={"slug": slug})).status_code
        api_status = client.get(reverse("api:board-detail", kwargs={"slug": slug})).status_code
        assert (page_status == 200) == (api_status == 200), board
