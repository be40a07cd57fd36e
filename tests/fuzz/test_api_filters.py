"""Every list in the API, fuzzed through its query string: whatever the filters,
ordering and paging say, the answer is a 2xx or a 4xx with a JSON message, never a
server error (nor a redirect).

The parameters come from the OpenAPI schema (the filtersets, ordering and paging,
as documented); values are drawn valid (enums, dates, ordering fields, the world's
ids and slugs) or junk, plus parameters no list knows; every run also tries a NUL
character in every parameter first. tests/api/test_schemathesis.py checks answers
against the schema with schema-shaped values; this goes after the values a schema
does not allow.
"""

from functools import cache
from urllib.parse import urlencode

import pytest
from django.core.cache import cache as django_cache
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import example, given, note
from hypothesis import strategies as st

from tests.api.objects import api_token, api_update, bearer
from tests.figures import figure_add
from tests.world import world_adaptation, world_assessment

from .answers import json_message
from .strategies import junk

pytestmark = pytest.mark.django_db

# Whose token: the directory admin sees every adoption; the lead's lists go through
# the visibility rule, a different query.
READERS = ("directory_admin", "lead")


@cache
def list_parameters() -> dict[str, list[dict]]:
    """Each list's path → its documented query parameters (name and JSON schema)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    lists = {}
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation and operation["operationId"].endswith("_list"):
            lists[path] = [p for p in operation.get("parameters", []) if p["in"] == "query"]
    return lists


def _list_url_names(patterns, namespace="") -> set[str]:
    """Every URL name of an API list (the router names them "<basename>-list")."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            names |= _list_url_names(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith("-list"):
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return {name for name in names if name.startswith("api:")}


def _valid_values(parameter: dict, view, world_values: dict[str, list[str]]) -> list[str]:
    schema = parameter["schema"]
    enum = schema.get("enum") or schema.get("items", {}).get("enum")
    if enum:
        return [str(value) for value in enum]
    if parameter["name"] == "ordering":
        fields = list(getattr(view.cls, "ordering_fields", None) or [])
        return fields + [f"-{field}" for field in fields] + [",".join(fields)]
    if schema.get("format") == "date":
        return ["2024-04-01", "2025-01-01", "2030-12-31"]
    if schema.get("type") == "boolean":
        return ["true", "false"]
    if parameter["name"] in ("page", "page_size"):
        return ["1", "2", "50", "200"]
    return world_values.get(
        parameter["name"], world_values["number" if schema.get("type") == "number" else "string"]
    )


def queries(parameters: list[dict], view, world_values) -> st.SearchStrategy[dict]:
    """A query string for one list: some documented parameters, valid or junk,
    sometimes repeated, and sometimes parameters it does not know."""
    per_parameter = {
        parameter["name"]: st.lists(
            st.one_of(st.sampled_from(_valid_values(parameter, view, world_values)), junk()),
            min_size=1,
            max_size=3,
        )
        for parameter in parameters
    }
    known = st.fixed_dictionaries({}, optional=per_parameter)
    unknown = st.dictionaries(
        st.one_of(
            st.sampled_from(["format", "search", "q", "limit", "offset", "id"]),
            st.text(max_size=10),
        ),
        st.lists(junk(), min_size=1, max_size=2),
        max_size=2,
    )
    return st.tuples(known, unknown).map(lambda both: {**both[1], **both[0]})


@pytest.fixture
def readers(world):
    """Tokens for READERS, and the world's records so the lists have rows to filter."""
    api_update(world)
    world_assessment(world)
    world_adaptation(world)
    return {name: api_token(world.actor(name))[1] for name in READERS}


def _world_values(world) -> dict[str, list[str]]:
    slugs = [world.innovation.slug, world.adopting_site.slug, world.board.slug, "no-such-slug"]
    ids = [str(world.adoption.pk), str(world.other_adoption.pk), "1"]
    return {
        "innovation": [world.innovation.slug, world.draft_innovation.slug],
        "originating_site": [world.originating_site.slug],
        "site": [world.adopting_site.slug, world.other_site.slug],
        "board": [world.board.slug, world.other_board.slug],
        "number": ids,
        "string": slugs,
    }


@pytest.mark.parametrize("path", sorted(list_parameters()))
def test_any_query_string_gets_a_2xx_or_a_4xx_with_a_message(
    path, world, readers, client, fuzz_settings
):
    view = resolve(path).func
    parameters = list_parameters()[path]
    examples = 0

    @fuzz_settings
    @given(
        query=queries(parameters, view, _world_values(world)),
        reader=st.sampled_from(READERS),
    )
    @example(query={p["name"]: ["\x00"] for p in parameters}, reader="lead")  # tried first
    def ask(query, reader):
        nonlocal examples
        examples += 1
        django_cache.clear()  # no example is turned away by the rate limit
        address = f"{path}?{urlencode(query, doseq=True)}"
        note(f"GET {address} as {reader}")
        response = client.get(address, **bearer(readers[reader]))
        status = response.status_code
        assert status < 500, f"server error {status}"
        assert status not in (401, 403), f"the token was refused ({status})"
        assert 200 <= status < 300 or 400 <= status < 500, f"answered {status}"
        if status >= 400:
            assert json_message(response.content), f"a {status} with no message"
        else:
            assert isinstance(response.json()["results"], list)

    ask()
    figure_add("fuzz cases run (API filters)", examples, item=resolve(path).view_name)


def test_every_api_list_is_fuzzed():
    fuzzed = {resolve(path).view_name for path in list_parameters()}
    lists = _list_url_names(get_resolver().url_patterns)
    assert lists, "the walk found no API lists"
    missing = sorted(lists - fuzzed)
    assert not missing, f"API lists missing from the schema, so not fuzzed: {missing}"
