"""Answers read once per page view: a memo that lives for one GET or HEAD request.

A page asks the same question of the database several times (may this person edit the
adoption? submit its updates? do they lead it?). Each answer depends on rows that a
GET does not change, so the first answer serves the rest of the request. Outside a
GET or HEAD request (a form being posted, a service, a Celery task, a test calling a
predicate directly) nothing is remembered and every call asks again, so nothing can go
stale after a write.
"""

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

SAFE_METHODS = frozenset({"GET", "HEAD"})

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    """Opens the memo for the length of a safe request, template rendering included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave earlier in this request for the same key."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember(key: Hashable, value) -> None:
    """Store an answer read along with something else (no-op outside a safe request)."""
    memo = _memo.get()
    if memo is not None:
        memo[key] = value
