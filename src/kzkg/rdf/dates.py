"""Dates as precise as their sources say: a year, a month or a day, never more."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# ASCII digits only (\d also takes other scripts' digits), the whole value: fullmatch.
DATE_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Each precision's XSD datatype (local name): the one table from a date to its literal and back.
DATATYPES = {"year": "gYear", "month": "gYearMonth", "day": "date"}


@dataclass(frozen=True, slots=True, order=True)
class Date:
    """A date exactly as precise as its source: a year, a month or a day.

    >>> Date.parse("2011-05").precision
    'month'
    >>> Date.parse("2021-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2021-02-30' is not a real date
    """

    value: str

    @classmethod
    def parse(cls, raw: object) -> Date:
        text = str(raw) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
        match = DATE_PATTERN.fullmatch(text or "")
        if not match or text is None:
            raise ValueError(f"{raw!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
        return cls(text)

    @property
    def precision(self) -> str:
        return ("year", "month", "day")[self.value.count("-")]

    @property
    def datatype(self) -> str:
        """The XSD datatype (local name) of the literal that states this date, as precise as it.

        >>> Date("2011").datatype, Date("2011-05").datatype, Date("2011-05-14").datatype
        ('gYear', 'gYearMonth', 'date')
        """
        return DATATYPES[self.precision]

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean, for ordering checks."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    @property
    def latest(self) -> dt.date:
        """The last day the date can mean, for ordering checks."""
        parts = [int(p) for p in self.value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31)
