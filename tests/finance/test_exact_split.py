"""Splitting an amount by weights is exact to the cent (largest remainder) and
deterministic, for any weights and amounts."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from goldenthread.finance.costing import split_cents


def test_the_parts_always_add_up_to_the_amount_and_stay_within_a_cent_of_the_exact_share() -> None:
    rng = random.Random(2028)
    for _ in range(3000):
        count = rng.randint(1, 9)
        weights = [Decimal(rng.randint(1, 99_999)) / 10_000 for _ in range(count)]
        amount = rng.choice([0, 1, 2, 3, 7, 99, 100, rng.randint(0, 10**12)])
        parts = split_cents(amount, weights)
        assert sum(parts) == amount
        total = sum(weights)
        for part, weight in zip(parts, weights, strict=True):
            exact = Fraction(amount) * Fraction(weight) / Fraction(total)
            assert abs(part - exact) < 1
            assert part >= 0


def test_the_leftover_cents_go_to_the_largest_remainders() -> None:
    # 10 cents by 1:1:1 is 3.33 each; the one cent left goes to the first.
    assert split_cents(10, [1, 1, 1]) == [4, 3, 3]
    # 100 by 1:2 is 33.33 and 66.67: 66.67 has the larger remainder.
    assert split_cents(100, [1, 2]) == [33, 67]
    # 5 by 0.15:0.35:0.5 is 0.75, 1.75, 2.5: the cents go to the two .75s.
    assert split_cents(5, [Decimal("0.15"), Decimal("0.35"), Decimal("0.5")]) == [1, 2, 2]


def test_ties_go_to_the_earlier_position_so_the_split_is_deterministic() -> None:
    assert split_cents(2, [1, 1, 1]) == [1, 1, 0]
    assert split_cents(2, [1, 1, 1]) == split_cents(2, [1, 1, 1])


def test_it_splits_by_fractions_and_negative_amounts_mirror_positive_ones() -> None:
    assert split_cents(100, [Fraction(1, 3), Fraction(2, 3)]) == [33, 67]
    assert split_cents(-100, [1, 2]) == [-33, -67]


def test_a_single_weight_takes_everything() -> None:
    assert split_cents(12345, [Decimal("0.3")]) == [12345]


def test_it_refuses_weights_that_add_up_to_zero_or_are_negative() -> None:
    with pytest.raises(ValueError, match="zero"):
        split_cents(100, [0, 0])
    with pytest.raises(ValueError, match="negative"):
        split_cents(100, [1, -1])
