"""What a reporter reads when a value is refused or questioned, in the product's words:
a huge value, too many digits, and the same evidence link given twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goldenthread.reporting import services
from goldenthread.reporting.models import Evidence
from goldenthread.reporting.quality import QualityError, parse_value, plausibility
from tests.pages.plan import Plan
from tests.reporting.conftest import k

HISTORY = [75, 76, 77, 78, 79, 81]


def test_a_value_far_beyond_its_history_is_said_in_words_not_as_a_giant_score() -> None:
    check = plausibility(Decimal("99999999999999"), HISTORY)
    assert check.far
    assert check.reason == "far outside this indicator's history, whose median is 77.5"
    assert "e+" not in check.reason and "z-score" not in check.reason
    near = plausibility(200, HISTORY)  # a score one can still read keeps its number
    assert near.far and near.reason.startswith("modified z-score ")


def test_too_many_digits_are_refused_naming_the_indicator_and_the_largest_value() -> None:
    with pytest.raises(QualityError) as refused:
        parse_value("12345678901234567890123", "number", code="K3")
    assert refused.value.field == "value"
    assert refused.value.message == (
        "'12345678901234567890123' is too large for K3: the largest value accepted is "
        "99,999,999,999,999.999999 (14 digits before the decimal point)."
    )
    with pytest.raises(QualityError, match=r"has 7 decimal places: K3 keeps at most 6; round"):
        parse_value("1.1234567", "number", code="K3")
    assert parse_value("99999999999999.999999", "number", code="K3").value == Decimal(
        "99999999999999.999999")
    assert parse_value("1.500000000", "number", code="K3").value == Decimal("1.5")


def test_a_huge_value_is_refused_at_entry_in_the_products_words(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                              value="12345678901234567890123")
    message = refused.value.message_dict["value"][0]
    assert "too large for K3" in message and "Ensure that" not in message


def test_the_same_evidence_link_saved_again_is_kept_once(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    link = "https://example.org/q1"
    for value in ("42", "43"):
        actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                                       value=value, link=link)
    assert list(Evidence.objects.filter(actual=actual).values_list("link", flat=True)) == [link]
    services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="43",
                          link="https://example.org/q1-annex")
    assert Evidence.objects.filter(actual=actual).count() == 2
