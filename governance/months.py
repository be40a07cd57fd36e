"""Which month a board looks at, and what it could have known about that month.

A board reviews month M once its updates are in: they are due in month M + 1, and the
board meets then. So the dashboard for M shows what was known at the close of that
reporting cycle, the end of month M + 1 (Europe/London), or now if that is still to
come. A past month's page therefore never shows what was recorded later.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from sites.periods import add_months, month_start, next_month, previous_month, reporting_period

MONTH_FORMAT = re.compile(r"^(\d{4})-(\d{2})$")
# How far back the month picker goes: no programme here reported before this.
EARLIEST_MONTH = datetime.date(2000, 1, 1)
TREND_MONTHS = 6


def parse_month(text: str | None) -> datetime.date | None:
    """A YYYY-MM string as the first day of that month, or None if it is not one."""
    match = MONTH_FORMAT.match((text or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and year >= 1):
        return None
    return datetime.date(year, month, 1)


def latest_complete_month(today: datetime.date) -> datetime.date:
    return reporting_period(today)


def cycle_close(month: datetime.date) -> datetime.datetime:
    """The end of the month in which `month`'s updates fall due (London time)."""
    return timezone.make_aware(
        datetime.datetime.combine(next_month(next_month(month)), datetime.time.min)
    )


@dataclass(frozen=True)
class BoardMonthWindow:
    """The month a dashboard shows and the moment its figures are taken at."""

    month: datetime.date
    as_of: datetime.datetime
    latest_month: datetime.date

    @classmethod
    def for_month(cls, month: datetime.date, *, now: datetime.datetime) -> "BoardMonthWindow":
        today = timezone.localdate(now)
        latest = latest_complete_month(today)
        month = min(max(month_start(month), EARLIEST_MONTH), latest)
        return cls(month=month, as_of=min(now, cycle_close(month)), latest_month=latest)

    @property
    def as_of_date(self) -> datetime.date:
        """The last day whose events count: the day before the cut-off, or today."""
        local = timezone.localtime(self.as_of)
        if local.time() == datetime.time.min:
            return local.date() - datetime.timedelta(days=1)
        return local.date()

    @property
    def month_starts_at(self) -> datetime.datetime:
        """The first moment of the month shown (London time)."""
        return timezone.make_aware(datetime.datetime.combine(self.month, datetime.time.min))

    @property
    def closes_on(self) -> datetime.date:
        """The last day of the reporting cycle: after it the figures no longer change."""
        return cycle_close(self.month).date() - datetime.timedelta(days=1)

    @property
    def is_final(self) -> bool:
        """Whether the reporting cycle has closed, so the figures no longer change."""
        return self.as_of == cycle_close(self.month)

    @property
    def previous(self) -> datetime.date | None:
        earlier = previous_month(self.month)
        return earlier if earlier >= EARLIEST_MONTH else None

    @property
    def next(self) -> datetime.date | None:
        later = next_month(self.month)
        return later if later <= self.latest_month else None

    @property
    def trend_periods(self) -> list[datetime.date]:
        """The last TREND_MONTHS months up to this one, oldest first."""
        return [add_months(self.month, -back) for back in range(TREND_MONTHS - 1, -1, -1)]
