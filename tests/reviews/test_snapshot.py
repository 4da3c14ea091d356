"""A review's snapshot holds the unit's scores, red risks, execution and overdue reports."""

from __future__ import annotations

from decimal import Decimal

from goldenthread.reviews.services import review_create
from tests.reviews.conftest import NOW


def test_the_snapshot_holds_the_units_results_and_the_thread_they_serve(bdt, bdt_planner):
    review = review_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"], year=2028,
                           quarter=4, now=NOW)
    snap = review.snapshot
    assert snap["version"] == 3
    assert snap["period"] == "2028-Q4"
    own = {r["code"] for r in snap["results"] if r["own"]}
    thread = {r["code"] for r in snap["results"] if not r["own"]}
    assert own == {"O1.1", "OP1.1.1", "OP9.9"}  # activities are left out
    # OP1.1.1 also serves O2.1 of TSB, which a planner of BDT does not see: left out
    assert thread == {"G1", "G2"}
    assert {r["code"] for r in snap["risks"]} == {"R9"}
    assert snap["risks"][0]["score"] == 16
    execution = snap["execution"]
    # planned 2028 for BDT's units: 12,000 + 85,000 on OP1.1.1
    assert Decimal(execution["total"]["planned"]) == Decimal("97000.00")
    # spent in 2028 up to Q4: 4,000 + 5,000 + 42,500 + 1,200 (the 2029 line is not counted)
    assert Decimal(execution["total"]["spent"]) == Decimal("52700.00")
    assert {line["key"] for line in execution["by_output"]} == {"OP1.1.1", ""}
    assert snap["overdue"] is not None
