"""Every URL that takes a POST has its error state checked in the browser, or a reason
why it has none (tests/e2e/form_errors.py). A new form without either fails here,
without a browser, so it is caught even where Chromium is not installed."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.e2e.form_errors import ERROR_CASES, NO_ERROR_STATE


def _views(patterns, namespace=""):
    """("namespace:name", view class) for every class-based view, admin and API excluded."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith(("admin/", "api/")):
                continue
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _views(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, getattr(pattern.callback, "view_class", None)


def _takes_post(view_class) -> bool:
    return view_class is not None and hasattr(view_class, "post")


def test_every_form_has_its_error_state_checked_or_a_reason_it_has_none():
    posts = {name for name, view in _views(get_resolver().url_patterns) if _takes_post(view)}
    checked = {case.url_name for case in ERROR_CASES}
    missing = sorted(posts - checked - NO_ERROR_STATE.keys())
    assert not missing, (
        "Add these URLs to ERROR_CASES in tests/e2e/form_errors.py (how to make the form "
        f"show its errors), or to NO_ERROR_STATE with the reason it has none: {missing}"
    )
    gone = sorted((checked | NO_ERROR_STATE.keys()) - posts)
    assert not gone, f"form_errors.py lists URLs that take no POST (or no longer exist): {gone}"
    both = sorted(checked & NO_ERROR_STATE.keys())
    assert not both, f"listed as checked and as having no error state: {both}"


def test_the_walk_finds_the_forms_it_should():
    posts = {name for name, view in _views(get_resolver().url_patterns) if _takes_post(view)}
    assert {"login", "innovations:create", "boards:decide", "adoptions:update_edit"} <= posts
    assert "innovations:list" not in posts  # a GET form (search) has no POST
