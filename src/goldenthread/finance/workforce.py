"""The workforce behind the plan, over plain numbers (no ORM; see docs/finance.md).

A person brings their capacity (full-time equivalent, FTE) to every year of the
cycle; their allocations take shares of it. A person is *over-allocated* in a year
when their allocations that year add up to more than their capacity. Units are shown
with everything below them (a department with its sections). The *flexible
workforce* is consultants and temporary staff, and anyone working remotely.
Personnel cost is share x the standard cost of the person's grade that year, the rule
of ``costing.personnel_cost_cents``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from goldenthread.finance.costing import (
    ZERO,
    AllocationIn,
    PersonInfo,
    UnitInfo,
    money,
    personnel_cost_cents,
)

CONSULTANT, TEMPORARY, REMOTE = "consultant", "temporary", "remote"
FLEXIBLE_CONTRACTS = (CONSULTANT, TEMPORARY)
#: The groups of the flexible workforce: by contract, then remote staff on other contracts.
FLEXIBLE_GROUPS = (CONSULTANT, TEMPORARY, REMOTE)
NO_GRADE = ""


def flexible_group(person: PersonInfo) -> str | None:
    """consultant, temporary, remote, or None for the core workforce."""
    if person.contract in FLEXIBLE_CONTRACTS:
        return person.contract
    return REMOTE if person.remote else None


def _fte(share_e4: int) -> Decimal:
    return Decimal(share_e4).scaleb(-4)


@dataclass(frozen=True)
class PersonLoad:
    """A person's allocated time against their capacity, by year."""

    code: str
    name: str
    unit: str
    grade: str
    contract: str
    remote: bool
    capacity: Decimal
    allocated: dict[int, Decimal]

    @property
    def over(self) -> dict[int, Decimal]:
        """The years they are over-allocated in, and by how much FTE."""
        return {y: a - self.capacity for y, a in self.allocated.items() if a > self.capacity}

    @property
    def over_allocated(self) -> bool:
        return any(a > self.capacity for a in self.allocated.values())

    @property
    def flexible(self) -> bool:
        return self.contract in FLEXIBLE_CONTRACTS or self.remote


@dataclass(frozen=True)
class UnitLoad:
    """A unit with everything below it: staff, FTE available and allocated by year."""

    code: str
    name: str
    tier: int
    parent: str
    headcount: int
    available: Decimal  # FTE, every year
    allocated: dict[int, Decimal]
    over_allocated: dict[int, int]  # people over-allocated, by year

    def utilisation(self, year: int) -> float | None:
        """Allocated over available FTE in a year (1.0 is fully allocated)."""
        if not self.available:
            return None
        return float(self.allocated.get(year, ZERO) / self.available)


@dataclass(frozen=True)
class GradeDemand:
    """Demand for a grade: who holds it, the time asked of them, and its cost, by year."""

    grade: str  # "" for people with no grade
    headcount: int
    available: Decimal
    allocated: dict[int, Decimal]
    cost: dict[int, Decimal]  # personnel cost of the allocations (none without a grade)


@dataclass(frozen=True)
class FlexibleGroup:
    """A group of the workforce (consultants, temporary, remote, all flexible, everyone)."""

    group: str
    headcount: int
    available: Decimal
    allocated: dict[int, Decimal]
    cost: dict[int, Decimal]
    uncosted: int  # allocations with no standard cost (people with no grade)


@dataclass
class WorkforceReport:
    """Allocated against available FTE, over-allocation, demand by grade, flexible share."""

    years: list[int]
    people: list[PersonLoad]
    units: list[UnitLoad]  # depth first: each unit followed by the units below it
    grades: list[GradeDemand]
    flexible: list[FlexibleGroup]  # the groups, then "flexible" (all of them), then "all"
    contractual: dict[int, Decimal]  # cost lines for consultants and contractual services

    @property
    def over_allocated(self) -> list[PersonLoad]:
        return [p for p in self.people if p.over_allocated]

    def flexible_share(self, year: int) -> float | None:
        """The flexible workforce's share of the FTE allocated in a year."""
        groups = {g.group: g for g in self.flexible}
        everyone = groups["all"].allocated.get(year, ZERO)
        if not everyone:
            return None
        return float(groups["flexible"].allocated.get(year, ZERO) / everyone)


def workforce(
    years: Sequence[int],
    people: Mapping[int, PersonInfo],
    allocations: Sequence[AllocationIn],
    units: Mapping[int, UnitInfo],
    grades: Mapping[int, str],
    grade_costs: Mapping[tuple[int, int], int],
    contractual: Mapping[int, int] | None = None,
) -> WorkforceReport:
    """The workforce report of a cycle (module docstring). ``contractual`` is what the
    plan's cost lines set aside for consultants and contractual services, by year, in
    cents: the cost of flexible workforce that no grade prices."""
    shares: dict[tuple[int, int], int] = defaultdict(int)  # (person, year) -> share e4
    costs: dict[tuple[int, int], int] = defaultdict(int)  # (person, year) -> cents
    uncosted: dict[int, int] = defaultdict(int)  # person -> allocations with no cost
    for pid, _result, year, share_e4 in allocations:
        shares[(pid, year)] += share_e4
        grade = people[pid].grade
        annual = grade_costs.get((grade, year)) if grade is not None else None
        if annual is None:
            uncosted[pid] += 1
        else:
            costs[(pid, year)] += personnel_cost_cents(share_e4, annual)
    by_person: dict[int, dict[int, int]] = defaultdict(dict)
    for (pid, year), share in shares.items():
        by_person[pid][year] = share

    loads = []
    for pid, person in sorted(people.items(), key=lambda item: item[1].code):
        loads.append(PersonLoad(
            code=person.code, name=person.name, unit=units[person.unit].code,
            grade=grades[person.grade] if person.grade is not None else NO_GRADE,
            contract=person.contract, remote=person.remote, capacity=person.capacity,
            allocated={y: _fte(s) for y, s in sorted(by_person.get(pid, {}).items())},
        ))
    return WorkforceReport(
        years=list(years),
        people=loads,
        units=_units(years, people, units, by_person),
        grades=_grades(years, people, grades, by_person, costs),
        flexible=_flexible(years, people, by_person, costs, uncosted),
        contractual={y: money(c) for y, c in sorted((contractual or {}).items())},
    )


