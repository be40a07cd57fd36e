"""A cache's version is replaced at once by each change, and once more when its
transaction commits however many changes it made (adoptadapt/page_cache.py); the
commit-time change is never lost when part of the transaction is rolled back."""

import pytest
from django.db import connection, transaction

from adoptadapt.fragment_cache import STORED_DATA
from sites.services import site_update

# Outside a test's own transaction, so that the world's creation has committed and left
# no commit callbacks behind.
pytestmark = pytest.mark.django_db(transaction=True)


def commit_bumps_pending() -> int:
    return sum(func == STORED_DATA._new_version for _, func, _ in connection.run_on_commit)


def rename(world, name: str):
    site_update(actor=world.directory_admin, site=world.adopting_site, name=name)


def test_each_change_bumps_at_once_and_a_transaction_once_at_commit(world):
    with transaction.atomic():
        for n in range(5):
            before = STORED_DATA.version()
            rename(world, f"Renamed {n}")
            assert STORED_DATA.version() != before
        assert commit_bumps_pending() == 1


def test_a_change_after_a_rolled_back_savepoint_is_still_bumped(world):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            rename(world, "Never kept")
            assert commit_bumps_pending() == 1
            raise RuntimeError("roll the savepoint back")
        assert commit_bumps_pending() == 0
        before = STORED_DATA.version()
        rename(world, "Kept")
        assert STORED_DATA.version() != before
        assert commit_bumps_pending() == 1
