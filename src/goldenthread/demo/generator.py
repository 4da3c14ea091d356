"""Synthetic organisations of a chosen size, for benchmarks and load tests.

``write_plan(scale, seed, path)`` writes a valid ``goldenthread-plan/1``
document: a deep unit tree (organisation > sectors > departments > sections),
staff with grades and contracts, goals > outcomes > outputs > activities with
multi-parent and cross-sector links, indicators with targets and actuals,
costs by category and funding source, staff allocations, risks, assumptions,
revenue and action lines. S is an ITU-sized organisation, L a UN-system-sized
one.

The document is written record by record, never held whole in memory, and
each section draws from its own random stream seeded from ``seed``, so the
same seed gives a byte-identical file. JSON is written by default; a path
ending in ``.yaml``/``.yml`` gets YAML (block lists of flow mappings).
"""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from goldenthread.demo.builder import FORMAT, money
from goldenthread.demo.facts import CONTRACT_MIX, FAMILY_NAMES, GIVEN_NAMES, GRADES

START, END, BASELINE = 2028, 2031, 2027
YEARS = range(START, END + 1)
CATEGORIES = ["travel_events", "consultants_contractual", "equipment_it", "other_direct"]
RISK_CATEGORIES = ["strategic", "operational", "financial", "fiduciary", "reputational",
                   "compliance"]
STREAMS = ["assessed_contributions", "sector_members", "associates_academia", "events",
           "products_services", "voluntary_contributions", "cost_recovery", "other"]
AREAS = ["strengthen_membership", "leverage_events_products_services",
         "increase_voluntary_contributions"]
THEMES = ["connectivity", "digital skills", "cybersecurity", "spectrum", "standards",
          "health", "climate", "food security", "education", "gender equality", "water",
          "disaster resilience", "statistics", "governance", "trade", "migration"]
VERBS = ["Deliver", "Support", "Strengthen", "Develop", "Expand", "Monitor", "Coordinate",
         "Assess", "Promote", "Modernize"]


@dataclass(frozen=True)
class Scale:
    """The size of a generated organisation."""

    staff: int
    sectors: int
    departments: int  # per sector
    sections: int  # per department
    goals: int
    outcomes: int
    outputs: int
    activities: int
    indicators: int
    actual_years: int
    risks: int
    assumptions: int
    funds: int

    @property
    def results(self) -> int:
        return self.goals + self.outcomes + self.outputs + self.activities


SCALES = {
    "S": Scale(staff=800, sectors=4, departments=5, sections=2, goals=4, outcomes=40,
               outputs=956, activities=4000, indicators=3000, actual_years=2, risks=300,
               assumptions=200, funds=6),
    "M": Scale(staff=8000, sectors=8, departments=8, sections=4, goals=8, outcomes=200,
               outputs=4792, activities=20000, indicators=20000, actual_years=3, risks=1500,
               assumptions=1000, funds=15),
    "L": Scale(staff=40000, sectors=30, departments=10, sections=5, goals=17, outcomes=800,
               outputs=19183, activities=80000, indicators=100000, actual_years=4, risks=5000,
               assumptions=3000, funds=40),
}


def cycle_code(scale: str, seed: int) -> str:
    """The code of the cycle a generated plan holds."""
    return f"GEN-{scale}-{seed}"


