"""The funding gap: earmarked contributions cover their outcome only; the rest of the
revenue is pooled over what earmarks leave uncovered, in proportion, to the cent; a
surplus beyond every need is reported as unassigned."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.finance import selectors
from goldenthread.finance.costing import financial_plan
from goldenthread.finance.funding import RevenueIn, funding_gap
from goldenthread.plans.models import Cycle, Result
from tests.finance.plan import Inputs


def _plan() -> tuple[Inputs, object]:
    p = Inputs()
    p.result("O1", "outcome")
    p.result("O2", "outcome")
    p.result("OP1", "output", "O1")
    p.result("OP2", "output", "O2")
    p.result("OP3", "output")  # unattributed
    p.cost("OP1", "600.00")
    p.cost("OP2", "300.00")
    p.cost("OP3", "100.00")
    return p, financial_plan(p.build())


def _rows(gap: object) -> dict[str, tuple[Decimal, Decimal, Decimal, Decimal]]:
    return {
        o.code or "unattributed": (o.cost, o.earmarked, o.pooled, o.gap)
        for o in gap.by_outcome  # type: ignore[attr-defined]
    }


def test_the_gap_of_a_year_is_its_cost_less_its_revenue() -> None:
    _, plan = _plan()
    gap = funding_gap(plan, [RevenueIn("assessed_contributions", 2028, 40_000, None)])  # type: ignore[arg-type]
    (year,) = gap.by_year
    assert (year.cost, year.revenue, year.gap) == (
        Decimal("1000.00"), Decimal("400.00"), Decimal("600.00"),
    )


def test_unearmarked_revenue_is_pooled_over_the_outcomes_in_proportion_to_their_need() -> None:
    p, plan = _plan()
    o2 = p.ids["O2"]
    gap = funding_gap(plan, [  # type: ignore[arg-type]
        RevenueIn("assessed_contributions", 2028, 45_000, None),
        RevenueIn("voluntary_contributions", 2028, 10_000, o2),
    ])
    # Needs: O1 600, O2 300 - 100 = 200, unattributed 100; the 450 pooled go 6:2:1.
    assert _rows(gap) == {
        "O1": (Decimal("600.00"), Decimal("0.00"), Decimal("300.00"), Decimal("300.00")),
        "O2": (Decimal("300.00"), Decimal("100.00"), Decimal("100.00"), Decimal("100.00")),
        "unattributed": (Decimal("100.00"), Decimal("0.00"), Decimal("50.00"), Decimal("50.00")),
    }
    assert gap.by_year[0].gap == Decimal("450.00")
    assert gap.by_year[0].unassigned == Decimal("0.00")


def test_an_earmark_beyond_its_outcomes_cost_is_a_surplus_there_not_elsewhere() -> None:
    p, plan = _plan()
    gap = funding_gap(plan, [RevenueIn("voluntary_contributions", 2028, 50_000, p.ids["O2"])])  # type: ignore[arg-type]
    rows = _rows(gap)
    assert rows["O2"][3] == Decimal("-200.00")  # 300 cost, 500 earmarked
    assert rows["O1"][3] == Decimal("600.00")  # nothing pooled to cover it
    assert gap.by_year[0].gap == Decimal("500.00")


def test_revenue_beyond_every_need_covers_all_and_the_rest_is_unassigned() -> None:
    _, plan = _plan()
    gap = funding_gap(plan, [RevenueIn("assessed_contributions", 2028, 150_000, None)])  # type: ignore[arg-type]
    assert all(row[3] == 0 for row in _rows(gap).values())
    year = gap.by_year[0]
    assert (year.unassigned, year.gap) == (Decimal("500.00"), Decimal("-500.00"))


def test_pooled_shares_are_exact_to_the_cent_and_rows_add_up_to_the_year() -> None:
    p = Inputs()
    for code in ("O1", "O2", "O3"):
        p.result(code, "outcome")
        p.result("P" + code, "output", code)
        p.cost("P" + code, "1.00")
    plan = financial_plan(p.build())
    gap = funding_gap(plan, [RevenueIn("other", 2028, 100, None)])
    assert [o.pooled for o in gap.by_outcome] == [Decimal("0.34"), Decimal("0.33"), Decimal("0.33")]
    assert sum(o.gap for o in gap.by_outcome) - gap.by_year[0].unassigned == gap.by_year[0].gap


def test_the_small_plans_gap_by_year_and_by_outcome(small_plan: Cycle) -> None:
    gap = selectors.funding_gap(small_plan)
    first = gap.by_year[0]
    assert (first.year, first.cost, first.revenue, first.earmarked, first.gap) == (
        2028, Decimal("490000.00"), Decimal("320000.00"), Decimal("20000.00"), Decimal("170000.00"),
    )
    rows = {o.code: o.years[2028] for o in gap.by_outcome}
    # Needs O1 240,000, O2 80,000, unattributed 150,000; 300,000 pooled by need, exactly.
    assert (rows["O1"].pooled, rows["O2"].pooled, rows[""].pooled) == (
        Decimal("153191.49"), Decimal("51063.83"), Decimal("95744.68"),
    )
    assert rows["O2"].earmarked == Decimal("20000.00")
    assert sum(r.gap for r in rows.values()) == Decimal("170000.00")
    assert gap.revenue.earmarked[0].outcome == "O2"
    assert [r.key for r in gap.revenue.streams.rows] == [
        "assessed_contributions", "voluntary_contributions",
    ]


@pytest.mark.django_db
def test_revenue_by_stream_keeps_the_earmarked_part_apart(small_plan: Cycle) -> None:
    table = selectors.revenue(small_plan)
    assert table.total == Decimal("1280000.00")
    (earmark,) = table.earmarked
    assert (earmark.outcome, earmark.title, earmark.total) == ("O2", "Outcome two", Decimal("80000.00"))
    assert Result.objects.get(cycle=small_plan, code="O2").earmarked_revenue.count() == 4
