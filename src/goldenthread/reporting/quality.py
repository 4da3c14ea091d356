"""Data quality at entry: is a typed value of the right kind, and is it plausible?

Pure functions, no ORM: the reporting services call them with the indicator's unit
of measure and its history. Each refusal raises ``QualityError`` naming the field and
saying what is expected, so a form can show it beside the field and a command can
print it.

Rules (docs/reporting.md, "Data quality"):

- a numeric indicator takes a number: "N/A", "-", "about 40" are refused; spaces and
  thousands separators (``1,250`` or ``1 250``) are accepted, a trailing ``%`` on a
  percentage too;
- a percentage lies within 0-100 unless the indicator allows more;
- a yes/no indicator takes yes or no (also y/n, true/false, 1/0);
- a qualitative indicator takes text;
- a value far from the indicator's history (modified z-score above 3.5) asks for a
  confirming comment.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: Above this modified z-score a value is far from its history (Iglewicz and Hoaglin).
Z_LIMIT = 3.5
#: Fewer earlier values than this are too short a history to judge a value by.
MIN_HISTORY = 4
_MAD_SCALE = 0.6745
_MEAN_AD_SCALE = 1.253314  # makes the mean absolute deviation comparable with the MAD

_YES = {"yes", "y", "true", "1", "oui", "sí", "si"}
_NO = {"no", "n", "false", "0", "non"}
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
#: What a stored value holds (``Actual.value``: 20 digits, 6 of them after the point).
MAX_PLACES = 6
MAX_WHOLE_DIGITS = 20 - MAX_PLACES
LARGEST = Decimal(f"{'9' * MAX_WHOLE_DIGITS}.{'9' * MAX_PLACES}")
#: Above this modified z-score the number itself says little: the value is said to be far
#: outside the history, in words.
_Z_IN_WORDS = 1000.0


class QualityError(ValueError):
    """A value refused at entry; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Parsed:
    """A typed value as stored: a number (0/1 for yes/no), or text for a qualitative one."""

    value: Decimal | None
    text: str = ""


def parse_number(raw: str, *, code: str, field: str = "value") -> Decimal:
    """A number from what a person typed, or ``QualityError`` saying why not."""
    text = raw.strip().replace("\u00a0", " ").replace(" ", "").replace("_", "")
    if not text:
        raise QualityError(field, f"{code} takes a number: the value is empty.")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise QualityError(
            field,
            f"'{raw.strip()}' is not a number: {code} takes a number such as 42 or 3.5 "
            f"(leave the period unreported rather than typing N/A).",
        )
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise QualityError(field, f"'{raw.strip()}' is not a number.") from None
    if abs(number) > LARGEST:
        raise QualityError(
            field,
            f"'{raw.strip()}' is too large for {code}: the largest value accepted is "
            f"{LARGEST:,.{MAX_PLACES}f} ({MAX_WHOLE_DIGITS} digits before the decimal point).",
        )
    places = -int(number.normalize().as_tuple().exponent)
    if places > MAX_PLACES:
        raise QualityError(
            field,
            f"'{raw.strip()}' has {places} decimal places: {code} keeps at most {MAX_PLACES}; "
            "round the value.",
        )
    return number


def parse_value(
    raw: str, unit_of_measure: str, *, code: str, allows_over_100: bool = False,
    field: str = "value",
) -> Parsed:
    """Check and convert a typed value for an indicator with this unit of measure."""
    if unit_of_measure == "qualitative":
        if not raw.strip():
            raise QualityError(field, f"{code} is qualitative: describe what was achieved.")
        return Parsed(None, raw.strip())
    if unit_of_measure == "yes_no":
        word = raw.strip().lower()
        if word in _YES:
            return Parsed(Decimal(1))
        if word in _NO:
            return Parsed(Decimal(0))
        raise QualityError(field, f"{code} is a yes/no indicator: answer yes or no, not '{raw.strip()}'.")
    text = raw.strip()
    if unit_of_measure == "percent" and text.endswith("%"):
        text = text[:-1]
    number = parse_number(text if text else raw, code=code, field=field)
    if unit_of_measure == "percent":
        if number < 0:
            raise QualityError(field, f"{code} is a percentage: {number}% is below 0.")
        if number > 100 and not allows_over_100:
            raise QualityError(
                field,
                f"{code} is a percentage: {number}% is above 100 (a planner can allow values "
                f"above 100% on the indicator if they are meant).",
            )
    return Parsed(number)


@dataclass(frozen=True)
class Plausibility:
    """How a value compares with its history. ``score`` is the modified z-score (None
    when the history is too short or flat to compute one)."""

    far: bool
    score: float | None
    median: float | None
    reason: str = ""


def modified_z(value: float, history: Sequence[float]) -> float | None:
    """0.6745 * (value - median) / MAD; when the MAD is 0 (more than half the history is
    one value), (value - median) / (1.253314 * mean absolute deviation); None when both
    are 0 (a flat history)."""
    median = statistics.median(history)
    mad = statistics.median(abs(x - median) for x in history)
    if mad > 0:
        return _MAD_SCALE * (value - median) / mad
    mean_ad = statistics.fmean(abs(x - median) for x in history)
    if mean_ad > 0:
        return (value - median) / (_MEAN_AD_SCALE * mean_ad)
    return None


def plausibility(value: Decimal | float, history: Sequence[Decimal | float]) -> Plausibility:
    """Whether ``value`` is far from ``history`` (the indicator's earlier values for periods
    of the same length).

    - fewer than ``MIN_HISTORY`` values: never far (too little to judge by);
    - otherwise far when the modified z-score's size is above ``Z_LIMIT``;
    - a flat history (every value the same): far when the value moves away from it by more
      than the value's own size (|x - m| > max(|m|, 1)): 10 after 10, 10, 10, 10 is not far,
      25 is.
    """
    points = [float(x) for x in history]
    x = float(value)
    if len(points) < MIN_HISTORY:
        return Plausibility(False, None, statistics.median(points) if points else None)
    median = statistics.median(points)
    score = modified_z(x, points)
    if score is None:
        far = abs(x - median) > max(abs(median), 1.0)
        reason = (f"every earlier value is {median:g}" if far else "")
        return Plausibility(far, None, median, reason)
    far = abs(score) > Z_LIMIT
    if not far:
        reason = ""
    elif abs(score) >= _Z_IN_WORDS:
        reason = f"far outside this indicator's history, whose median is {median:,g}"
    else:
        reason = f"modified z-score {score:.1f} against a median of {median:,g}"
    return Plausibility(far, score, median, reason)
