"""URL converters for the adoption pages."""

import datetime


class MonthConverter:
    """A reporting month as `YYYY-MM` in URLs; a date (the first of the month) in views.

    A month that does not exist (2025-13, 0000-01) does not match, so it is a 404.
    """

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        try:
            return datetime.date(int(value[:4]), int(value[5:]), 1)
        except ValueError as error:
            raise ValueError(f"{value!r} is not a month") from error

    def to_url(self, value) -> str:
        if isinstance(value, datetime.date):
            return f"{value.year:04d}-{value.month:02d}"
        self.to_python(str(value))
        if len(str(value)) != 7:
            raise ValueError(f"{value!r} is not a month")
        return str(value)
