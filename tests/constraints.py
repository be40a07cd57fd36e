"""Asserting that the database itself refuses a row, and names the rule it broke."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction


@contextmanager
def violates(constraint_name: str):
    """The block must raise IntegrityError for `constraint_name`.

    PostgreSQL names the constraint in every message; SQLite names CHECK
    constraints and expression indexes, but describes other unique constraints by
    their columns, so there the name is checked only when SQLite gives it.
    """
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        yield
    message = str(raised.value)
    names_constraints = connection.vendor == "postgresql" or (
        "CHECK constraint failed" in message or "index '" in message
    )
    if names_constraints:
        assert constraint_name in message, f"expected {constraint_name!r} in {message!r}"
