"""The SMART check of an indicator's reference sheet: each failing letter says why.

Plain data in, findings out; no ORM. The rules (documented in docs/alignment.md):

- **S**pecific: a definition says what is counted and how; the name says what is
  measured in more than a word or two.
- **M**easurable: a baseline (a value, or a description for a qualitative indicator;
  a computed indicator takes its sources'), and a means of verification.
- **A**chievable: targets within what the unit of measure allows (0-100 for a
  percentage unless the indicator allows more, 0 or 1 for yes/no), moving the way the
  indicator should move, and an end target no more than ten times the baseline.
- **R**elevant: the result it measures serves the level above (not an orphan).
- **T**ime-bound: a baseline year, a target for the cycle's end year, and no target
  outside the cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {"S": "Specific", "M": "Measurable", "A": "Achievable", "R": "Relevant",
                "T": "Time-bound"}
MIN_NAME_WORDS = 3
MAX_TARGET_MULTIPLE = 10
NUMERIC_UNITS = frozenset({"number", "percent", "currency", "ratio", "index", "yes_no"})


@dataclass(frozen=True)
class Sheet:
    """What the check reads of one indicator."""

    name: str
    definition: str
    unit_of_measure: str
    direction: str
    baseline_value: Decimal | None
    baseline_text: str
    baseline_year: int | None
    means_of_verification: str
    computed: bool
    targets: Sequence[tuple[int, Decimal | None]]  # (year, value) of the targets set, any quarter
    inherited_target_years: frozenset[int] = frozenset()  # a computed indicator's, from sources
    result_is_orphan: bool = False
    allows_over_100: bool = False


@dataclass(frozen=True)
class Finding:
    letter: str
    reason: str


@dataclass
class Check:
    findings: list[Finding] = field(default_factory=list)

    @property
    def letters(self) -> list[str]:
        failing = {f.letter for f in self.findings}
        return [letter for letter in LETTERS if letter in failing]

    @property
    def passed(self) -> bool:
        return not self.findings


def _fmt(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def check(sheet: Sheet, start_year: int, end_year: int) -> Check:
    out = Check()

    def fail(letter: str, reason: str) -> None:
        out.findings.append(Finding(letter, reason))

    # S
    if not sheet.definition.strip():
        fail("S", "no definition says what is counted and how")
    words = sheet.name.split()
    if len(words) < MIN_NAME_WORDS:
        fail("S", f"the name \u201c{sheet.name}\u201d is too short to say what is measured")
    # M
    numeric = sheet.unit_of_measure in NUMERIC_UNITS
    if not sheet.computed:
        if numeric and sheet.baseline_value is None:
            fail("M", "no baseline value to measure progress from")
        if not numeric and not sheet.baseline_text.strip() and sheet.baseline_value is None:
            fail("M", "no baseline: a qualitative indicator needs the situation described at the start")
    if not sheet.means_of_verification.strip():
        fail("M", "no means of verification says where the value will come from")
    # A
    values = sorted((year, value) for year, value in sheet.targets if value is not None)
    if sheet.unit_of_measure == "percent" and not sheet.allows_over_100:
        for year, value in values:
            if not Decimal(0) <= value <= Decimal(100):
                fail("A", f"the {year} target is {_fmt(value)}%, outside 0-100")
                break
    if sheet.unit_of_measure == "yes_no":
        for year, value in values:
            if value not in (Decimal(0), Decimal(1)):
                fail("A", f"the {year} target is {_fmt(value)}, where yes/no takes 1 or 0")
                break
    base = sheet.baseline_value
    if values and base is not None:
        end_year_, end = values[-1]
        if sheet.direction == "increase" and end < base:
            fail("A", f"the {end_year_} target ({_fmt(end)}) is below the baseline ({_fmt(base)}), "
                      "though the indicator should increase")
        elif sheet.direction == "decrease" and end > base:
            fail("A", f"the {end_year_} target ({_fmt(end)}) is above the baseline ({_fmt(base)}), "
                      "though the indicator should decrease")
        elif base > 0 and abs(end) > base * MAX_TARGET_MULTIPLE and sheet.unit_of_measure != "yes_no":
            fail("A", f"the {end_year_} target ({_fmt(end)}) is more than {MAX_TARGET_MULTIPLE} times "
                      f"the baseline ({_fmt(base)}): check it can be reached")
    # R
    if sheet.result_is_orphan:
        fail("R", "the result it measures serves nothing above it (an orphan), "
                  "so the indicator is not tied to the goals")
    # T
    years = {year for year, _value in sheet.targets} | set(sheet.inherited_target_years)
    if not years:
        fail("T", "no target: nothing says what value is expected by when")
    else:
        if end_year not in years:
            fail("T", f"no target for the end of the cycle ({end_year})")
        outside = sorted(y for y in years if not start_year <= y <= end_year)
        if outside:
            fail("T", f"a target for {outside[0]} lies outside the cycle ({start_year}-{end_year})")
    if not sheet.computed and numeric and sheet.baseline_year is None:
        fail("T", "no baseline year says when the baseline was measured")
    return out
