"""Reporting periods: which month an update is for, and when it is due.

A period is the first day of a month. The update for a month is written once the
month is over and is due on PROGRESS_UPDATE_DUE_DAY of the month after.
"""

import datetime

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
