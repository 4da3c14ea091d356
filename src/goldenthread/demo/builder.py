"""The demo organisation as a plan document (``goldenthread-plan/1``).

``demo_document()`` assembles the hand-written facts of ``facts.py`` (goals,
thematic priorities, outcomes and their indicators, units, outputs, risks,
the resource-mobilisation action lines) and derives the rest with a seeded
random generator, so the plan is the same on every machine: staff and their
grades, activities owned by people (tier-4 work-plan items), staff time
allocations, non-staff costs by category and funding source, and actuals for
2028 and the first half of 2029, some on track and some clearly not.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from goldenthread.demo import facts
from goldenthread.demo.facts import IndicatorFact, OutputFact, ResultFact
from goldenthread.indicators.scoring import is_flow

FORMAT = "goldenthread-plan/1"
DEMO_SEED = 2028
START, END, BASELINE = facts.START_YEAR, facts.END_YEAR, facts.BASELINE_YEAR
YEARS = range(START, END + 1)
# Actuals reported so far: the whole of 2028 and the first two quarters of 2029.
REPORTED_YEAR = 2028
REPORTED_QUARTERS = [(2028, 1), (2028, 2), (2028, 3), (2028, 4), (2029, 1), (2029, 2)]
# Reported by the units on time only (facts.LATE_IN_2029_Q3 have not yet).
LATE_QUARTER = (2029, 3)

CENT = Decimal("0.01")
VOLUNTARY = "voluntary_contributions"
# Voluntary contributions earmarked by donors to the outcomes their funds serve (CHF in
# 2028, growing like voluntary contributions); a little below those outcomes'
# extrabudgetary costs, so the funding gap shows earmarks and pooled revenue at work.
EARMARKED_2028 = {"O2.3": 800_000, "O3.1": 4_200_000, "O5.1": 1_300_000, "O6.3": 450_000}


def money(value: Decimal | int | float) -> str:
    """An amount as the plan file writes it: a decimal string with two places."""
    return str(Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP))


def _round_to(value: float, step: int) -> int:
    return round(value / step) * step


def demo_document(seed: int = DEMO_SEED) -> dict[str, Any]:
    """The demo plan SP2028, identical for a given seed."""
    return _Builder(random.Random(seed), random.Random(seed + 2)).build()


class _Builder:
    def __init__(self, rng: random.Random, grade_rng: random.Random) -> None:
        self.rng = rng
        self.grade_rng = grade_rng  # the grades of temporary posts (facts.CONSULTANT_UNITS)
        self.unit_tier: dict[str, int] = {}
        self.people: list[dict[str, Any]] = []
        self.staff_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.results: list[dict[str, Any]] = []
        self.indicators: list[dict[str, Any]] = []
        self.costs: list[dict[str, Any]] = []
        self.allocations: dict[tuple[str, str, int], int] = {}  # (person, result, year) -> %
        self.used: dict[tuple[str, int], int] = defaultdict(int)  # (person, year) -> % of a year

    def build(self) -> dict[str, Any]:
        units = self._units()
        grades = self._grades()
        self._people()
        self._strategic_results()
        activities = self._outputs_and_activities()
        self._allocate(activities)
        self._over_allocate()
        self._computed_indicators()  # last, so the random draws above stay as they were
        self._added_indicators()  # and after them, for the same reason
        return {
            "format": FORMAT,
            "cycle": dict(facts.CYCLE),
            "levels": [dict(level) for level in facts.LEVELS],
            "units": units,
            "grades": grades,
            "people": self.people,
            "funds": [f._asdict() for f in facts.FUNDS],
            "results": self.results,
            "indicators": self.indicators,
            "costs": self.costs,
            "allocations": self._allocation_rows(),
            "risks": self._risks(),
            "assumptions": [
                {"result": a.result, "statement": a.statement, "status": a.status,
                 "last_reviewed": a.last_reviewed}
                for a in facts.ASSUMPTIONS
            ],
            "revenue": self._revenue(),
            "action_lines": self._action_lines(),
        }

    # -- organisation ---------------------------------------------------------

    def _units(self) -> list[dict[str, Any]]:
        rows = []
        for unit in facts.UNITS:
            self.unit_tier[unit.code] = 1 if unit.parent is None else self.unit_tier[unit.parent] + 1
            row: dict[str, Any] = {"code": unit.code, "name": unit.name}
            if unit.parent:
                row["parent"] = unit.parent
            rows.append(row)
        return rows

    def _grades(self) -> list[dict[str, Any]]:
        escalation = 1 + Decimal(facts.GRADE_ESCALATION)
        rows = []
        for code, name, cost in facts.GRADES:
            annual = {}
            amount = Decimal(cost)
            for year in YEARS:
                annual[str(year)] = money(_round_to(float(amount), 100))
                amount *= escalation
            rows.append({"code": code, "name": name, "annual_cost": annual})
        return rows

    def _people(self) -> None:
        rng = self.rng
        accounts = {a.unit: a for a in facts.DEMO_ACCOUNTS if a.unit}
        used_names = {a.person_name for a in accounts.values()}
        grades, grade_weights = zip(*facts.GRADE_MIX.items(), strict=True)
        contracts, contract_weights = zip(*facts.CONTRACT_MIX.items(), strict=True)
        number = 0
        for unit in facts.UNITS:
            for i in range(unit.staff):
                number += 1
                account = accounts.get(unit.code) if i == 1 else None
                if account is not None:
                    name, grade, contract, capacity, remote = (
                        account.person_name, account.grade, "fixed_term", 1.0, False
                    )
                else:
                    name = self._new_name(used_names)
                    if i == 0:
                        grade, contract = facts.UNIT_HEAD_GRADE[self.unit_tier[unit.code]], "continuing"
                    else:
                        contract = rng.choices(contracts, contract_weights)[0]
                        grade = "" if contract == "consultant" else rng.choices(grades, grade_weights)[0]
                    capacity = rng.choices([1.0, 0.8, 0.5], [88, 8, 4])[0]
                    if contract == "consultant":
                        capacity = rng.choice([1.0, 0.5, 0.8])
                        if unit.code not in facts.CONSULTANT_UNITS:
                            contract = "temporary"
                            grade = self.grade_rng.choice(facts.TEMPORARY_GRADES)
                    remote = rng.random() < (0.5 if contract == "consultant" else 0.03)
                    if i == 0:  # heads of unit work full time on site
                        capacity, remote = 1.0, False
                person: dict[str, Any] = {
                    "code": f"S{number:04d}", "name": name, "unit": unit.code,
                    "capacity": capacity, "contract": contract, "remote": remote,
                    "email": _email(name),
                }
                if grade:
                    person["grade"] = grade
                self.people.append(person)
                self.staff_of[unit.code].append(person)

    def _new_name(self, used: set[str]) -> str:
        while True:
            name = f"{self.rng.choice(facts.GIVEN_NAMES)} {self.rng.choice(facts.FAMILY_NAMES)}"
            if name not in used:
                used.add(name)
                return name

    # -- results and indicators -------------------------------------------------

    def _result(self, fact: ResultFact, level: str, **extra: Any) -> dict[str, Any]:
        row: dict[str, Any] = {"code": fact.code, "level": level, "title": fact.title,
                               "unit": fact.unit}
        if fact.description:
            row["description"] = fact.description
        tags = list(fact.tags) + [f"SDG {i.sdg}" for i in fact.indicators if i.sdg]
        if tags:
            row["tags"] = tags
        if fact.parents:
            row["parents"] = [{"code": code, "weight": weight} for code, weight in fact.parents]
        row.update(extra)
        self.results.append(row)
        return row

    def _strategic_results(self) -> None:
        for fact in facts.GOALS:
            self._result(fact, "goal")
        for fact in facts.PRIORITIES:
            self._result(fact, "priority")
        for fact in facts.OUTCOMES:
            self._result(fact, "outcome", method="weighted_mean")
        for fact in [*facts.GOALS, *facts.OUTCOMES]:
            for indicator in fact.indicators:
                self._indicator(indicator, fact.code, fact.unit)

    def _responsible(self, unit: str) -> str:
        staff = [p for p in self.staff_of[unit] if p.get("grade", "").startswith("P")]
        chosen = self.rng.choice(staff or self.staff_of[unit])["code"]
        # A demo reporter answers for their unit's indicators, so they have work to do.
        reporter = facts.REPORTERS.get(unit)
        mine = [p["code"] for p in self.staff_of[unit] if p["name"] == reporter]
        return mine[0] if mine else chosen

    def _indicator(self, fact: IndicatorFact, result: str, unit: str) -> None:
        row: dict[str, Any] = {
            "code": fact.code, "result": result, "name": fact.name, "unit": fact.unit,
            "direction": fact.direction, "aggregation": fact.aggregation,
            "frequency": fact.frequency, "responsible": self._responsible(unit),
        }
        for key, value in (("definition", fact.definition), ("sdg", fact.sdg),
                           ("means_of_verification", fact.verification),
                           ("collection_method", fact.method)):
            if value:
                row[key] = value
        row["baseline"] = {"year": BASELINE, "value": fact.baseline}
        row["targets"], row["actuals"] = self._values(fact, on_time=unit not in facts.LATE_IN_2029_Q3)
        self.indicators.append(row)

    def _values(self, fact: IndicatorFact, on_time: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
        """Targets on the straight line from baseline to endline; actuals at ``pace``. A
        quarterly indicator of a unit ``on_time`` has its 2029-Q3 report in too, drawn from
        a generator of its own so that the rest of the demo stays as it was."""
        if fact.unit == "yes_no":
            return (
                {str(y): bool(fact.endline) for y in YEARS if y > START},
                {str(REPORTED_YEAR): bool(fact.pace >= 1)},
            )
        if fact.unit == "qualitative":
            return {str(END): fact.endline}, {
                str(REPORTED_YEAR): "Outputs of the Bureaux linked to outcomes; activities "
                "linked in the Telecommunication Development Bureau only"
            }
        base, end = float(fact.baseline), float(fact.endline)  # type: ignore[arg-type]
        span = END - BASELINE

        def planned(t: float) -> float:
            return base + (end - base) * (t - BASELINE) / span

        def shape(value: float) -> float | int:
            if fact.unit == "percent":
                value = min(max(value, 0.0), 100.0)
            value = max(value, 0.0)
            if fact.decimals == 0:
                return round(value)
            return round(value, fact.decimals)

        noise = abs(end - base) * 0.02 or abs(base) * 0.01

        def actual(t: float, rng: random.Random = self.rng) -> float | int:
            return shape(base + (planned(t) - base) * fact.pace + rng.gauss(0, noise))

        def quarter_value(year: int, quarter: int, rng: random.Random) -> float | int:
            if fact.aggregation == "sum":  # a flow: a quarter holds a quarter of the year
                flow = (base + (planned(year) - base) * fact.pace) / 4
                return shape(flow * (1 + rng.gauss(0, 0.05)))
            return actual(year - 1 + quarter / 4, rng)  # a level: where it stood at the end

        targets: dict[str, Any] = {str(y): shape(planned(y)) for y in fact.target_years or YEARS}
        actuals: dict[str, Any] = {str(REPORTED_YEAR): actual(REPORTED_YEAR)}
        if fact.frequency == "quarterly":
            for year, quarter in REPORTED_QUARTERS:
                actuals[f"{year}-Q{quarter}"] = quarter_value(year, quarter, self.rng)
            _agree_with_year(actuals, flow=is_flow(fact.unit, fact.aggregation),
                             decimals=fact.decimals)
            if on_time:
                year, quarter = LATE_QUARTER
                own = random.Random(f"{LATE_QUARTER} {fact.code}")
                actuals[f"{year}-Q{quarter}"] = quarter_value(year, quarter, own)
        return targets, actuals

    def _computed_indicators(self) -> None:
        """Totals computed from the outputs' indicators, as programme managers keep them.

        O6.1's people trained in digital skills is the sum of the people trained by the
        three outputs that train (two of them get an indicator for it here); its baseline
        and targets are computed from theirs. O5.1's cybersecurity deliverables since the
        start of the cycle is the running total of its two main outputs' deliverables,
        counted from 0 in the baseline year.
        """
        for output, fact in facts.TRAINING_INDICATORS:
            self._indicator(fact, output, _OUTPUT_UNITS[output])
        self.indicators.append({
            "code": "K-O6.1c", "result": "O6.1",
            "name": "People trained in digital skills through the outcome's outputs "
                    "(radiocommunication seminars, EQUALS, Digital Transformation Centres)",
            "unit": "number", "direction": "increase", "aggregation": "sum",
            "responsible": self._responsible("BDT"),
            "definition": "Computed: the sum of the people trained by OP1.3.1, OP6.1.2 and "
                          "OP6.1.3, as each output reports them.",
            "means_of_verification": "The outputs' training records: BR seminar attendance "
                                     "lists, EQUALS partner returns, Digital Transformation "
                                     "Centres' completion lists",
            "collection_method": "Computed each period from the three outputs' approved "
                                 "actuals; nobody enters it.",
            "computation": "sum", "computed_from": ["K-OP1.3.1", "K-OP6.1.2", "K-OP6.1.3b"],
        })
        self.indicators.append({
            "code": "K-O5.1c", "result": "O5.1",
            "name": "National cybersecurity strategies and CIRT assessments delivered since "
                    "the start of the cycle",
            "unit": "number", "direction": "increase", "aggregation": "cumulative",
            "responsible": self._responsible("BDT"),
            "definition": "Computed: the running total of the strategies drafted (OP5.1.1) "
                          "and the CIRT assessments completed (OP5.1.2) each year.",
            "means_of_verification": "Strategy drafts handed to governments and accepted CIRT "
                                     "assessment reports, as OP5.1.1 and OP5.1.2 report them",
            "collection_method": "Computed each period from the two outputs' approved actuals, "
                                 "added to the total of the periods before.",
            "computation": "cumulative", "computed_from": ["K-OP5.1.1", "K-OP5.1.2"],
            "baseline": {"year": BASELINE, "value": 0},
        })

    def _added_indicators(self) -> None:
        """The indicators written after the first draft of the plan: the orphan output's
        (a deliberate gap of the alignment report), the outputs' that had none, and the
        thematic priorities' own."""
        output, fact = facts.ORPHAN_INDICATOR
        self._indicator(fact, output, _OUTPUT_UNITS[output])
        for output_fact in facts.OUTPUTS:
            added = facts.ADDED_OUTPUT_INDICATORS.get(output_fact.code)
            if added is not None:
                self._output_indicator(output_fact._replace(indicator=added))
        for priority in facts.PRIORITIES:
            self._indicator(facts.PRIORITY_INDICATORS[priority.code], priority.code, priority.unit)

    # -- outputs, activities, costs -------------------------------------------

    def _outputs_and_activities(self) -> list[dict[str, Any]]:
        activities: list[dict[str, Any]] = []
        owner_turn: dict[str, int] = defaultdict(int)
        for output in facts.OUTPUTS:
            row: dict[str, Any] = {
                "code": output.code, "level": "output", "title": output.title,
                "unit": output.unit, "priority": output.priority, "status": output.status,
            }
            tags = []
            if output.unit.startswith("RO-"):
                tags.append("regional initiative")
            if output.fund:
                tags.append("extrabudgetary")
            if tags:
                row["tags"] = tags
            if output.parents:
                parents = []
                for code, weight in output.parents:
                    link: dict[str, Any] = {"code": code, "weight": weight}
                    owner = _owner_of(code)
                    if _bureau(output.unit) != owner:  # a cross-sector link
                        link["assumption"] = (
                            f"{output.unit} and {owner} agree a joint work plan for this output"
                        )
                    parents.append(link)
                row["parents"] = parents
            self.results.append(row)
            if output.indicator:
                self._output_indicator(output)
            self._output_costs(output)

            staff = self.staff_of[output.unit]
            count = min(3 + len(staff) // 10, 5)
            for n, kind in enumerate(self.rng.sample(facts.ACTIVITY_KINDS, count), start=1):
                # Owners take turns after the head of unit, who owns the first activity
                # of the unit's first output only.
                turn = owner_turn[output.unit]
                owner_turn[output.unit] += 1
                person = staff[0] if turn == 0 else staff[1 + (turn - 1) % (len(staff) - 1)]
                code = f"A{output.code.removeprefix('OP')}.{n}"
                activity = {
                    "code": code, "level": "activity", "title": f"{kind}: {output.topic}",
                    "unit": person["unit"], "person": person["code"],
                    "parents": [{"code": output.code}],
                }
                if output.status == "draft":
                    activity["status"] = "draft"
                self.results.append(activity)
                activities.append(activity)
        # A tier-4 objective nobody linked to an output: an alignment gap.
        person = self.staff_of["GS-HRMD"][3]
        orphan = {
            "code": "A-X3.1", "level": "activity", "unit": person["unit"],
            "person": person["code"],
            "title": "Ad hoc support to internal working groups",
        }
        self.results.append(orphan)
        activities.append(orphan)
        return activities

    def _output_indicator(self, output: OutputFact) -> None:
        assert output.indicator is not None
        sheet = output.indicator
        unit, base, end = sheet.unit, sheet.baseline, sheet.endline
        pace = self.rng.choices([1.15, 1.0, 0.9, 0.75, 0.4, 0.1], [2, 4, 3, 2, 2, 1])[0]
        direction = "increase" if end > base else "decrease" if end < base else "maintain"
        # Counts of deliverables are flows that add up; a duration or a steady
        # state is averaged, unless the sheet says otherwise.
        aggregation = sheet.aggregation or ("sum" if direction == "increase" else "mean")
        frequency = self.rng.choice(["annual", "quarterly"])
        fact = IndicatorFact(f"K-{output.code}", sheet.name, unit, direction, aggregation, base, end,
                             pace, frequency, decimals=0, definition=sheet.definition,
                             verification=sheet.verification, method=sheet.method)
        self._indicator(fact, output.code, output.unit)

    def _output_costs(self, output: OutputFact) -> None:
        rng = self.rng
        for year in YEARS:
            growth = 1.02 ** (year - START)
            budget = output.budget * growth * rng.uniform(0.85, 1.15)
            for category, share in facts.COST_MIX.items():
                amount = _round_to(budget * share * rng.uniform(0.7, 1.3), 100)
                if amount:
                    self.costs.append({
                        "result": output.code, "year": year, "category": category,
                        "source": "regular_budget", "amount": money(amount),
                    })
            if output.fund:
                direct = output.fund_budget * rng.uniform(0.7, 1.2)
                consultants = _round_to(direct * 0.6, 100)
                travel = _round_to(direct * 0.4, 100)
                support = _round_to((consultants + travel) * float(facts.PROGRAMME_SUPPORT_RATE), 100)
                for category, amount in (("consultants_contractual", consultants),
                                         ("travel_events", travel),
                                         ("indirect_support", support)):
                    cost = {"result": output.code, "year": year, "category": category,
                            "source": output.fund, "amount": money(amount)}
                    if category == "indirect_support":
                        cost["description"] = "Programme support costs"
                    self.costs.append(cost)

    # -- staff time -------------------------------------------------------------

    def _capacity(self, person: dict[str, Any]) -> int:
        return round(person["capacity"] * 100)

    def _give(self, person: dict[str, Any], result: str, year: int, wanted: int) -> None:
        """Allocate up to ``wanted`` % of a year, never beyond the person's capacity."""
        free = self._capacity(person) - self.used[(person["code"], year)]
        share = min(wanted, free)
        if share < 5:
            return
        self.allocations[(person["code"], result, year)] = share
        self.used[(person["code"], year)] += share

    def _allocate(self, activities: list[dict[str, Any]]) -> None:
        rng = self.rng
        by_code = {p["code"]: p for p in self.people}
        for activity in activities:
            owner = by_code[activity["person"]]
            colleagues = [p for p in self.staff_of[owner["unit"]] if p is not owner]
            team = rng.sample(colleagues, min(len(colleagues), rng.randint(3, 5)))
            years = list(YEARS)
            if activity.get("status") == "draft":
                years = years[2:]  # planned for later in the cycle
            for year in years:
                self._give(owner, activity["code"], year, rng.choice([30, 40, 50, 60]))
                for member in team:
                    self._give(member, activity["code"], year, rng.choice([15, 20, 25, 30, 40]))

    def _over_allocate(self) -> None:
        """Push one person per listed unit past capacity in 2029 and 2030."""
        for unit, extra in facts.OVER_ALLOCATED:
            person = max(
                self.staff_of[unit][1:],
                key=lambda p: (self.used[(p["code"], 2029)], p["code"]),
            )
            for year in (2029, 2030):
                mine = sorted(k for k in self.allocations if k[0] == person["code"] and k[2] == year)
                if not mine:
                    continue
                key = mine[0]
                add = self._capacity(person) - self.used[(person["code"], year)] + int(extra * 100)
                self.allocations[key] = min(100, self.allocations[key] + add)
                self.used[(person["code"], year)] += add

    def _allocation_rows(self) -> list[dict[str, Any]]:
        return [
            {"person": person, "result": result, "year": year, "share": share / 100}
            for (person, result, year), share in self.allocations.items()
        ]

    # -- risks, revenue, mobilisation ---------------------------------------------

    def _risks(self) -> list[dict[str, Any]]:
        rows = []
        for risk in facts.RISKS:
            row: dict[str, Any] = {
                "code": risk.code, "unit": risk.unit, "category": risk.category,
                "title": risk.title, "likelihood": risk.likelihood, "impact": risk.impact,
                "residual_likelihood": risk.residual_likelihood,
                "residual_impact": risk.residual_impact,
                "owner": self.staff_of[risk.unit][0]["code"], "treatment": risk.treatment,
                "status": risk.status, "last_reviewed": risk.last_reviewed,
            }
            if risk.result:
                row["result"] = risk.result
            rows.append(row)
        return rows

    def _revenue(self) -> list[dict[str, Any]]:
        """Revenue by stream; part of the voluntary contributions is earmarked to the
        outcomes donors fund (``EARMARKED_2028``), the rest is unearmarked."""
        rows = []
        for stream, (amount, change) in facts.REVENUE_2028.items():
            growth = 1 + Decimal(change)
            value = Decimal(amount)
            for year in YEARS:
                total = _round_to(float(value), 1000)
                if stream == VOLUNTARY:
                    scale = growth ** (year - START)
                    earmarked = {
                        outcome: _round_to(float(Decimal(share) * scale), 1000)
                        for outcome, share in EARMARKED_2028.items()
                    }
                    for outcome, part in earmarked.items():
                        rows.append({"stream": stream, "year": year, "amount": money(part),
                                     "outcome": outcome})
                    total -= sum(earmarked.values())
                rows.append({"stream": stream, "year": year, "amount": money(total)})
                value *= growth
        return rows

    def _action_lines(self) -> list[dict[str, Any]]:
        rows = []
        for line in facts.ACTION_LINES:
            row = {"code": line.code, "area": line.area, "title": line.title,
                   "status": line.status, "target": line.target, "owner": line.owner}
            if line.milestone:
                row["milestone"] = line.milestone
            rows.append(row)
        return rows


_OWNERS = {f.code: f.unit for f in [*facts.GOALS, *facts.PRIORITIES, *facts.OUTCOMES]}
_OUTPUT_UNITS = {f.code: f.unit for f in facts.OUTPUTS}


def _owner_of(result_code: str) -> str:
    return _OWNERS[result_code]


def _bureau(unit_code: str) -> str:
    """The tier-2 unit a department or regional office belongs to."""
    parents = {u.code: u.parent for u in facts.UNITS}
    code = unit_code
    while parents.get(code) and parents[code] != "ITU":
        code = parents[code] or code
    return code


def _agree_with_year(actuals: dict[str, Any], *, flow: bool, decimals: int) -> None:
    """Make the quarters of the reported year agree with its yearly value, as the product
    reads them (``scoring.is_flow``): a flow's four quarters add up to the year, shared in
    proportion to the quarters drawn (largest remainders get the last units, at the
    indicator's precision); a level's year is where it stood at the end of its last
    quarter. The yearly value, which the year's score is computed from, is kept."""
    keys = [f"{REPORTED_YEAR}-Q{quarter}" for quarter in range(1, 5)]
    if str(REPORTED_YEAR) not in actuals or not all(key in actuals for key in keys):
        return
    year = actuals[str(REPORTED_YEAR)]
    if not flow:
        actuals[keys[-1]] = year
        return
    scale = 10**decimals
    total = round(Decimal(str(year)) * scale)
    weights = [Decimal(str(actuals[key])) for key in keys]
    if sum(weights) <= 0:
        weights = [Decimal(1)] * len(keys)
    exact = [total * w / sum(weights) for w in weights]
    units = [int(e) for e in exact]  # floors: the values are not negative
    by_remainder = sorted(range(len(keys)), key=lambda i: (-(exact[i] - units[i]), i))
    for i in by_remainder[: total - sum(units)]:
        units[i] += 1
    for key, unit in zip(keys, units, strict=True):
        actuals[key] = unit if decimals == 0 else float(Decimal(unit) / scale)


def _email(name: str) -> str:
    local = re.sub(r"[^a-z.]", "", name.lower().replace(" ", "."))
    return f"{local}@itu.example"


def demo_ledger(document: dict[str, Any], seed: int = DEMO_SEED) -> list[dict[str, Any]]:
    """The demo's ledger (``finance.Transaction`` rows by code), derived from the cost lines
    of ``document``: for each output's cost line of 2028 a payment a quarter, adding up to
    a share of the line drawn in ``LEDGER_SPENT_2028``; for 2029, payments in the first two
    quarters, adding up to a share in ``LEDGER_SPENT_2029_H1``. Same seed, same ledger."""
    rng = random.Random(seed + 1)
    owner = {r["code"]: r["unit"] for r in document["results"]}
    currency = str(document["cycle"].get("currency", "CHF"))
    rows: list[dict[str, Any]] = []
    spend = {REPORTED_YEAR: (facts.LEDGER_SPENT_2028, 4), REPORTED_YEAR + 1: (facts.LEDGER_SPENT_2029_H1, 2)}
    for line in document["costs"]:
        year = int(line["year"])
        if year not in spend or line["result"] not in owner:
            continue
        (low, high), quarters = spend[year]
        total = Decimal(line["amount"]) * Decimal(str(round(rng.uniform(low, high), 3)))
        weights = [rng.uniform(0.6, 1.4) for _ in range(quarters)]
        paid = Decimal(0)
        for quarter, weight in enumerate(weights, start=1):
            if quarter < quarters:
                amount = (total * Decimal(str(weight / sum(weights)))).quantize(CENT)
            else:
                amount = total.quantize(CENT) - paid
            paid += amount
            if amount <= 0:
                continue
            rows.append({
                "date": f"{year}-{3 * quarter - 1:02d}-{rng.randint(3, 27):02d}",
                "amount": str(amount), "currency": currency, "category": line["category"],
                "source": line["source"], "unit": owner[line["result"]], "output": line["result"],
                "vendor": rng.choice(facts.LEDGER_VENDORS.get(line["category"], ["Various"])),
            })
    return rows
