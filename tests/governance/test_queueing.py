"""Queueing send tasks on commit: a broker that refuses leaves the rest pending, logged.

The broker is the boundary here, so `queue_send` stands in for a task's `.delay`; the
fault tests (tests/faults) do the same with a real Redis stopped and started again."""

import pytest
from kombu.exceptions import OperationalError

from governance.queueing import sends_queue_on_commit

pytestmark = pytest.mark.django_db


def test_every_row_is_queued_once_the_transaction_commits(django_capture_on_commit_callbacks):
    queued = []
    with django_capture_on_commit_callbacks(execute=True):
        sends_queue_on_commit(queued.append, [4, 5, 6])
        assert queued == []
    assert queued == [4, 5, 6]


def test_nothing_is_queued_for_no_rows(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        sends_queue_on_commit(print, [])
    assert callbacks == []


def test_a_broker_that_refuses_stops_the_queueing_without_an_error(
    django_capture_on_commit_callbacks, caplog
):
    tried = []

    def broker_down_after_the_first(delivery_id):
        tried.append(delivery_id)
        if len(tried) > 1:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6391. Connection refused.")

    with django_capture_on_commit_callbacks(execute=True):
        sends_queue_on_commit(broker_down_after_the_first, [4, 5, 6])
    assert tried == [4, 5]
    [warning] = [r for r in caplog.records if r.name == "governance.queueing"]
    assert warning.levelname == "WARNING"
    assert "2 of 3 sends not queued (rows [5, 6])" in warning.getMessage()
    assert "the next catch-up queues them" in warning.getMessage()


def test_other_errors_are_not_hidden(django_capture_on_commit_callbacks):
    def broken(delivery_id):
        raise ValueError("a bug, not the broker")

    with (
        pytest.raises(ValueError, match="a bug"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sends_queue_on_commit(broken, [4])
