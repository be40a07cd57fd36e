import datetime

import pytest

from sites.periods import due_date, month_start, next_month, previous_month, reporting_period

d = datetime.date


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (d(2025, 1, 1), d(2024, 12, 1)),  # January reports on last December
        (d(2025, 1, 31), d(2024, 12, 1)),
        (d(2025, 3, 1), d(2025, 2, 1)),
        (d(2024, 3, 31), d(2024, 2, 1)),  # leap year
        (d(2025, 12, 1), d(2025, 11, 1)),
        (d(2025, 12, 31), d(2025, 11, 1)),
    ],
)
def test_reporting_period_is_last_month(today, period):
    assert reporting_period(today) == period


@pytest.mark.parametrize(
    ("period", "due"),
    [
        (d(2024, 12, 1), d(2025, 1, 10)),  # December's update is due in January
        (d(2025, 1, 1), d(2025, 2, 10)),
        (d(2025, 11, 1), d(2025, 12, 10)),
        (d(2025, 12, 1), d(2026, 1, 10)),
        (d(2024, 1, 1), d(2024, 2, 10)),
    ],
)
def test_due_date_is_the_due_day_of_the_next_month(period, due):
    assert due_date(period) == due


def test_due_day_comes_from_settings(settings):
    settings.PROGRESS_UPDATE_DUE_DAY = 28
    assert due_date(d(2024, 1, 1)) == d(2024, 2, 28)
    assert due_date(d(2025, 12, 1)) == d(2026, 1, 28)


@pytest.mark.parametrize(
    ("day", "start", "previous", "following"),
    [
        (d(2025, 1, 15), d(2025, 1, 1), d(2024, 12, 1), d(2025, 2, 1)),
        (d(2025, 12, 31), d(2025, 12, 1), d(2025, 11, 1), d(2026, 1, 1)),
        (d(2024, 2, 29), d(2024, 2, 1), d(2024, 1, 1), d(2024, 3, 1)),
        (d(2025, 3, 31), d(2025, 3, 1), d(2025, 2, 1), d(2025, 4, 1)),
    ],
)
def test_month_arithmetic(day, start, previous, following):
    assert month_start(day) == start
    assert previous_month(day) == previous
    assert next_month(day) == following
