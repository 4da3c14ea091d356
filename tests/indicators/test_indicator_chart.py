"""An indicator's chart: a count that adds up over the year draws its quarters as the
year to date, so they climb to the year's value on one scale; a level draws them as they are."""

from __future__ import annotations

from goldenthread.indicators.selectors import IndicatorScore, indicator_chart


def _score() -> IndicatorScore:
    return IndicatorScore(
        id=1, code="K1", name="Meeting days", result_id=1, weight=1.0, unit_of_measure="number",
        direction="increase", baseline=310.0, baseline_year=2027, target=312.0, actual=313.0,
        ratio=1.0, score=100.0, status="on_track", endline_target=320.0, projected=None,
        likely_to_miss=False,
    )


ACTUALS = [((2028, 0), 313.0, "approved"), ((2028, 1), 80.0, "approved"),
           ((2028, 2), 78.0, "approved"), ((2028, 3), 81.0, "approved"),
           ((2028, 4), 74.0, "approved"), ((2029, 1), 81.0, "approved"),
           ((2029, 2), 75.0, "submitted")]


def _actual_traces(flow: bool) -> dict[str, dict[float, float]]:
    spec = indicator_chart(_score(), {(2028, 0): 312.0}, ACTUALS, 2031, flow=flow).spec
    return {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in spec["traces"]
            if t["kind"].startswith("actual")}


def test_a_flow_draws_its_quarters_as_the_year_to_date():
    traces = _actual_traces(flow=True)
    approved = traces["Actual (approved), quarters as year to date"]
    # 2028's quarters end at 2027.25 ... 2028.0: the fourth reaches the year's 313 exactly
    assert [approved[t] for t in (2027.25, 2027.5, 2027.75, 2028.0)] == [80.0, 158.0, 239.0, 313.0]
    assert approved[2028.25] == 81.0  # a new year starts again from its first quarter
    # the year to date runs over the year's quarters whatever their status
    awaiting = traces["Actual (awaiting approval), quarters as year to date"]
    assert list(awaiting.values()) == [156.0]


def test_a_level_draws_its_quarters_as_they_are():
    spec = indicator_chart(_score(), {(2028, 0): 312.0}, ACTUALS, 2031, flow=False).spec
    [approved] = [t for t in spec["traces"] if t["name"] == "Actual (approved)"]
    assert sorted(approved["y"]) == [74.0, 78.0, 80.0, 81.0, 81.0, 313.0]