class _Plan:
    """The skeleton every section refers to: units, who works where, result owners.

    Only compact integer arrays are kept; records are produced on demand.
    """

    def __init__(self, scale: Scale, seed: int, name: str) -> None:
        self.scale = scale
        self.seed = seed
        self.code = cycle_code(name, seed)
        self.name = name
        # Units: index 0 the organisation, then sectors, departments, sections.
        self.unit_codes: list[str] = ["ORG"]
        self.unit_parent: list[int] = [-1]
        self.sector_of: list[int] = [-1]
        self.sector_units: list[list[int]] = []  # per sector: its departments and sections
        for s in range(scale.sectors):
            sector = len(self.unit_codes)
            self.unit_codes.append(f"S{s + 1:02d}")
            self.unit_parent.append(0)
            self.sector_of.append(s)
            below: list[int] = []
            for d in range(scale.departments):
                dept = len(self.unit_codes)
                self.unit_codes.append(f"S{s + 1:02d}-D{d + 1:02d}")
                self.unit_parent.append(sector)
                self.sector_of.append(s)
                below.append(dept)
                for c in range(scale.sections):
                    self.unit_codes.append(f"S{s + 1:02d}-D{d + 1:02d}-S{c + 1}")
                    self.unit_parent.append(dept)
                    self.sector_of.append(s)
                    below.append(len(self.unit_codes) - 1)
            self.sector_units.append(below)
        # Staff sit in departments and sections (a few in sector front offices).
        staffed = [u for below in self.sector_units for u in below]
        rng = self.rng("people-units")
        self.person_unit = array("i", (
            staffed[i % len(staffed)] if i < len(staffed) or rng.random() > 0.05
            else self.sector_unit(rng.randrange(scale.sectors))
            for i in range(scale.staff)
        ))
        self.people_of: dict[int, array[int]] = {}
        for person, unit in enumerate(self.person_unit):
            self.people_of.setdefault(unit, array("i")).append(person)
        # Owners of outcomes (sectors) and outputs (departments or sections).
        rng = self.rng("owners")
        self.outcome_sector = array("i", (o % scale.sectors for o in range(scale.outcomes)))
        self.output_outcome = array("i", (rng.randrange(scale.outcomes)
                                          for _ in range(scale.outputs)))
        self.output_unit = array("i", (
            rng.choice(self.sector_units[self.outcome_sector[o]]) for o in self.output_outcome
        ))
        self.activity_output = array("i", (a * scale.outputs // scale.activities
                                           for a in range(scale.activities)))
        self.activity_person = array("i", (
            rng.choice(self.people_of[self.output_unit[o]]) for o in self.activity_output
        ))

    def sector_unit(self, sector: int) -> int:
        """The unit index of a sector (units are listed depth first)."""
        s = self.scale
        return 1 + sector * (1 + s.departments * (1 + s.sections))

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.name}:{section}")

    # Codes: results are numbered goals, outcomes, outputs, activities.
    def goal(self, i: int) -> str:
        return f"G{i + 1:02d}"

    def outcome(self, i: int) -> str:
        return f"O{i + 1:04d}"

    def output(self, i: int) -> str:
        return f"OP{i + 1:05d}"

    def activity(self, i: int) -> str:
        return f"A{i + 1:06d}"

    def person(self, i: int) -> str:
        return f"P{i + 1:06d}"

    def fund(self, i: int) -> str:
        return f"F{i + 1:03d}"

    def result_code(self, index: int) -> str:
        s = self.scale
        if index < s.goals:
            return self.goal(index)
        index -= s.goals
        if index < s.outcomes:
            return self.outcome(index)
        index -= s.outcomes
        if index < s.outputs:
            return self.output(index)
        return self.activity(index - s.outputs)


# -- sections ---------------------------------------------------------------------


def _cycle(plan: _Plan) -> dict[str, Any]:
    return {
        "code": plan.code, "name": f"Generated organisation {plan.name} (seed {plan.seed})",
        "start_year": START, "end_year": END, "baseline_year": BASELINE, "currency": "CHF",
        "description": f"Synthetic plan of scale {plan.name} for benchmarks.",
    }


def _levels(plan: _Plan) -> Iterator[dict[str, Any]]:
    yield {"code": "goal", "name": "Goal", "kind": "impact"}
    yield {"code": "outcome", "name": "Outcome", "kind": "outcome"}
    yield {"code": "output", "name": "Output", "kind": "output"}
    yield {"code": "activity", "name": "Activity", "kind": "activity"}


def _units(plan: _Plan) -> Iterator[dict[str, Any]]:
    kinds = {0: "Organisation", 1: "Sector", 2: "Department", 3: "Section"}
    for i, code in enumerate(plan.unit_codes):
        depth = code.count("-") + (0 if i == 0 else 1)
        row: dict[str, Any] = {"code": code, "name": f"{kinds[depth]} {code}"}
        if plan.unit_parent[i] >= 0:
            row["parent"] = plan.unit_codes[plan.unit_parent[i]]
        yield row


def _grades(plan: _Plan) -> Iterator[dict[str, Any]]:
    for code, name, cost in GRADES:
        yield {"code": code, "name": name, "annual_cost": {
            str(y): money(round(cost * 1.02 ** (y - START), -2)) for y in YEARS
        }}


