"""Reporting periods: a whole year (``2028``) or a quarter (``2028-Q2``).

Stored as two integers, ``year`` and ``quarter`` (0 for the whole year), so
that periods sort and filter in the database; written as text everywhere a
person reads or types them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")


class PeriodError(ValueError):
    """A period that is neither ``YYYY`` nor ``YYYY-Qn``."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int = 0  # 0 = the whole year

    @classmethod
    def parse(cls, value: object) -> Period:
        if isinstance(value, bool):
            raise PeriodError(f"{value!r} is not a period; write a year (2028) or a quarter (2028-Q2)")
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip()
        else:
            raise PeriodError(f"{value!r} is not a period; write a year (2028) or a quarter (2028-Q2)")
        match = _PERIOD_RE.match(text)
        if not match:
            raise PeriodError(f"'{text}' is not a period; write a year (2028) or a quarter (2028-Q2)")
        return cls(int(match.group(1)), int(match.group(2) or 0))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def is_year(self) -> bool:
        return self.quarter == 0

    def plan_key(self) -> int | str:
        """The key as the plan file writes it: an integer year or 'YYYY-Qn'."""
        return self.year if self.quarter == 0 else str(self)


def period_within(text: object, code: str, start_year: int, end_year: int) -> Period:
    """The period ``text`` names (2029, 2029-Q2), refused unless it falls in the years of
    the cycle ``code``: the one rule the pages (404) and the commands (an error) share."""
    period = Period.parse(text)
    if not start_year <= period.year <= end_year:
        raise PeriodError(f"{period} is outside {code} ({start_year}-{end_year})")
    return period
