"""Hypothesis settings for the fuzzer, chosen with HYPOTHESIS_PROFILE.

- `fuzz` (the default, and CI's): derandomized, so every run draws the same examples
  and a failure reproduces; a bounded number per form or endpoint; no example
  database written.
- `deep`: random and many more examples, remembering failures in .hypothesis/ (not in
  the repository) so the next run tries them first. For a longer hunt on a laptop:
  `HYPOTHESIS_PROFILE=deep .venv/bin/pytest tests/fuzz`.

The profiles are applied by the `fuzz_settings` fixture, not loaded globally, so the
rest of the suite (the schemathesis test) keeps its own settings.
"""

import os

import pytest
from django.core.cache import cache
from hypothesis import settings

# A request takes milliseconds to seconds depending on the page and the database: time
# is no sign of a bug here (deadline=None). Hypothesis's health checks all stay on.
settings.register_profile(
    "fuzz",
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
)
settings.register_profile(
    "deep",
    max_examples=500,
    deadline=None,
    print_blob=True,
)


@pytest.fixture
def fuzz_settings() -> settings:
    return settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits count requests in the cache: every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()
