"""Which month a dashboard shows and the moment its figures are taken at."""

import datetime

import pytest

from governance.months import BoardMonthWindow, cycle_close, parse_month


def _utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2026-10", datetime.date(2026, 10, 1)),
        (" 2025-01 ", datetime.date(2025, 1, 1)),
        ("2026-13", None),
        ("2026-00", None),
        ("2026-1", None),
        ("October", None),
        ("", None),
        (None, None),
        ("2026-10-01", None),
        ("0000-01", None),
    ],
)
def test_parse_month(text, month):
    assert parse_month(text) == month


def test_the_cycle_for_october_closes_at_midnight_london_time_on_1_december():
    # 1 December is GMT, so midnight in London is midnight UTC.
    assert cycle_close(datetime.date(2026, 10, 1)) == _utc(2026, 12, 1, 0, 0)
    # 1 May is BST: midnight in London is 23:00 UTC the day before.
    assert cycle_close(datetime.date(2026, 3, 1)) == _utc(2026, 4, 30, 23, 0)


def test_a_month_still_reporting_is_taken_as_of_now():
    now = _utc(2026, 11, 26, 9, 30)
    window = BoardMonthWindow.for_month(datetime.date(2026, 10, 1), now=now)
    assert window.as_of == now
    assert window.as_of_date == datetime.date(2026, 11, 26)
    assert not window.is_final
    assert window.closes_on == datetime.date(2026, 11, 30)
    assert window.next is None
    assert window.previous == datetime.date(2026, 9, 1)


def test_a_closed_month_is_taken_at_the_close_of_its_cycle():
    window = BoardMonthWindow.for_month(datetime.date(2026, 8, 1), now=_utc(2026, 11, 26, 9, 30))
    assert window.as_of == _utc(2026, 9, 30, 23, 0)
    assert window.as_of_date == datetime.date(2026, 9, 30)
    assert window.is_final
    assert window.next == datetime.date(2026, 9, 1)


def test_a_month_not_over_yet_falls_back_to_the_latest_complete_month():
    window = BoardMonthWindow.for_month(datetime.date(2027, 2, 1), now=_utc(2026, 11, 26, 9, 30))
    assert window.month == datetime.date(2026, 10, 1)
    assert window.latest_month == datetime.date(2026, 10, 1)


def test_the_trend_is_six_months_oldest_first_across_a_year_end():
    window = BoardMonthWindow.for_month(datetime.date(2026, 2, 1), now=_utc(2026, 11, 1))
    assert window.trend_periods == [
        datetime.date(2025, 9, 1),
        datetime.date(2025, 10, 1),
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
