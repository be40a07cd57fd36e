"""Rows a request wrote, counted by the database itself, table by table.

On PostgreSQL the per-table counters of pg_stat_xact_user_tables (rows inserted,
updated and deleted in the current transaction, the test's own) are read before and
after. On SQLite, whose connection counts only a total, every statement's share of
`total_changes` is credited to the table it names. Both count every row a statement
touched, including rows of a savepoint later rolled back, so "no writes" is strict:
a view that writes and then undoes it when validation fails counts as writing.
"""

import re
from collections import Counter
from contextlib import contextmanager
from unittest import mock

from django.db import connection

# The idle timeout renews the session when it notes activity, accepted or not
# (tests/querycount.py says why); it is the request's bookkeeping, not the form's write.
NOT_WRITES = frozenset({"django_session"})

_WRITTEN_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)

_PG_COUNTS = """
    SELECT relname, n_tup_ins + n_tup_upd + n_tup_del
    FROM pg_stat_xact_user_tables
    WHERE n_tup_ins + n_tup_upd + n_tup_del > 0
"""


def _postgresql_counts() -> Counter:
    with connection.cursor() as cursor:
        cursor.execute(_PG_COUNTS)
        return Counter(dict(cursor.fetchall()))


@contextmanager
def _sqlite_counting(written: Counter):
    """Credit each statement's changes to its table. An INSERT ... RETURNING is only
    counted by SQLite once its row has been read, after the statement has returned,
    so Django is asked to insert without RETURNING (as on SQLite before 3.35)."""

    def credit(execute, sql, params, many, context):
        before = connection.connection.total_changes
        try:
            return execute(sql, params, many, context)
        finally:
            changed = connection.connection.total_changes - before
            if changed:
                match = _WRITTEN_TABLE.match(sql)
                written[match.group(1) if match else f"(unparsed) {sql[:60]}"] += changed

    start = connection.connection.total_changes
    with (
        mock.patch.object(connection.features, "can_return_columns_from_insert", False),
        connection.execute_wrapper(credit),
    ):
        yield
    unaccounted = connection.connection.total_changes - start - sum(written.values())
    if unaccounted:
        written["(changes no statement accounted for)"] += unaccounted


class Writes:
    """What was written inside a `with` block: `tables` maps table name to rows."""

    def __init__(self):
        self.tables: Counter = Counter()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __repr__(self) -> str:
        return ", ".join(f"{table}: {rows}" for table, rows in sorted(self.tables.items()))


@contextmanager
def counting_writes():
    """Yield a `Writes` that holds, after the block, the rows the block wrote (less
    NOT_WRITES). The block must run inside the test's transaction (a `db` test)."""
    writes = Writes()
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        before = _postgresql_counts()
        yield writes
        written = _postgresql_counts() - before
    else:
        written = Counter()
        with _sqlite_counting(written):
            yield writes
    writes.tables = Counter(
        {table: rows for table, rows in written.items() if table not in NOT_WRITES}
    )
