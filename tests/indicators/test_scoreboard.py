"""Scores of a whole cycle from the database: the numbers of the plan in scored_plan.py."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from goldenthread.core.periods import Period
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.indicators.selectors import reported_periods, scoreboard
from tests.indicators.scored_plan import load_scored_plan

pytestmark = pytest.mark.django_db


def test_indicators_score_against_set_and_interpolated_targets() -> None:
    board = scoreboard(load_scored_plan(), Period(2029))
    by_code = {i.code: i for i in board.indicators.values()}
    assert by_code["K1"].target == pytest.approx(70)
    assert by_code["K1"].score == pytest.approx(80) and by_code["K1"].status == "at_risk"
    assert by_code["K2"].score == pytest.approx(25) and by_code["K2"].status == "off_track"
    assert by_code["K3"].score is None and by_code["K3"].status == "no_data"
    assert "K4" not in by_code  # qualitative: not scored, not an item


def test_a_goal_rolls_up_its_outcomes_by_link_weight_with_coverage() -> None:
    board = scoreboard(load_scored_plan(), Period(2029))
    goal, o1, op1 = board.by_code("G1"), board.by_code("O1"), board.by_code("OP1")
    assert goal is not None and o1 is not None and op1 is not None
    assert goal.score == pytest.approx((80 * 1 + 25 * 3) / 4)
    assert goal.status == "off_track" and goal.coverage == pytest.approx(1)
    # O1 = K1 (weight 1, 80) and OP1 (no data): coverage one half
    assert o1.score == pytest.approx(80) and o1.coverage == pytest.approx(0.5)
    assert op1.score is None and op1.coverage == 0


def test_drags_explain_the_goal_and_why_follows_the_biggest_down_to_an_indicator() -> None:
    board = scoreboard(load_scored_plan(), Period(2029))
    goal = board.by_code("G1")
    assert goal is not None
    parts = board.contributions(goal.id)
    assert [(c.code, c.drag) for c in parts] == [("O2", pytest.approx(56.25)), ("O1", pytest.approx(5))]
    assert sum(c.drag or 0 for c in parts) == pytest.approx(100 - (goal.score or 0))
    assert [c.code for c in board.why(goal.id)] == ["O2", "K2"]


def test_only_approved_actuals_count() -> None:
    cycle = load_scored_plan()
    Actual.objects.filter(indicator__code="K2", year=2029).update(status=ActualStatus.SUBMITTED)
    board = scoreboard(cycle, Period(2029))
    k2 = next(i for i in board.indicators.values() if i.code == "K2")
    assert k2.actual is None and k2.status == "no_data"
    goal = board.by_code("G1")
    assert goal is not None and goal.score == pytest.approx(80) and goal.coverage == pytest.approx(0.25)


def test_a_year_in_progress_uses_its_latest_quarter() -> None:
    cycle = load_scored_plan()
    k1 = Actual.objects.get(indicator__code="K1", year=2029)
    k1.quarter = 2
    k1.save()
    board = scoreboard(cycle, Period(2029))
    assert next(i for i in board.indicators.values() if i.code == "K1").actual == pytest.approx(66)


def test_trends_project_the_end_year_and_flag_what_is_likely_to_miss() -> None:
    board = scoreboard(load_scored_plan(), Period(2029))
    by_code = {i.code: i for i in board.indicators.values()}
    # K1 rises 8 a year from 50: 82 in 2031 against 90, ratio 0.8
    assert by_code["K1"].projected == pytest.approx(82) and by_code["K1"].likely_to_miss
    # K2 falls 0.5 a year from 10: 8 in 2031 against 2, ratio 0.25
    assert by_code["K2"].projected == pytest.approx(8) and by_code["K2"].likely_to_miss
    assert by_code["K3"].projected is None and not by_code["K3"].likely_to_miss
    goal = board.by_code("G1")
    assert goal is not None and goal.likely_to_miss
    assert goal.forecast == pytest.approx((80 * 1 + 25 * 3) / 4)


def test_the_scores_command_prints_every_result_as_json() -> None:
    load_scored_plan()
    out = io.StringIO()
    call_command("scores", "--cycle", "SC2028", "--period", "2029", "--format", "json", stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert set(rows) == {"G1", "O1", "O2", "OP1", "OP2"}
    assert rows["G1"]["score"] == 38.8 and rows["G1"]["status"] == "off_track"
    assert rows["G1"]["coverage"] == 1.0
    assert rows["G1"]["forecast"] == {"score": 38.8, "likely_to_miss": True}
    assert rows["OP2"] == {**rows["OP2"], "score": None, "status": "no_data", "coverage": 0.0}


def test_the_scores_table_names_statuses() -> None:
    load_scored_plan()
    out = io.StringIO()
    call_command("scores", "--cycle", "SC2028", "--period", "2029", stdout=out)
    text = out.getvalue()
    assert "SC2028 scores for 2029" in text and "off track" in text and "likely to miss" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cycle", "NOPE", "--period", "2029"], "no cycle 'NOPE'; cycles: SC2028"),
        (["--cycle", "SC2028", "--period", "2035"], "--period: 2035 is outside SC2028 (2028-2031)"),
        (["--cycle", "SC2028", "--period", "29"], "--period: '29' is not a period"),
    ],
)
def test_the_scores_command_refuses_what_it_cannot_score(args: list[str], message: str) -> None:
    load_scored_plan()
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("scores", *args)


def test_a_flow_in_a_year_in_progress_is_scored_to_date() -> None:
    # K3 counts studies published (a number that adds up): baseline 0 a year, target 4 in
    # 2029. Two quarters reported, 1 + 2 studies, against half the year's target (2): r = 1.5
    cycle = load_scored_plan()
    k3 = Indicator.objects.get(cycle=cycle, code="K3")
    for quarter, value in ((1, 1), (2, 2)):
        Actual.objects.create(indicator=k3, year=2029, quarter=quarter, value=value,
                              status=ActualStatus.APPROVED)
    board = scoreboard(cycle, Period(2029))
    score = next(i for i in board.indicators.values() if i.code == "K3")
    assert score.actual == 3 and score.target == pytest.approx(2) and score.score == 100
    # A quarter on its own: Q2's 2 studies against a quarter of the year's target (1)
    quarter = next(i for i in scoreboard(cycle, Period(2029, 2)).indicators.values() if i.code == "K3")
    assert quarter.actual == 2 and quarter.target == pytest.approx(1) and quarter.score == 100
    # Q1's 1 study against a quarter of the year's target: on track, exactly
    first = next(i for i in scoreboard(cycle, Period(2029, 1)).indicators.values() if i.code == "K3")
    assert first.ratio == pytest.approx(1.0)


def test_a_flows_fourth_quarter_is_a_quarter_of_the_year_like_the_others() -> None:
    # Q4 ends when its year does; it is still measured against a quarter of the year's
    # target (1 study), not against the whole year's 4
    cycle = load_scored_plan()
    k3 = Indicator.objects.get(cycle=cycle, code="K3")
    Actual.objects.create(indicator=k3, year=2029, quarter=4, value=1, status=ActualStatus.APPROVED)
    fourth = next(i for i in scoreboard(cycle, Period(2029, 4)).indicators.values() if i.code == "K3")
    assert fourth.actual == 1 and fourth.target == pytest.approx(1) and fourth.ratio == pytest.approx(1.0)
    # a target set for that very quarter is its own
    Target.objects.create(indicator=k3, year=2029, quarter=4, value=2)
    fourth = next(i for i in scoreboard(cycle, Period(2029, 4)).indicators.values() if i.code == "K3")
    assert fourth.target == pytest.approx(2) and fourth.ratio == pytest.approx(0.5)


def test_the_periods_reported_run_to_the_latest_year_with_an_approved_actual() -> None:
    cycle = load_scored_plan()  # 2028-2031, approved actuals in 2028 and 2029
    assert reported_periods(cycle) == [Period(2028), Period(2029)]
    k1 = Indicator.objects.get(cycle=cycle, code="K1")
    Actual.objects.create(indicator=k1, year=2030, quarter=2, value=70, status=ActualStatus.SUBMITTED)
    assert reported_periods(cycle)[-1] == Period(2029)  # not approved yet
    Actual.objects.filter(indicator=k1, year=2030).update(status=ActualStatus.APPROVED)
    assert reported_periods(cycle)[-1] == Period(2030)  # a quarter counts for its year
    Actual.objects.create(indicator=k1, year=2031, value=80, status=ActualStatus.APPROVED)
    assert reported_periods(cycle)[-1] == Period(2031)
    with pytest.raises(ValidationError, match="outside the cycle"):  # no later than the cycle's end
        Actual(indicator=k1, year=2033, value=80, status=ActualStatus.APPROVED).full_clean()
    Actual.objects.filter(indicator__cycle=cycle).delete()
    assert reported_periods(cycle) == [Period(2028)]  # at least the first year