def _people(plan: _Plan) -> Iterator[dict[str, Any]]:
    rng = plan.rng("people")
    grades = [g[0] for g in GRADES]
    grade_weights = [8, 12, 10, 5, 9, 18, 16, 7, 2, 1]
    contracts, contract_weights = list(CONTRACT_MIX), list(CONTRACT_MIX.values())
    for i, unit in enumerate(plan.person_unit):
        contract = rng.choices(contracts, contract_weights)[0]
        name = (f"{rng.choice(GIVEN_NAMES)} {chr(65 + rng.randrange(26))}. "
                f"{rng.choice(FAMILY_NAMES)}")
        row: dict[str, Any] = {"code": plan.person(i), "name": name,
                               "unit": plan.unit_codes[unit]}
        if contract != "consultant":
            row["grade"] = rng.choices(grades, grade_weights)[0]
        row["capacity"] = rng.choices([1.0, 0.8, 0.5], [90, 7, 3])[0]
        row["contract"] = contract
        row["remote"] = rng.random() < (0.4 if contract == "consultant" else 0.03)
        yield row


def _funds(plan: _Plan) -> Iterator[dict[str, Any]]:
    for i in range(plan.scale.funds):
        yield {"code": plan.fund(i), "name": f"Trust fund {i + 1}",
               "donor": f"Donor {chr(65 + i % 26)}{i // 26 + 1}"}


def _results(plan: _Plan) -> Iterator[dict[str, Any]]:
    s = plan.scale
    rng = plan.rng("results")
    for g in range(s.goals):
        yield {"code": plan.goal(g), "level": "goal", "unit": "ORG",
               "title": f"Goal {g + 1}: {THEMES[g % len(THEMES)]} for all"}
    for o in range(s.outcomes):
        parents = [{"code": plan.goal(o % s.goals), "weight": 1}]
        if s.goals > 1 and rng.random() < 0.3:  # serves two goals
            parents.append({"code": plan.goal((o + 1) % s.goals), "weight": 0.5})
        yield {"code": plan.outcome(o), "level": "outcome",
               "unit": plan.unit_codes[plan.sector_unit(plan.outcome_sector[o])],
               "title": f"Improved {rng.choice(THEMES)} outcome {o + 1}", "parents": parents}
    priorities = ["must", "should", "could", "wont"]
    for p in range(s.outputs):
        home = plan.output_outcome[p]
        row: dict[str, Any] = {
            "code": plan.output(p), "level": "output", "unit": plan.unit_codes[plan.output_unit[p]],
            "title": f"{rng.choice(VERBS)} {rng.choice(THEMES)} services, output {p + 1}",
            "priority": rng.choices(priorities, [40, 35, 20, 5])[0],
        }
        roll = rng.random()
        if roll < 0.003:
            pass  # an orphan output: an alignment gap
        else:
            parents = [{"code": plan.outcome(home), "weight": 1}]
            if roll < 0.18:  # also serves an outcome of another sector (cross-sector)
                other = rng.randrange(s.outcomes)
                if other != home:
                    parents.append({"code": plan.outcome(other), "weight": 0.3,
                                    "assumption": "Joint work plan agreed between sectors"})
            row["parents"] = parents
        yield row
    for a in range(s.activities):
        output = plan.activity_output[a]
        person = plan.activity_person[a]
        row = {"code": plan.activity(a), "level": "activity",
               "unit": plan.unit_codes[plan.person_unit[person]], "person": plan.person(person),
               "title": f"{rng.choice(VERBS)} work package {a + 1}"}
        roll = rng.random()
        if roll >= 0.002:
            parents = [{"code": plan.output(output)}]
            if roll < 0.05 and output + 1 < s.outputs:
                parents.append({"code": plan.output(output + 1), "weight": 0.5})
            row["parents"] = parents
        yield row


