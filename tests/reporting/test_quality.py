"""Data quality at entry (reporting.quality): pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.reporting import quality
from goldenthread.reporting.quality import QualityError, parse_value, plausibility


@pytest.mark.parametrize("raw", ["N/A", "n/a", "-", "about 40", "40 people", "1.2.3", "nan", "inf", "1e5"])
def test_a_numeric_indicator_refuses_text_naming_the_field(raw: str) -> None:
    with pytest.raises(QualityError) as refused:
        parse_value(raw, "number", code="K3")
    assert refused.value.field == "value"
    assert f"'{raw}' is not a number" in refused.value.message
    assert "K3 takes a number" in refused.value.message


def test_an_empty_value_is_refused() -> None:
    with pytest.raises(QualityError, match="the value is empty"):
        parse_value("  ", "number", code="K3")


@pytest.mark.parametrize(("raw", "number"), [
    ("42", "42"), (" 3.5 ", "3.5"), ("-2", "-2"), ("1,250", "1250"), ("1 250.5", "1250.5"),
    ("12\u00a0000", "12000"), (".5", "0.5"),
])
def test_numbers_are_read_with_spaces_and_thousands_separators(raw: str, number: str) -> None:
    assert parse_value(raw, "number", code="K3").value == Decimal(number)


def test_a_decimal_comma_is_not_taken_for_a_thousands_separator() -> None:
    with pytest.raises(QualityError):
        parse_value("3,5", "number", code="K3")


def test_percentages_lie_within_0_and_100() -> None:
    assert parse_value("71.5%", "percent", code="K1").value == Decimal("71.5")
    assert parse_value("100", "percent", code="K1").value == Decimal(100)
    with pytest.raises(QualityError, match="above 100"):
        parse_value("112", "percent", code="K1")
    with pytest.raises(QualityError, match="below 0"):
        parse_value("-1", "percent", code="K1")


def test_a_percentage_may_pass_100_when_the_indicator_allows_it() -> None:
    assert parse_value("112", "percent", code="K1", allows_over_100=True).value == Decimal(112)


@pytest.mark.parametrize(("raw", "answer"), [("yes", 1), ("Yes", 1), ("y", 1), ("true", 1), ("1", 1),
                                             ("no", 0), ("N", 0), ("false", 0), ("0", 0)])
def test_yes_no_indicators_take_yes_or_no(raw: str, answer: int) -> None:
    assert parse_value(raw, "yes_no", code="K5").value == answer


@pytest.mark.parametrize("raw", ["maybe", "2", "", "partly"])
def test_yes_no_indicators_refuse_anything_else(raw: str) -> None:
    with pytest.raises(QualityError, match="answer yes or no"):
        parse_value(raw, "yes_no", code="K5")


def test_qualitative_indicators_take_text() -> None:
    assert parse_value(" Plan adopted ", "qualitative", code="K6").text == "Plan adopted"
    with pytest.raises(QualityError, match="describe what was achieved"):
        parse_value("", "qualitative", code="K6")


HISTORY = [78, 76, 79, 72, 81, 75]


def test_a_value_in_line_with_its_history_is_not_far() -> None:
    check = plausibility(77, HISTORY)
    assert not check.far and check.score is not None and abs(check.score) < 3.5


def test_a_value_far_from_its_history_is_flagged_with_its_modified_z_score() -> None:
    check = plausibility(780, HISTORY)
    # median 77; deviations 1, 1, 2, 2, 4, 5: MAD 2
    assert check.far
    assert check.score == pytest.approx(0.6745 * (780 - 77) / 2)
    assert "modified z-score" in check.reason and "median of 77" in check.reason


def test_the_limit_is_a_modified_z_score_of_3_5() -> None:
    # median 77, MAD 2: the limit lies 3.5 * 2 / 0.6745 = 10.38 away, on either side.
    assert not plausibility(77 + 10.3, HISTORY).far
    assert plausibility(77 + 10.4, HISTORY).far
    assert not plausibility(77 - 10.3, HISTORY).far
    assert plausibility(77 - 10.4, HISTORY).far


def test_a_short_history_judges_nothing() -> None:
    assert not plausibility(10_000, [5, 6, 7]).far
    assert not plausibility(10_000, []).far


def test_when_the_mad_is_zero_the_mean_absolute_deviation_is_used() -> None:
    history = [10, 10, 10, 10, 30]  # MAD 0, mean absolute deviation 4
    assert quality.modified_z(14, history) == pytest.approx(4 / (1.253314 * 4))
    assert not plausibility(14, history).far
    assert plausibility(40, history).far


def test_a_flat_history_flags_a_value_that_moves_more_than_its_own_size() -> None:
    assert quality.modified_z(11, [10, 10, 10, 10]) is None
    assert not plausibility(10, [10, 10, 10, 10]).far
    assert not plausibility(19, [10, 10, 10, 10]).far
    check = plausibility(25, [10, 10, 10, 10])
    assert check.far and "every earlier value is 10" in check.reason
    assert not plausibility(1, [0, 0, 0, 0]).far and plausibility(2, [0, 0, 0, 0]).far