def _units(
    years: Sequence[int], people: Mapping[int, PersonInfo], units: Mapping[int, UnitInfo],
    by_person: Mapping[int, Mapping[int, int]],
) -> list[UnitLoad]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for uid, unit in units.items():
        children[unit.parent if unit.parent in units else None].append(uid)
    headcount: dict[int, int] = defaultdict(int)
    capacity: dict[int, Decimal] = defaultdict(lambda: ZERO)
    allocated: dict[tuple[int, int], int] = defaultdict(int)
    over: dict[tuple[int, int], int] = defaultdict(int)
    for pid, person in people.items():
        # Each person counts in their unit and every unit above it.
        node: int | None = person.unit
        chain = []
        while node is not None and node in units:
            chain.append(node)
            node = units[node].parent
        person_years = by_person.get(pid, {})
        for uid in chain:
            headcount[uid] += 1
            capacity[uid] += person.capacity
            for year, share in person_years.items():
                allocated[(uid, year)] += share
                if _fte(share) > person.capacity:
                    over[(uid, year)] += 1
    rows: list[UnitLoad] = []
    stack = sorted(children[None], key=lambda u: units[u].code, reverse=True)
    while stack:
        uid = stack.pop()
        unit = units[uid]
        rows.append(UnitLoad(
            code=unit.code, name=unit.name, tier=unit.tier,
            parent=units[unit.parent].code if unit.parent in units else "",  # type: ignore[index]
            headcount=headcount[uid], available=capacity[uid],
            allocated={y: _fte(allocated[(uid, y)]) for y in years if (uid, y) in allocated},
            over_allocated={y: over[(uid, y)] for y in years if over.get((uid, y))},
        ))
        stack.extend(sorted(children[uid], key=lambda u: units[u].code, reverse=True))
    return rows


def _grades(
    years: Sequence[int], people: Mapping[int, PersonInfo], grades: Mapping[int, str],
    by_person: Mapping[int, Mapping[int, int]], costs: Mapping[tuple[int, int], int],
) -> list[GradeDemand]:
    headcount: dict[str, int] = defaultdict(int)
    capacity: dict[str, Decimal] = defaultdict(lambda: ZERO)
    allocated: dict[tuple[str, int], int] = defaultdict(int)
    cost: dict[tuple[str, int], int] = defaultdict(int)
    for pid, person in people.items():
        grade = grades[person.grade] if person.grade is not None else NO_GRADE
        headcount[grade] += 1
        capacity[grade] += person.capacity
        for year, share in by_person.get(pid, {}).items():
            allocated[(grade, year)] += share
            cost[(grade, year)] += costs.get((pid, year), 0)
    return [
        GradeDemand(
            grade=grade, headcount=headcount[grade], available=capacity[grade],
            allocated={y: _fte(allocated[(grade, y)]) for y in years if (grade, y) in allocated},
            cost={y: money(cost[(grade, y)]) for y in years if cost.get((grade, y))},
        )
        for grade in sorted(headcount, key=lambda g: (g == NO_GRADE, g))
    ]


def _flexible(
    years: Sequence[int], people: Mapping[int, PersonInfo], by_person: Mapping[int, Mapping[int, int]],
    costs: Mapping[tuple[int, int], int], uncosted: Mapping[int, int],
) -> list[FlexibleGroup]:
    names = (*FLEXIBLE_GROUPS, "flexible", "all")
    headcount: dict[str, int] = defaultdict(int)
    capacity: dict[str, Decimal] = defaultdict(lambda: ZERO)
    allocated: dict[tuple[str, int], int] = defaultdict(int)
    cost: dict[tuple[str, int], int] = defaultdict(int)
    missing: dict[str, int] = defaultdict(int)
    for pid, person in people.items():
        group = flexible_group(person)
        groups = ("all",) if group is None else (group, "flexible", "all")
        for name in groups:
            headcount[name] += 1
            capacity[name] += person.capacity
            missing[name] += uncosted.get(pid, 0)
            for year, share in by_person.get(pid, {}).items():
                allocated[(name, year)] += share
                cost[(name, year)] += costs.get((pid, year), 0)
    return [
        FlexibleGroup(
            group=name, headcount=headcount[name], available=capacity[name],
            allocated={y: _fte(allocated[(name, y)]) for y in years if (name, y) in allocated},
            cost={y: money(cost[(name, y)]) for y in years if (name, y) in cost},
            uncosted=missing[name],
        )
        for name in names
    ]