def _computed_sources(plan: _Plan) -> dict[int, list[int]]:
    """Which indicators are computed, from which (by index): the third indicator of every
    fourth outcome sums the indicators of up to three of its outputs, and the third
    indicator of each goal sums those outcome totals (a chain). A small share of the
    indicators, so that loads, dumps and scores exercise computed indicators at scale."""
    s = plan.scale
    top = s.goals + s.outcomes
    rest = s.indicators - 3 * top
    below = s.outputs + s.activities
    if rest <= 0:
        return {}

    def first_indicator_of(result: int) -> int | None:
        i = 3 * top + -(-(result - top) * rest // below)  # ceil
        if i < s.indicators and top + (i - 3 * top) * below // rest == result:
            return i
        return None

    outputs_of: dict[int, list[int]] = {}
    for p, outcome in enumerate(plan.output_outcome):
        if outcome % 4 == 0 and len(outputs_of.setdefault(outcome, [])) < 3:
            source = first_indicator_of(top + p)
            if source is not None:
                outputs_of[outcome].append(source)
    computed: dict[int, list[int]] = {}
    for outcome, sources in sorted(outputs_of.items()):
        if sources:
            computed[3 * (s.goals + outcome) + 2] = sources
    for g in range(s.goals):
        totals = [i for i in computed if (i // 3 - s.goals) % s.goals == g and i // 3 >= s.goals]
        if totals:
            computed[3 * g + 2] = totals
    return computed


def _indicators(plan: _Plan) -> Iterator[dict[str, Any]]:
    """Three per goal and outcome; the rest spread evenly over outputs and activities."""
    s = plan.scale
    rng = plan.rng("indicators")
    top = s.goals + s.outcomes
    top_count = min(3 * top, s.indicators)
    rest = s.indicators - top_count
    below = s.outputs + s.activities
    actual_years = list(YEARS)[: s.actual_years]
    computed = _computed_sources(plan)
    sources = {i for pairs in computed.values() for i in pairs}
    for i in range(s.indicators):
        result = i // 3 if i < top_count else top + (i - top_count) * below // max(rest, 1)
        unit = rng.choices(["number", "percent", "index", "yes_no"], [55, 35, 8, 2])[0]
        if i in sources or i in computed:
            unit = "number"  # totals add up numbers
        row: dict[str, Any] = {
            "code": f"K{i + 1:06d}", "result": plan.result_code(result),
            "name": f"Indicator {i + 1} of {rng.choice(THEMES)}", "unit": unit,
        }
        if i in computed:
            # A total: no actuals, and its baseline and targets computed from its sources'.
            row.update(direction="increase", aggregation="sum", computation="sum",
                       computed_from=[f"K{j + 1:06d}" for j in computed[i]])
            row["name"] = f"Total of {len(computed[i])} indicators below, {row['name']}"
            yield row
            continue
        if unit == "yes_no":
            row.update(direction="increase", aggregation="none",
                       baseline={"year": BASELINE, "value": False},
                       targets={str(END): True},
                       actuals={str(y): rng.random() < 0.5 for y in actual_years})
            yield row
            continue
        direction = rng.choices(["increase", "decrease"], [85, 15])[0]
        if unit == "percent":
            base = round(rng.uniform(10, 80), 1)
            end = min(base + rng.uniform(5, 20), 100.0) if direction == "increase" else \
                max(base - rng.uniform(5, 20), 0.0)
        else:
            base = float(rng.randrange(10, 1000))
            end = base * (rng.uniform(1.1, 1.8) if direction == "increase" else rng.uniform(0.5, 0.9))
        end = round(end, 1)
        pace = rng.choices([1.1, 1.0, 0.85, 0.6, 0.2], [3, 4, 3, 2, 1])[0]
        row.update(
            direction=direction, aggregation="mean" if unit == "percent" else "sum",
            baseline={"year": BASELINE, "value": base},
            targets={str(y): round(base + (end - base) * (y - BASELINE) / (END - BASELINE), 1)
                     for y in (2029, END)},
            actuals={str(y): round(max(base + (end - base) * (y - BASELINE) / (END - BASELINE)
                                       * pace * rng.uniform(0.9, 1.1), 0.0), 1)
                     for y in actual_years},
        )
        if unit == "percent":
            row["actuals"] = {k: min(v, 100.0) for k, v in row["actuals"].items()}
        yield row


def _costs(plan: _Plan) -> Iterator[dict[str, Any]]:
    s = plan.scale
    rng = plan.rng("costs")
    for p in range(s.outputs):
        categories = rng.sample(CATEGORIES, rng.randint(1, 2))
        fund = plan.fund(rng.randrange(s.funds)) if s.funds and rng.random() < 0.25 else None
        for year in YEARS:
            for category in categories:
                yield {"result": plan.output(p), "year": year, "category": category,
                       "source": "regular_budget",
                       "amount": money(rng.randrange(5_000, 400_000, 100))}
            if fund:
                yield {"result": plan.output(p), "year": year,
                       "category": "consultants_contractual", "source": fund,
                       "amount": money(rng.randrange(20_000, 900_000, 100))}


def _allocations(plan: _Plan) -> Iterator[dict[str, Any]]:
    """The owner of each activity works on it for one or two years."""
    rng = plan.rng("allocations")
    for a, person in enumerate(plan.activity_person):
        first = rng.randrange(START, END + 1)
        for year in range(first, min(first + rng.randint(1, 2), END + 1)):
            yield {"person": plan.person(person), "result": plan.activity(a), "year": year,
                   "share": rng.choice([0.1, 0.15, 0.2, 0.25, 0.3])}


def _risks(plan: _Plan) -> Iterator[dict[str, Any]]:
    s = plan.scale
    rng = plan.rng("risks")
    for r in range(s.risks):
        output = rng.randrange(s.outputs)
        unit = plan.output_unit[output]
        likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
        row: dict[str, Any] = {
            "code": f"R{r + 1:05d}", "unit": plan.unit_codes[unit], "result": plan.output(output),
            "category": rng.choice(RISK_CATEGORIES), "title": f"Risk {r + 1} to delivery",
            "likelihood": likelihood, "impact": impact,
            "residual_likelihood": max(1, likelihood - rng.randint(0, 2)),
            "residual_impact": max(1, impact - rng.randint(0, 1)),
        }
        people = plan.people_of.get(unit)
        if people:
            row["owner"] = plan.person(rng.choice(people))
        yield row


def _assumptions(plan: _Plan) -> Iterator[dict[str, Any]]:
    rng = plan.rng("assumptions")
    for i in range(plan.scale.assumptions):
        yield {"result": plan.outcome(rng.randrange(plan.scale.outcomes))
               if rng.random() < 0.5 else plan.output(rng.randrange(plan.scale.outputs)),
               "statement": f"External condition {i + 1} holds",
               "status": rng.choices(["holds", "uncertain", "failed"], [70, 25, 5])[0]}


def _revenue(plan: _Plan) -> Iterator[dict[str, Any]]:
    rng = plan.rng("revenue")
    size = plan.scale.staff * 250_000
    for stream in STREAMS:
        share = rng.uniform(0.01, 0.6)
        for year in YEARS:
            yield {"stream": stream, "year": year,
                   "amount": money(round(size * share * rng.uniform(0.95, 1.05), -3))}


def _action_lines(plan: _Plan) -> Iterator[dict[str, Any]]:
    rng = plan.rng("action-lines")
    for i in range(24):
        yield {"code": f"AL{i + 1:02d}", "area": AREAS[i % 3],
               "title": f"Action line {i + 1}",
               "status": rng.choice(["to_be_started", "ongoing", "completed"]),
               "target": f"{rng.randrange(2027, 2031)}-Q{rng.randint(1, 4)}"}


SECTIONS: list[tuple[str, Callable[[_Plan], Iterator[dict[str, Any]]]]] = [
    ("levels", _levels), ("units", _units), ("grades", _grades), ("people", _people),
    ("funds", _funds), ("results", _results), ("indicators", _indicators), ("costs", _costs),
    ("allocations", _allocations), ("risks", _risks), ("assumptions", _assumptions),
    ("revenue", _revenue), ("action_lines", _action_lines),
]


# -- writing ----------------------------------------------------------------------


def write_plan(scale: str, seed: int, path: Path | str) -> dict[str, int]:
    """Write the plan of ``scale`` ("S", "M" or "L") to ``path``; return record counts."""
    plan = _Plan(SCALES[scale], seed, scale)
    path = Path(path)
    yaml = path.suffix.lower() in {".yaml", ".yml"}
    with path.open("w", encoding="utf-8", newline="\n") as out:
        return (_write_yaml if yaml else _write_json)(plan, out)


def _write_json(plan: _Plan, out: TextIO) -> dict[str, int]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write(f'{{\n"format":{dumps(FORMAT)},\n"cycle":{dumps(_cycle(plan))}')
    counts = {}
    for name, section in SECTIONS:
        out.write(f',\n"{name}":[')
        count = 0
        for row in section(plan):
            out.write(("\n" if count == 0 else ",\n") + dumps(row))
            count += 1
        out.write("\n]" if count else "]")
        counts[name] = count
    out.write("\n}\n")
    return counts


def _write_yaml(plan: _Plan, out: TextIO) -> dict[str, int]:
    # JSON flow mappings are valid YAML; spaces after ':' and ',' keep YAML 1.1
    # parsers happy.
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    out.write(f"format: {dumps(FORMAT)}\ncycle: {dumps(_cycle(plan))}\n")
    counts = {}
    for name, section in SECTIONS:
        count = 0
        for row in section(plan):
            out.write((f"{name}:\n" if count == 0 else "") + f"- {dumps(row)}\n")
            count += 1
        if not count:
            out.write(f"{name}: []\n")
        counts[name] = count
    return counts
