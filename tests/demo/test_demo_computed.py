"""The demo holds computed indicators: O6.1's people trained is the sum of its outputs'
trainees, O5.1's deliverables a running total, both computed from what the outputs report."""

from __future__ import annotations

from collections import defaultdict

from goldenthread.indicators.computed import compute
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.plans.models import Cycle

Y28 = (2028, 0)


def _computation(cycle: Cycle) -> tuple[dict[int, str], dict[int, list[tuple[int, float]]]]:
    methods = dict(
        Indicator.objects.filter(cycle=cycle).exclude(computation="").values_list("id", "computation")
    )
    sources: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for computed, source, weight in Contribution.objects.filter(
        computed__cycle=cycle
    ).values_list("computed_id", "source_id", "weight"):
        sources[computed].append((source, float(weight)))
    return methods, sources


def _values(model: type[Actual] | type[Target], cycle: Cycle) -> dict[int, dict[tuple[int, int], float]]:
    values: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for iid, year, quarter, value in model.objects.filter(
        indicator__cycle=cycle, value__isnull=False
    ).values_list("indicator_id", "year", "quarter", "value"):
        values[iid][(year, quarter)] = float(value)
    return values


def test_the_outcome_total_is_the_sum_of_its_outputs_trainees(demo_cycle: Cycle) -> None:
    by_code = {i.code: i for i in Indicator.objects.filter(cycle=demo_cycle)}
    total = by_code["K-O6.1c"]
    assert total.computation_summary() == (
        "K-O6.1c is computed from K-OP1.3.1, K-OP6.1.2, K-OP6.1.3b (sum)"
    )
    assert not total.actuals.exists()
    methods, sources = _computation(demo_cycle)
    actuals = _values(Actual, demo_cycle)
    done = compute(methods, sources, actuals)
    parts = [actuals[by_code[c].pk][Y28] for c in ("K-OP1.3.1", "K-OP6.1.2", "K-OP6.1.3b")]
    assert done.values[total.pk][Y28] == sum(parts)
    # The seminars report once a year: the quarters wait for them.
    assert done.gaps[total.pk][(2029, 1)] == [by_code["K-OP1.3.1"].pk]


def test_its_baseline_and_targets_are_computed_from_the_outputs(demo_cycle: Cycle) -> None:
    by_code = {i.code: i for i in Indicator.objects.filter(cycle=demo_cycle)}
    total = by_code["K-O6.1c"]
    assert total.baseline_value is None and not total.targets.exists()
    methods, sources = _computation(demo_cycle)
    baselines = {
        i.pk: {(i.baseline_year, 0): float(i.baseline_value)}
        for i in by_code.values() if i.baseline_value is not None and i.baseline_year
    }
    computed = compute(methods, sources, baselines, keep_given=True).values
    assert computed[total.pk] == {(2027, 0): 900 + 3000 + 8000}
    targets = compute(methods, sources, _values(Target, demo_cycle), keep_given=True).values
    assert targets[total.pk][(2031, 0)] == 1400 + 6000 + 15000


def test_the_cybersecurity_deliverables_run_up_from_zero(demo_cycle: Cycle) -> None:
    by_code = {i.code: i for i in Indicator.objects.filter(cycle=demo_cycle)}
    running = by_code["K-O5.1c"]
    assert running.computation == "cumulative"
    assert running.baseline_value == 0
    methods, sources = _computation(demo_cycle)
    targets = compute(methods, sources, _values(Target, demo_cycle), keep_given=True).values
    yearly = [
        sum(float(by_code[c].targets.get(year=y, quarter=0).value)  # type: ignore[arg-type]
            for c in ("K-OP5.1.1", "K-OP5.1.2"))
        for y in range(2028, 2032)
    ]
    assert [targets[running.pk][(y, 0)] for y in range(2028, 2032)] == [
        sum(yearly[: n + 1]) for n in range(4)
    ]
