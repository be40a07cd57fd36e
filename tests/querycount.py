"""Query budgets that do not grow with the data: a query per row fails, with the SQL.

Render a page, add more rows, render it again: the two query counts must be equal.
"""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class PageQueries:
    """The queries a page made, less the session's own save at the end of the request.

    The idle timeout renews a signed-in session when it notes activity, at most once a
    minute (adoptadapt/middleware.py): one UPDATE of django_session, wrapped in a
    savepoint inside a test's transaction. Whether a request makes it depends on the
    clock, not the page, so page budgets leave it out; tests/adoptadapt/test_sessions.py
    checks when it happens.
    """

    def __init__(self, captured: list[dict]):
        self.captured_queries = _without_session_save(captured)

    def __len__(self) -> int:
        return len(self.captured_queries)


def _without_session_save(captured: list[dict]) -> list[dict]:
    kept = list(captured)
    for index in range(len(kept) - 1, -1, -1):
        if kept[index]["sql"].startswith('UPDATE "django_session"'):
            before = index > 0 and kept[index - 1]["sql"].startswith("SAVEPOINT")
            after = index + 1 < len(kept) and kept[index + 1]["sql"].startswith("RELEASE")
            del kept[index - before : index + 1 + after]
            break
    return kept


def capture_get(client: Client, url: str) -> PageQueries:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    return PageQueries(queries.captured_queries)


def _listing(label: str, queries: PageQueries) -> str:
    lines = [f"{label}: {len(queries)} queries"]
    lines += [f"  {n}. {q['sql']}" for n, q in enumerate(queries.captured_queries, 1)]
    return "\n".join(lines)


def assert_queries_do_not_grow(
    client: Client,
    url: str | Callable[[], str],
    *,
    grow: Callable[[], object],
    small: str = "small",
    large: str = "large",
) -> int:
    """GET `url`, call `grow()` to add rows, GET it again; the counts must match.

    A first, unmeasured request warms anything cached per process, so only what
    depends on the data is compared. Returns the query count.
    """
    resolve = url if callable(url) else (lambda: url)
    capture_get(client, resolve())
    before = capture_get(client, resolve())
    grow()
    after = capture_get(client, resolve())
    if len(before) != len(after):
        pytest.fail(
            f"GET {resolve()}: the query count grew with the data "
            f"({len(before)} with {small} data, {len(after)} with {large}).\n\n"
            f"{_listing(small, before)}\n\n{_listing(large, after)}",
            pytrace=False,
        )
    return len(after)
