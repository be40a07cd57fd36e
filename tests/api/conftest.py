"""The API's tests count requests against rate limits in the cache: start each clean.
Each schemathesis operation test gets a node id of its own."""

import pytest
from django.core.cache import cache


def pytest_collection_modifyitems(items):
    """schemathesis 4.32 names each operation's test `test_...[GET /api/sites/]` but, on
    pytest 9 (which builds node ids from `originalname`, the function's name there),
    leaves them all the function's node id. pytest-xdist hands tests out by node id and
    ran only the first operation; each gets the id its name says."""
    for item in items:
        if type(item).__name__ != "SchemathesisFunction" or item.name == item.originalname:
            continue
        if item.nodeid.endswith(f"::{item.originalname}"):
            operation = item.name.removeprefix(f"{item.originalname}[").removesuffix("]")
            item._id = item.parent.id.child(item.originalname).with_params(operation)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()
