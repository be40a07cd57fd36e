"""The stable URLs other tools rely on (DESIGN.md) resolve to the documented paths."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("home", {}, "/"),
        ("healthz", {}, "/healthz"),
        ("accessibility", {}, "/accessibility/"),
        ("healthz_live", {}, "/healthz/live"),
        ("login", {}, "/accounts/login/"),
        ("logout", {}, "/accounts/logout/"),
        ("innovations:list", {}, "/directory/"),
        ("innovations:detail", {"slug": "mockingbird"}, "/directory/mockingbird/"),
        ("adoptions:detail", {"pk": 7}, "/adoptions/7/"),
        ("boards:list", {}, "/boards/"),
        ("boards:detail", {"slug": "bradford"}, "/boards/bradford/"),
        ("admin:index", {}, "/admin/"),
    ],
)
def test_stable_url(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
