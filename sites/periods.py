"""Reporting periods: which month an update is for, and when it is due.

A period is the first day of a month. The update for a month is written once the
month is over and is due on PROGRESS_UPDATE_DUE_DAY of the month after.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_month(period: datetime.date) -> datetime.date:
    return month_start(month_start(period) - datetime.timedelta(days=1))


def next_month(period: datetime.date) -> datetime.date:
    return month_start(month_start(period) + datetime.timedelta(days=32))


def reporting_period(today: datetime.date) -> datetime.date:
    """The month whose update people should be working on today: last month."""
    return previous_month(today)


def due_date(period: datetime.date) -> datetime.date:
    return next_month(period).replace(day=settings.PROGRESS_UPDATE_DUE_DAY)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), clamped to the end of a short month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last_day = (next_month(datetime.date(year, month, 1)) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def first_reportable_period(started_on: datetime.date) -> datetime.date:
    """An adoption reports from the month it started in."""
    return month_start(started_on)


def is_reportable(period: datetime.date, *, started_on: datetime.date, today: datetime.date):
    """Whether an update may be written for `period`: from the start month to last month."""
    return first_reportable_period(started_on) <= period <= reporting_period(today)


def reportable_periods(started_on: datetime.date, today: datetime.date) -> list[datetime.date]:
    """Every month an adoption reports on, newest first: last month back to its start."""
    periods = []
    period, first = reporting_period(today), first_reportable_period(started_on)
    while period >= first:
        periods.append(period)
        period = previous_month(period)
    return periods


@dataclass(frozen=True)
class PeriodStatus:
    """Where one month's update stands, in words a project lead acts on.

    `code` is one of due, overdue, draft, submitted, returned, accepted; a draft
    (and a returned update) also says whether it is due or overdue.
    """

    period: datetime.date
    code: str
    due_on: datetime.date
    days_until_due: int
    update_status: str | None = None

    @property
    def is_overdue(self) -> bool:
        return self.code in ("due", "overdue", "draft", "returned") and self.days_until_due < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_until_due)

    @property
    def is_open(self) -> bool:
        """Still the adoption team's to finish: not yet submitted, or returned to them."""
        return self.code in ("due", "overdue", "draft", "returned")

    @property
    def label(self) -> str:
        return {
            "due": "Due",
            "overdue": "Overdue",
            "draft": "Draft",
            "submitted": "Submitted",
            "returned": "Returned for revision",
            "accepted": "Accepted",
        }[self.code]

    @property
    def colour(self) -> str:
        if self.code == "draft" and self.is_overdue:
            return "red"
        return {
            "due": "grey",
            "overdue": "red",
            "draft": "yellow",
            "submitted": "turquoise",
            "returned": "orange",
            "accepted": "green",
        }[self.code]

    @property
    def timing(self) -> str:
        """Like "due in 5 days", "due today" or "overdue by 1 day"; empty once submitted."""
        if not self.is_open:
            return ""
        days = self.days_until_due
        if days == 0:
            return "due today"
        if days > 0:
            return f"due in {days} day{'s' if days != 1 else ''}"
        return f"overdue by {-days} day{'s' if days != -1 else ''}"


def period_status(
    period: datetime.date, *, update_status: str | None, today: datetime.date
) -> PeriodStatus:
    """The status of the month `period` for an adoption whose update (if any) has
    `update_status` (a ProgressUpdate.Status value or None)."""
    due_on = due_date(period)
    days = (due_on - today).days
    if update_status in ("submitted", "accepted", "returned", "draft"):
        code = update_status
    else:
        code = "overdue" if days < 0 else "due"
    return PeriodStatus(
        period=period, code=code, due_on=due_on, days_until_due=days, update_status=update_status
    )


def next_fidelity_assessment_due(
    last_assessed_on: datetime.date | None, started_on: datetime.date
) -> datetime.date:
    """Every FIDELITY_ASSESSMENT_INTERVAL_MONTHS after the last assessment (or the start)."""
    base = last_assessed_on or started_on
    return add_months(base, settings.FIDELITY_ASSESSMENT_INTERVAL_MONTHS)
