"""A small costed plan for the finance tests, as a plan document, and pure builders.

``small_plan()`` is loaded through ``plan_load``; its figures are chosen so every rule
shows: an activity serving two outputs (weights 1 and 3), an output serving two outcomes
(weights 1 and 2), an output serving no outcome, an activity serving no output, a
consultant with no grade, a person over-allocated, an earmarked contribution.

Costs (CHF), per year:
- OP1 (unit DEPA, must): cost line 100,000.00 regular; A1 (S1, P4 at 200,000, 0.5) and a
  quarter of A2 (S2, G5 at 100,000, 0.6) -> 100,000 + 15,000;
- OP2 (unit DEPB, should): cost line 30,000.00 on F1; three quarters of A2 -> 45,000;
  split over O1 (1/3) and O2 (2/3);
- OP3 (unit DEPA, could): cost line 10,000.00 regular; serves no outcome;
- OP4 (unit DEPB, wont): cost line 50,000.00 regular; serves O2;
- A3 (S1, 0.7 of P4, no parent): 140,000 personnel, on no output.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from goldenthread.core.audit import Actor
from goldenthread.finance.costing import (
    AllocationIn,
    CostLineIn,
    FundInfo,
    PersonInfo,
    PlanInputs,
    ResultInfo,
    UnitInfo,
)
from goldenthread.interop.services import plan_load
from goldenthread.plans.models import Cycle

ACTOR = Actor(label="test")
YEARS = [2028, 2029, 2030, 2031]

SMALL_PLAN: dict[str, Any] = {
    "format": "goldenthread-plan/1",
    "cycle": {"code": "FIN", "name": "Finance test plan", "start_year": 2028, "end_year": 2031,
              "baseline_year": 2027, "currency": "CHF"},
    "levels": [
        {"code": "goal", "name": "Goal", "kind": "impact"},
        {"code": "outcome", "name": "Outcome", "kind": "outcome"},
        {"code": "output", "name": "Output", "kind": "output"},
        {"code": "activity", "name": "Activity", "kind": "activity"},
    ],
    "units": [
        {"code": "ORG", "name": "Organisation"},
        {"code": "SEC", "name": "Sector", "parent": "ORG"},
        {"code": "DEPA", "name": "Department A", "parent": "SEC"},
        {"code": "DEPB", "name": "Department B", "parent": "SEC"},
    ],
    "grades": [
        {"code": "P4", "annual_cost": {str(y): "200000.00" for y in YEARS}},
        {"code": "G5", "annual_cost": {str(y): "100000.00" for y in YEARS}},
    ],
    "people": [
        {"code": "S1", "name": "Sam One", "unit": "DEPA", "grade": "P4"},
        {"code": "S2", "name": "Sue Two", "unit": "DEPB", "grade": "G5", "capacity": 0.5},
        {"code": "C1", "name": "Cat Consultant", "unit": "DEPB", "contract": "consultant",
         "remote": True},
        {"code": "T1", "name": "Tom Temporary", "unit": "DEPA", "grade": "G5",
         "contract": "temporary"},
    ],
    "funds": [{"code": "F1", "name": "Trust fund one", "donor": "Donor A"}],
    "results": [
        {"code": "G1", "level": "goal", "title": "Goal", "unit": "ORG"},
        {"code": "O1", "level": "outcome", "title": "Outcome one", "unit": "SEC",
         "parents": [{"code": "G1"}]},
        {"code": "O2", "level": "outcome", "title": "Outcome two", "unit": "SEC",
         "parents": [{"code": "G1"}]},
        {"code": "OP1", "level": "output", "title": "Output one", "unit": "DEPA",
         "priority": "must", "parents": [{"code": "O1"}]},
        {"code": "OP2", "level": "output", "title": "Output two", "unit": "DEPB",
         "priority": "should", "parents": [{"code": "O1", "weight": 1}, {"code": "O2", "weight": 2}]},
        {"code": "OP3", "level": "output", "title": "Output three", "unit": "DEPA",
         "priority": "could"},
        {"code": "OP4", "level": "output", "title": "Output four", "unit": "DEPB",
         "priority": "wont", "parents": [{"code": "O2"}]},
        {"code": "A1", "level": "activity", "title": "Activity one", "unit": "DEPA",
         "person": "S1", "parents": [{"code": "OP1"}]},
        {"code": "A2", "level": "activity", "title": "Activity two", "unit": "DEPB",
         "person": "S2", "parents": [{"code": "OP1", "weight": 1}, {"code": "OP2", "weight": 3}]},
        {"code": "A3", "level": "activity", "title": "Activity three", "unit": "DEPA",
         "person": "S1"},
        {"code": "A4", "level": "activity", "title": "Activity four", "unit": "DEPB",
         "person": "C1", "parents": [{"code": "OP2"}]},
    ],
    "costs": [
        *({"result": "OP1", "year": y, "category": "travel_events", "source": "regular_budget",
           "amount": "100000.00"} for y in YEARS),
        *({"result": "OP2", "year": y, "category": "consultants_contractual", "source": "F1",
           "amount": "30000.00"} for y in YEARS),
        *({"result": "OP3", "year": y, "category": "equipment_it", "source": "regular_budget",
           "amount": "10000.00"} for y in YEARS),
        *({"result": "OP4", "year": y, "category": "other_direct", "source": "regular_budget",
           "amount": "50000.00"} for y in YEARS),
    ],
    "allocations": [
        *({"person": "S1", "result": "A1", "year": y, "share": 0.5} for y in YEARS),
        *({"person": "S2", "result": "A2", "year": y, "share": 0.6} for y in YEARS),
        *({"person": "S1", "result": "A3", "year": y, "share": 0.7} for y in YEARS),
        *({"person": "C1", "result": "A4", "year": y, "share": 0.5} for y in YEARS),
    ],
    "revenue": [
        *({"stream": "assessed_contributions", "year": y, "amount": "300000.00"} for y in YEARS),
        *({"stream": "voluntary_contributions", "year": y, "amount": "20000.00", "outcome": "O2"}
          for y in YEARS),
    ],
}

# Per year, as the docstring works them out.
OP1_YEAR = Decimal("215000.00")
OP2_YEAR = Decimal("75000.00")
OP3_YEAR = Decimal("10000.00")
OP4_YEAR = Decimal("50000.00")
A3_YEAR = Decimal("140000.00")
YEAR_TOTAL = OP1_YEAR + OP2_YEAR + OP3_YEAR + OP4_YEAR + A3_YEAR


def small_plan_document(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(SMALL_PLAN)
    document.update(changes)
    return document


def load_small_plan(**changes: Any) -> Cycle:
    return plan_load(actor=ACTOR, document=small_plan_document(**changes), source="test")


# ------------------------------------------------------------- pure builders


class Inputs:
    """Build ``PlanInputs`` by hand for the pure tests: results by code, ids assigned."""

    def __init__(self, years: list[int] | None = None) -> None:
        self.years = years or [2028]
        self.ids: dict[str, int] = {}
        self.results: dict[int, ResultInfo] = {}
        self.links: list[tuple[int, int, int]] = []
        self.units = {1: UnitInfo("U1", "Unit one", None, 1), 2: UnitInfo("U2", "Unit two", 1, 2)}
        self.funds = {1: FundInfo("regular_budget", "Regular budget", True),
                      2: FundInfo("F1", "Fund one", False)}
        self.lines: list[CostLineIn] = []
        self.allocations: list[AllocationIn] = []
        self.people: dict[int, PersonInfo] = {}
        self.grades = {1: "P4"}
        self.grade_costs = {(1, y): 20_000_000 for y in self.years}  # 200,000.00

    def result(self, code: str, kind: str, *parents: str | tuple[str, str], unit: int = 1,
               priority: str = "") -> int:
        rid = len(self.ids) + 1
        self.ids[code] = rid
        self.results[rid] = ResultInfo(code, f"Result {code}", kind, unit, priority)
        for parent in parents:
            name, weight = (parent, "1") if isinstance(parent, str) else parent
            self.links.append((rid, self.ids[name], int(Decimal(weight) * 10_000)))
        return rid

    def cost(self, code: str, amount: str, year: int = 2028, source: int = 1,
             category: str = "travel_events") -> None:
        cents = int(Decimal(amount) * 100)
        self.lines.append((self.ids[code], year, category, source, cents, ""))

    def person(self, code: str, grade: int | None = 1, capacity: str = "1", unit: int = 1,
               contract: str = "fixed_term", remote: bool = False) -> int:
        pid = len(self.people) + 1
        self.people[pid] = PersonInfo(code, f"Person {code}", unit, grade, Decimal(capacity),
                                      contract, remote)
        return pid

    def allocate(self, person: int, code: str, share: str, year: int = 2028) -> None:
        self.allocations.append(
            (person, self.ids[code], year, int(Decimal(share) * 10_000))
        )

    def build(self) -> PlanInputs:
        return PlanInputs(
            currency="CHF", years=self.years, results=self.results, links=self.links,
            units=self.units, funds=self.funds, cost_lines=self.lines,
            allocations=self.allocations, people=self.people, grades=self.grades,
            grade_costs=self.grade_costs,
        )
