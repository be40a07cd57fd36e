"""For tests of what is kept until anything stored changes (adoptadapt/fragment_cache.py);
the `kept_fragments` fixture is in tests/conftest.py."""

import re
from collections.abc import Callable

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def page_text(response) -> str:
    """The page, less its CSRF token (masked afresh on every request)."""
    return CSRF_VALUE.sub("", response.text)


def assert_shown_at_once(page: Callable[[], str], change: Callable[[], None], shown: str):
    """`shown` is not on the page, drawn or kept; once `change()` is made, it is."""
    assert shown not in page()
    assert shown not in page()  # kept, as it was
    change()
    assert shown in page()
