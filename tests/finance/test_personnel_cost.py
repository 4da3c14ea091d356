"""Personnel cost of an allocation: share x the standard cost of the grade that year, to
the cent, halves rounded up; the integer and Decimal forms agree."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from goldenthread.finance.costing import (
    money,
    personnel_cost,
    personnel_cost_cents,
    split_money,
    to_cents,
)


@pytest.mark.parametrize(
    ("share", "annual", "expected"),
    [
        ("0.5", "200000.00", "100000.00"),
        ("0.25", "231000.00", "57750.00"),
        ("0.3333", "100000.00", "33330.00"),
        ("0.0001", "12345.67", "1.23"),  # 1.234567 -> 1.23
        ("0.0001", "12345.00", "1.23"),  # 1.2345 -> 1.23 (exactly .45 of a cent rounds down)
        ("0.0001", "12350.00", "1.24"),  # 1.235 -> half a cent rounds up
        ("1", "0.00", "0.00"),
    ],
)
def test_it_costs_a_share_of_a_year_at_the_grades_standard_cost(share: str, annual: str,
                                                                  expected: str) -> None:
    assert personnel_cost(Decimal(share), Decimal(annual)) == Decimal(expected)


def test_the_integer_rule_matches_decimal_arithmetic_rounded_half_up() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        share_e4 = rng.randint(1, 10_000)
        annual = rng.randint(0, 50_000_000)  # cents
        exact = Decimal(share_e4) / 10_000 * Decimal(annual) / 100
        expected = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert money(personnel_cost_cents(share_e4, annual)) == expected


def test_cents_and_money_round_trip_two_decimal_places() -> None:
    for text in ("0.00", "0.01", "12.30", "99999999999.99"):
        assert money(to_cents(Decimal(text))) == Decimal(text)
    assert str(money(0)) == "0.00"


def test_money_splits_are_decimals_that_add_up() -> None:
    parts = split_money(Decimal("100.00"), [1, 1, 1])
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")
