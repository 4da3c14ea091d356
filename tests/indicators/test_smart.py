"""The SMART check: each letter fails for its own reason, and says it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from goldenthread.indicators.smart import Sheet, check

GOOD = Sheet(
    name="Share of the population covered by mobile broadband",
    definition="Population within range of a 3G network, as a share of the total.",
    unit_of_measure="percent", direction="increase", baseline_value=D("67"), baseline_text="",
    baseline_year=2027, means_of_verification="ITU ICT Indicators database", computed=False,
    targets=[(2028, D("70")), (2031, D("80"))],
)


def reasons(sheet: Sheet, letter: str) -> list[str]:
    return [f.reason for f in check(sheet, 2028, 2031).findings if f.letter == letter]


def test_a_complete_reference_sheet_passes_every_letter():
    result = check(GOOD, 2028, 2031)
    assert result.passed and result.letters == []


def test_specific_needs_a_definition_and_a_name_that_says_what_is_measured():
    assert reasons(replace(GOOD, definition="  "), "S") == ["no definition says what is counted and how"]
    assert "too short" in reasons(replace(GOOD, name="Coverage"), "S")[0]


def test_measurable_needs_a_baseline_and_a_means_of_verification():
    assert reasons(replace(GOOD, baseline_value=None), "M") == ["no baseline value to measure progress from"]
    assert "means of verification" in reasons(replace(GOOD, means_of_verification=""), "M")[0]
    qualitative = replace(GOOD, unit_of_measure="qualitative", baseline_value=None, targets=[(2031, None)])
    assert "described at the start" in reasons(qualitative, "M")[0]
    assert reasons(replace(qualitative, baseline_text="No national plan exists."), "M") == []
    # a computed indicator takes its baseline from its sources
    assert reasons(replace(GOOD, baseline_value=None, computed=True), "M") == []


def test_achievable_checks_the_range_the_direction_and_the_size_of_the_change():
    over = ["the 2031 target is 120%, outside 0-100"]
    assert reasons(replace(GOOD, targets=[(2031, D("120"))]), "A") == over
    assert reasons(replace(GOOD, targets=[(2031, D("120"))], allows_over_100=True), "A") == []
    assert "below the baseline (67)" in reasons(replace(GOOD, targets=[(2031, D("60"))]), "A")[0]
    decrease = replace(GOOD, direction="decrease", unit_of_measure="number", targets=[(2031, D("70"))])
    assert "should decrease" in reasons(decrease, "A")[0]
    huge = replace(GOOD, unit_of_measure="number", baseline_value=D("4"), targets=[(2031, D("50"))])
    assert "more than 10 times the baseline (4)" in reasons(huge, "A")[0]
    yes_no = replace(GOOD, unit_of_measure="yes_no", baseline_value=D("0"), targets=[(2031, D("2"))])
    assert reasons(yes_no, "A") == ["the 2031 target is 2, where yes/no takes 1 or 0"]


def test_relevant_fails_when_the_result_serves_nothing_above_it():
    assert "orphan" in reasons(replace(GOOD, result_is_orphan=True), "R")[0]


def test_time_bound_needs_an_end_target_inside_the_cycle_and_a_baseline_year():
    none = ["no target: nothing says what value is expected by when"]
    assert reasons(replace(GOOD, targets=[]), "T") == none
    no_end = ["no target for the end of the cycle (2031)"]
    assert reasons(replace(GOOD, targets=[(2029, D("72"))]), "T") == no_end
    outside = reasons(replace(GOOD, targets=[(2031, D("80")), (2035, D("90"))]), "T")
    assert outside == ["a target for 2035 lies outside the cycle (2028-2031)"]
    assert "baseline year" in reasons(replace(GOOD, baseline_year=None), "T")[0]
    # a computed indicator's targets may come from its sources
    inherited = replace(GOOD, computed=True, targets=[], inherited_target_years=frozenset({2031}))
    assert reasons(inherited, "T") == []


def test_letters_are_listed_in_smart_order_once_each():
    sheet = replace(GOOD, definition="", means_of_verification="", baseline_value=None, targets=[])
    assert check(sheet, 2028, 2031).letters == ["S", "M", "T"]
