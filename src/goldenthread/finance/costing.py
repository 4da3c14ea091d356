"""Costing and the financial plan, over plain numbers (no ORM; see docs/finance.md).

Every cost of a plan sits on a result: a *cost line* (an estimate by year, category
and funding source, usually on an output) or an *allocation* (a share of a person's
year on a result, usually an activity, costing share x the standard cost of their
grade that year). This module carries every cost up the results cascade:

1. **to outputs**: a cost on an output stays there; a cost below (on an activity)
   climbs its links to the output(s) it serves, split by link weight;
2. **to outcomes**: each output's cost climbs to the outcome(s) it serves, split by
   link weight, through any intermediate level.

Levels are told apart by their RBM *kind* (``output``, ``outcome``), never by their
codes. Weights are normalised at each step over the parents that lead somewhere, so
an output serving outcome A with weight 1 and outcome B with weight 0.5 gives A two
thirds and B one third. Every split is exact to the cent (largest remainder,
deterministic: ties go to the lower code), so the sum over outcomes equals the sum
over outputs, always. A cost that reaches no output, or an output that reaches no
outcome, is reported as *unattributed*, never dropped.

Amounts are integer cents inside the loops and ``Decimal`` at the edges.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from goldenthread.finance.choices import CostCategory

N = TypeVar("N", int, "npt.NDArray[np.int64]")
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
PERSONNEL = CostCategory.PERSONNEL.value
SHARE_SCALE = 10_000  # allocation shares keep 4 decimal places
WEIGHT_SCALE = 10_000  # so do link weights

OUTPUT, OUTCOME, IMPACT = "output", "outcome", "impact"

# Why a cost is unattributed.
NOT_ON_OUTPUT = "not_on_output"
NO_OUTCOME = "no_outcome"
UNATTRIBUTED_REASONS = {
    NOT_ON_OUTPUT: "sits on a result that serves no output",
    NO_OUTCOME: "on an output that serves no outcome",
}
# Why an allocation has no cost.
NO_GRADE = "no_grade"
NO_STANDARD_COST = "no_standard_cost"


# ------------------------------------------------------------------------ amounts


def to_cents(amount: Decimal) -> int:
    """An amount with at most two decimal places as integer cents."""
    return int(amount.quantize(CENT, rounding=ROUND_HALF_UP).scaleb(2))


def money(cents: int) -> Decimal:
    """Integer cents as a ``Decimal`` with two places."""
    return Decimal(cents).scaleb(-2)


def personnel_cost_cents(share_e4: N, annual_cost_cents: N) -> N:
    """share (in ten-thousandths of a year) x a grade's annual cost (in cents), to the
    cent, halves rounded up: the one rule for the personnel cost of an allocation.
    Works alike on integers and on arrays of 64-bit integers (a share is at most 10,000
    and an annual cost below 10^14 cents, so the product stays below 2^63)."""
    return (share_e4 * annual_cost_cents + SHARE_SCALE // 2) // SHARE_SCALE  # type: ignore[no-any-return]


def personnel_cost(share: Decimal, annual_cost: Decimal) -> Decimal:
    """The personnel cost of a share of a year at a grade's annual cost."""
    return money(personnel_cost_cents(int(share * SHARE_SCALE), to_cents(annual_cost)))


def _split(amount: int, weights: Sequence[int], total: int) -> list[int]:
    """Largest remainder over integer weights adding up to ``total`` (amount >= 0)."""
    parts: list[int] = []
    remainders: list[int] = []
    for weight in weights:
        quotient, remainder = divmod(amount * weight, total)
        parts.append(quotient)
        remainders.append(remainder)
    left = amount - sum(parts)
    if left:
        order = sorted(range(len(parts)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            parts[i] += 1
    return parts


def _integer_weights(fractions: Sequence[Fraction]) -> tuple[list[int], int]:
    """Fractions as integer weights over their least common denominator."""
    denominator = math.lcm(*(f.denominator for f in fractions))
    weights = [f.numerator * (denominator // f.denominator) for f in fractions]
    return weights, sum(weights)


def split_cents(amount: int, weights: Sequence[Fraction | Decimal | int]) -> list[int]:
    """Split ``amount`` cents in proportion to ``weights``, exactly.

    Largest remainder (Hamilton) method: everyone gets the whole cents of their exact
    share; the cents left over go one each to the largest fractional parts, ties to the
    earlier position. The parts always add up to ``amount``. Callers order the weights
    (by code) so the result is deterministic. The arithmetic is on integers.
    """
    if amount < 0:
        return [-part for part in split_cents(-amount, weights)]
    fractions = [Fraction(w) for w in weights]
    if any(w < 0 for w in fractions):
        raise ValueError("weights cannot be negative")
    whole, total = _integer_weights(fractions)
    if total == 0:
        raise ValueError("cannot split by weights that add up to zero")
    if len(whole) == 1:
        return [amount]
    return _split(amount, whole, total)


def split_money(amount: Decimal, weights: Sequence[Fraction | Decimal | int]) -> list[Decimal]:
    """``split_cents`` for a ``Decimal`` amount with at most two places."""
    return [money(part) for part in split_cents(to_cents(amount), weights)]


# -------------------------------------------------------------------------- inputs


class ResultInfo(NamedTuple):
    code: str
    title: str
    kind: str  # the RBM kind of its level
    unit: int
    priority: str


class UnitInfo(NamedTuple):
    code: str
    name: str
    parent: int | None
    tier: int


class FundInfo(NamedTuple):
    code: str
    name: str
    is_regular: bool


class PersonInfo(NamedTuple):
    code: str
    name: str
    unit: int
    grade: int | None
    capacity: Decimal
    contract: str
    remote: bool


# A cost line: (result, year, category, fund, amount in cents, description). Plain tuples,
# not named ones, because a large plan has hundreds of thousands of them.
CostLineIn = tuple[int, int, str, int, int, str]
# An allocation: (person, result, year, share of the year in ten-thousandths).
AllocationIn = tuple[int, int, int, int]


@dataclass
class PlanInputs:
    """Everything costing needs of one cycle, as plain values keyed by database id."""

    currency: str
    years: list[int]
    results: dict[int, ResultInfo]
    links: list[tuple[int, int, int]]  # child, parent, weight in ten-thousandths
    units: dict[int, UnitInfo]
    funds: dict[int, FundInfo]
    cost_lines: list[CostLineIn]
    allocations: list[AllocationIn]
    people: dict[int, PersonInfo]
    grades: dict[int, str]
    grade_costs: dict[tuple[int, int], int]  # (grade, year) -> annual cost in cents

    @property
    def regular_fund(self) -> int:
        """The regular budget: the source of personnel cost computed from allocations."""
        for fid, fund in self.funds.items():
            if fund.is_regular:
                return fid
        raise ValueError("the cycle has no regular-budget fund")


# ------------------------------------------------------------------------- cascade


class Reach:
    """Where a result's cost goes: ``targets`` (ordered by code) and integer ``weights``;
    target i takes ``weights[i] / total`` of it. Empty when the cost reaches nothing."""

    __slots__ = ("targets", "total", "weights")

    def __init__(self, targets: tuple[int, ...], weights: tuple[int, ...], total: int) -> None:
        self.targets = targets
        self.weights = weights
        self.total = total

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, Fraction]]) -> Reach:
        """From (target, fraction) pairs, in the order given."""
        items = list(pairs)
        if not items:
            return EMPTY
        weights, total = _integer_weights([f for _, f in items])
        return cls(tuple(t for t, _ in items), tuple(weights), total)

    def __bool__(self) -> bool:
        return bool(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def __iter__(self) -> Iterator[tuple[int, Fraction]]:
        """(target, fraction of the cost) pairs."""
        for target, weight in zip(self.targets, self.weights, strict=True):
            yield target, Fraction(weight, self.total)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reach) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Reach({list(self)!r})"

    def fraction(self, target: int) -> Fraction:
        return Fraction(self.weights[self.targets.index(target)], self.total)


EMPTY = Reach((), (), 1)


class Cascade:
    """The results DAG as costs climb it: which outputs, and which outcomes, each
    result's cost reaches, and in what proportions. Link weights are integers in
    ten-thousandths (the four places the database keeps)."""

    def __init__(
        self, kinds: Mapping[int, str], codes: Mapping[int, str],
        links: Iterable[tuple[int, int, int]],
    ) -> None:
        self.kinds = kinds
        self.codes = codes
        edges = list(links)
        children = [edge[0] for edge in edges]
        # Most results have one parent: map those in one pass, then gather the others.
        self.parents: dict[int, list[tuple[int, int]]] = {
            child: [(parent, weight)] for child, parent, weight in edges
        }
        if len(self.parents) != len(edges):
            seen: set[int] = set()
            shared = {c for c in children if c in seen or seen.add(c)}  # type: ignore[func-returns-value]
            for child in shared:
                self.parents[child] = []
            for child, parent, weight in edges:
                if child in shared:
                    self.parents[child].append((parent, weight))
        self._outputs: dict[int, Reach] = {}
        self._outcomes: dict[int, Reach] = {}

    def outputs_of(self, result: int) -> Reach:
        """The outputs a cost on ``result`` reaches: itself if it is an output; none if
        it is an outcome or an impact; else those its links lead to."""
        found = self._outputs.get(result)
        if found is None:
            found = self._reach(result, self._outputs, OUTPUT, (OUTCOME, IMPACT))
        return found

    def outcomes_of(self, result: int) -> Reach:
        """The outcomes an output's cost reaches, through any level but an impact."""
        found = self._outcomes.get(result)
        if found is None:
            found = self._reach(result, self._outcomes, OUTCOME, (IMPACT,))
        return found

    def _simple(self, node: int, memo: dict[int, Reach], target: str, stops: tuple[str, ...]) -> Reach | None:
        """The reach of ``node`` when no walk is needed (a target, a stop, or parents all
        known already), else None."""
        kind = self.kinds.get(node)
        if kind == target:
            return Reach((node,), (1,), 1)
        if kind in stops:
            return EMPTY
        parents = self.parents.get(node, ())
        if len(parents) == 1:
            return memo.get(parents[0][0])
        if all(p in memo for p, _ in parents):
            return self._combine(parents, memo)
        return None

    def _reach(self, start: int, memo: dict[int, Reach], target: str, stops: tuple[str, ...]) -> Reach:
        simple = self._simple(start, memo, target, stops)
        if simple is not None:
            memo[start] = simple
            return simple
        stack = [start]
        opened: set[int] = set()
        while stack:
            node = stack[-1]
            if node in memo:
                stack.pop()
                continue
            kind = self.kinds.get(node)
            if kind == target:
                memo[node] = Reach((node,), (1,), 1)
                stack.pop()
                continue
            if kind in stops:
                memo[node] = EMPTY
                stack.pop()
                continue
            parents = self.parents.get(node, ())
            if node not in opened:
                opened.add(node)
                pending = [p for p, _ in parents if p not in memo]
                if pending:
                    for parent in pending:
                        if parent in opened:
                            raise ValueError(f"link loop through {self.codes.get(parent, parent)}")
                    stack.extend(pending)
                    continue
            stack.pop()
            memo[node] = self._combine(parents, memo)
        return memo[start]

    def _combine(self, parents: Sequence[tuple[int, int]], memo: dict[int, Reach]) -> Reach:
        """Weights are shared among the parents that lead somewhere. Integer arithmetic:
        parent p (link weight w) passes target t the share w * W[t] / (T * sum of w), so
        over the common denominator lcm(T) * sum(w) every share is a whole number."""
        leading = [(memo[p], w) for p, w in parents if memo[p].targets]
        if not leading:
            return EMPTY
        if len(leading) == 1:
            return leading[0][0]
        common = math.lcm(*(reach.total for reach, _ in leading))
        mass: dict[int, int] = defaultdict(int)
        for reach, weight in leading:
            scale = weight * (common // reach.total)
            for target, share in zip(reach.targets, reach.weights, strict=True):
                mass[target] += scale * share
        codes = self.codes
        targets = sorted(mass, key=lambda t: (codes.get(t, ""), t))
        weights = [mass[t] for t in targets]
        divisor = math.gcd(*weights)
        return Reach(tuple(targets), tuple(w // divisor for w in weights), sum(weights) // divisor)


def spread(amount: int, reach: Reach | Sequence[tuple[int, Fraction]]) -> list[tuple[int, int]]:
    """``amount`` cents over the targets of ``reach``, exactly."""
    if not isinstance(reach, Reach):
        reach = Reach.of(reach)
    if len(reach.targets) == 1:
        return [(reach.targets[0], amount)]
    if amount < 0:
        return [(t, -part) for t, part in spread(-amount, reach)]
    return list(zip(reach.targets, _split(amount, reach.weights, reach.total), strict=True))


# --------------------------------------------------------------------- attribution


class UncostedAllocation(NamedTuple):
    """An allocation whose personnel cost cannot be computed, and why."""

    person: str
    result: str
    year: int
    share: Decimal
    reason: str  # NO_GRADE or NO_STANDARD_COST

    @property
    def explanation(self) -> str:
        if self.reason == NO_GRADE:
            return f"{self.person} has no grade, so no standard cost"
        return f"the grade of {self.person} has no standard cost for {self.year}"


@dataclass(frozen=True)
class CostOrigin:
    """Where part of an output's cost came from: a cost line or a person's time."""

    kind: str  # "cost_line" or "allocation"
    result: str  # the code of the result the cost sits on (the output, or an activity)
    year: int
    category: str
    source: str  # fund code
    amount: Decimal  # what reaches this output
    item_amount: Decimal  # the whole cost line or allocation
    portion: Fraction  # the part of the item this output takes (1 when not split)
    description: str = ""
    person: str = ""
    person_name: str = ""
    grade: str = ""
    share: Decimal | None = None
    standard_cost: Decimal | None = None


Cell = tuple[int, int, str, int]  # (result, year, category, fund)


# The categories by index; "" last, for cost lines read without their category (what a
# scenario reads, ``selectors.plan_inputs(by_source_only=True)``).
CATEGORIES = [*(c.value for c in CostCategory), ""]
CATEGORY_INDEX = {code: i for i, code in enumerate(CATEGORIES)}
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Cells:
    """Cost cells as parallel integer arrays, one row per distinct key: the result (an
    output, or the result a cost sits on), year, category (index into ``CATEGORIES``),
    fund, and the amount in cents."""

    result: Ints
    year: Ints
    category: Ints
    fund: Ints
    cents: Ints

    def as_dict(self) -> dict[Cell, int]:
        return dict(zip(
            zip(self.result.tolist(), self.year.tolist(),
                [CATEGORIES[i] for i in self.category.tolist()], self.fund.tolist(), strict=True),
            self.cents.tolist(), strict=True,
        ))

    @property
    def total(self) -> int:
        return int(self.cents.sum())


def group_sum(keys: Sequence[Ints], cents: Ints) -> tuple[list[Ints], Ints]:
    """Rows with equal keys summed: the distinct keys (sorted) and their totals, in exact
    64-bit integer arithmetic."""
    if len(cents) == 0:
        return [k[:0] for k in keys], cents[:0]
    order = np.lexsort(tuple(reversed(keys)))
    ordered = [k[order] for k in keys]
    change = np.zeros(len(cents), dtype=bool)
    change[0] = True
    for column in ordered:
        change[1:] |= column[1:] != column[:-1]
    starts = np.flatnonzero(change)
    return [k[starts] for k in ordered], np.add.reduceat(cents[order], starts)


def _cells(keys: Sequence[Ints], cents: Ints) -> Cells:
    result, year, category, fund = keys
    return Cells(result, year, category, fund, cents)


def _ints(values: Iterable[int]) -> Ints:
    return np.fromiter(values, dtype=np.int64)


@dataclass
class Attribution:
    """Every cost of a plan on the outputs it serves.

    ``cells`` holds the cost cells of outputs; ``off_cells`` the costs that reach no
    output, on the result they sit on; both in cents.
    """

    cascade: Cascade
    cells: Cells
    off_cells: Cells
    uncosted: list[UncostedAllocation]
    origins: dict[int, list[CostOrigin]]

    @property
    def outputs(self) -> dict[Cell, int]:
        return self.cells.as_dict()

    @property
    def off_output(self) -> dict[Cell, int]:
        return self.off_cells.as_dict()

    @property
    def total_cents(self) -> int:
        return self.cells.total + self.off_cells.total


def _items(inputs: PlanInputs) -> tuple[Cells, list[UncostedAllocation], Ints]:
    """Every cost line and costed allocation as rows of integer arrays (not yet summed),
    the allocations that cannot be costed, and each allocation's cost (-1: none)."""
    lines = inputs.cost_lines
    line_rows = [
        _ints(row[0] for row in lines), _ints(row[1] for row in lines),
        _ints(CATEGORY_INDEX[row[2]] for row in lines), _ints(row[3] for row in lines),
        _ints(row[4] for row in lines),
    ]
    allocations = inputs.allocations
    uncosted: list[UncostedAllocation] = []
    if allocations:
        person, a_result, a_year, share = (
            [row[i] for row in allocations] for i in range(4)
        )
        grade_of = {pid: p.grade for pid, p in inputs.people.items()}
        grade_costs = inputs.grade_costs
        annual = _ints(
            -1 if (grade := grade_of[pid]) is None else grade_costs.get((grade, y), -1)
            for pid, y in zip(person, a_year, strict=True)
        )
        costed = annual >= 0
        cost = np.where(costed, personnel_cost_cents(_ints(share), np.maximum(annual, 0)), -1)
        codes = inputs.results
        for i in np.flatnonzero(~costed).tolist():
            pid = person[i]
            uncosted.append(UncostedAllocation(
                inputs.people[pid].code, codes[a_result[i]].code, a_year[i],
                Decimal(share[i]).scaleb(-4),
                NO_GRADE if grade_of[pid] is None else NO_STANDARD_COST,
            ))
        count = int(costed.sum())
        alloc_rows = [_ints(a_result)[costed], _ints(a_year)[costed],
                      np.full(count, CATEGORY_INDEX[PERSONNEL], dtype=np.int64),
                      np.full(count, inputs.regular_fund, dtype=np.int64), cost[costed]]
    else:
        cost = _ints(())
        alloc_rows = [_ints(()) for _ in range(5)]
    rows = [np.concatenate([a, b]) for a, b in zip(line_rows, alloc_rows, strict=True)]
    keep = rows[4] != 0
    return _cells([column[keep] for column in rows[:4]], rows[4][keep]), uncosted, cost


def attribute(inputs: PlanInputs, *, explain: Collection[int] = ()) -> Attribution:
    """Carry every cost line and allocation to the outputs it serves.

    The work is on integer arrays: each distinct result's reach is found once, costs
    on results reaching one output move there in bulk, and only costs shared between
    outputs are split one by one (with ``spread``). ``explain`` names outputs whose cost
    origins are kept (the breakdown of one output).
    """
    kinds = {rid: r.kind for rid, r in inputs.results.items()}
    codes = {rid: r.code for rid, r in inputs.results.items()}
    cascade = Cascade(kinds, codes, inputs.links)
    items, uncosted, allocation_cost = _items(inputs)

    distinct, where = np.unique(items.result, return_inverse=True)
    reaches = [cascade.outputs_of(r) for r in distinct.tolist()]
    target = _ints(
        r.targets[0] if len(r.targets) == 1 else (-1 if not r.targets else -2) for r in reaches
    )[where] if len(distinct) else _ints(())
    single = target >= 0
    keys = [target[single], items.year[single], items.category[single], items.fund[single]]
    cents = items.cents[single]
    shared = np.flatnonzero(target == -2)
    if len(shared):
        extra: list[tuple[int, int, int, int, int]] = []
        for i in shared.tolist():
            reach = reaches[int(where[i])]
            year, category, fund = int(items.year[i]), int(items.category[i]), int(items.fund[i])
            for output, part in spread(int(items.cents[i]), reach):
                extra.append((output, year, category, fund, part))
        columns = [_ints(column) for column in zip(*extra, strict=True)]
        keys = [np.concatenate([k, c]) for k, c in zip(keys, columns[:4], strict=True)]
        cents = np.concatenate([cents, columns[4]])
    summed_keys, summed = group_sum(keys, cents)
    off = target == -1
    off_keys, off_summed = group_sum(
        [items.result[off], items.year[off], items.category[off], items.fund[off]], items.cents[off]
    )
    return Attribution(
        cascade, _cells(summed_keys, summed), _cells(off_keys, off_summed), uncosted,
        _origins(inputs, cascade, set(explain), allocation_cost) if explain else {},
    )


def _origins(
    inputs: PlanInputs, cascade: Cascade, explain: set[int], allocation_cost: Ints
) -> dict[int, list[CostOrigin]]:
    """Where the explained outputs' costs came from, item by item, split as ``attribute``
    splits them."""
    origins: dict[int, list[CostOrigin]] = defaultdict(list)
    for line in inputs.cost_lines:
        reach = cascade.outputs_of(line[0])
        if line[4] and explain.intersection(reach.targets):
            for output, part in spread(line[4], reach):
                if output in explain:
                    origins[output].append(_line_origin(inputs, line, output, part, reach))
    for alloc, cost in zip(inputs.allocations, allocation_cost.tolist(), strict=True):
        reach = cascade.outputs_of(alloc[1])
        if cost > 0 and explain.intersection(reach.targets):
            person = inputs.people[alloc[0]]
            assert person.grade is not None  # a costed allocation's person has a grade
            annual = inputs.grade_costs[(person.grade, alloc[2])]
            for output, part in spread(cost, reach):
                if output in explain:
                    origins[output].append(
                        _allocation_origin(inputs, alloc, person, annual, cost, output, part, reach)
                    )
    return dict(origins)


def _portion(reach: Reach, output: int) -> Fraction:
    return reach.fraction(output)


def _line_origin(inputs: PlanInputs, line: CostLineIn, output: int, part: int, reach: Reach) -> CostOrigin:
    result, year, category, source, cents, description = line
    return CostOrigin(
        kind="cost_line", result=inputs.results[result].code, year=year, category=category,
        source=inputs.funds[source].code, amount=money(part), item_amount=money(cents),
        portion=_portion(reach, output), description=description,
    )


def _allocation_origin(
    inputs: PlanInputs, alloc: AllocationIn, person: PersonInfo, annual: int, cost: int,
    output: int, part: int, reach: Reach,
) -> CostOrigin:
    _, result, year, share_e4 = alloc
    return CostOrigin(
        kind="allocation", result=inputs.results[result].code, year=year,
        category=PERSONNEL, source=inputs.funds[inputs.regular_fund].code, amount=money(part),
        item_amount=money(cost), portion=_portion(reach, output), person=person.code,
        person_name=person.name,
        grade=inputs.grades[person.grade] if person.grade is not None else "",
        share=Decimal(share_e4).scaleb(-4), standard_cost=money(annual),
    )


# ------------------------------------------------------------------ cost tables


@dataclass
class CostRow:
    """One line of a cost table: a label and an amount per year of the cycle."""

    key: str
    label: str
    by_year: dict[int, Decimal]
    years: list[int]

    @property
    def cells(self) -> list[Decimal]:
        return [self.by_year.get(year, ZERO) for year in self.years]

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)


@dataclass
class CostTable:
    """Costs by a dimension (outcome, unit, category, funding source...) and year."""

    years: list[int]
    rows: list[CostRow] = field(default_factory=list)

    @property
    def year_totals(self) -> list[Decimal]:
        return [sum((row.by_year.get(year, ZERO) for row in self.rows), ZERO) for year in self.years]

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)


# ----------------------------------------------------------------- output costs


@dataclass
class OutputCost:
    """An output's cost: by year, category and source, where it came from, where it goes."""

    code: str
    title: str
    unit: str
    priority: str
    years: list[int]
    cells: list[tuple[int, str, str, Decimal]]  # year, category, fund code, amount
    origins: list[CostOrigin]
    outcomes: list[tuple[str, str, Fraction]]  # code, title, portion of the cost

    @property
    def by_year(self) -> dict[int, Decimal]:
        sums: dict[int, Decimal] = {}
        for year, _, _, amount in self.cells:
            sums[year] = sums.get(year, ZERO) + amount
        return sums

    @property
    def by_category(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for _, category, _, amount in self.cells:
            sums[category] = sums.get(category, ZERO) + amount
        return sums

    @property
    def by_source(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for _, _, source, amount in self.cells:
            sums[source] = sums.get(source, ZERO) + amount
        return sums

    @property
    def total(self) -> Decimal:
        return sum((cell[3] for cell in self.cells), ZERO)


def output_cost(inputs: PlanInputs, output: int) -> OutputCost:
    """One output's cost with its origins (cost lines and allocations) and the
    outcomes its cost goes to."""
    found = attribute(inputs, explain={output})
    info = inputs.results[output]
    mine = found.cells.result == output
    cells = sorted(
        (year, CATEGORIES[category], inputs.funds[fund].code, money(cents))
        for year, category, fund, cents in zip(
            found.cells.year[mine].tolist(), found.cells.category[mine].tolist(),
            found.cells.fund[mine].tolist(), found.cells.cents[mine].tolist(), strict=True,
        )
    )
    origins = sorted(
        found.origins.get(output, []),
        key=lambda o: (o.year, o.kind, o.category, o.source, o.result, o.person),
    )
    reach = found.cascade.outcomes_of(output) if info.kind == OUTPUT else ()
    return OutputCost(
        code=info.code, title=info.title, unit=inputs.units[info.unit].code,
        priority=info.priority, years=list(inputs.years), cells=cells, origins=origins,
        outcomes=[(inputs.results[o].code, inputs.results[o].title, f) for o, f in reach],
    )


# -------------------------------------------------------------- financial plan


class Label(NamedTuple):
    code: str
    name: str


UNATTRIBUTED = Label("", "Unattributed")
DIMENSIONS = ("outcome", "unit", "category", "source")

# (outcome or None, unit, year, category, fund) -> cents
PlanCell = tuple[int | None, int, int, str, int]


@dataclass(frozen=True)
class UnattributedCost:
    """A cost the financial plan could not carry to an outcome, and why."""

    result: str
    title: str
    reason: str  # NOT_ON_OUTPUT or NO_OUTCOME
    by_year: dict[int, Decimal]

    @property
    def explanation(self) -> str:
        return UNATTRIBUTED_REASONS[self.reason]

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)


@dataclass(frozen=True)
class Flow:
    """A link of the Sankey diagram: money from a source to a target node."""

    source: str
    target: str
    amount: Decimal


@dataclass
class FinancialPlan:
    """The plan's costs by outcome, unit, year, category and funding source.

    ``cells`` keeps every cost at the finest grain (outcome, unit, year, category,
    fund) in cents; ``outcome`` None is the unattributed part. Every table is a sum of
    these cells, so every table adds up to the same total.
    """

    currency: str
    years: list[int]
    cells: dict[PlanCell, int]
    outcomes: dict[int, Label]
    units: dict[int, Label]
    funds: dict[int, Label]
    unattributed: list[UnattributedCost]
    uncosted: list[UncostedAllocation]
    output_total_cents: int  # the cost that reached outputs (before the outcome split)
    off_output_cents: int  # the cost that reached no output

    @property
    def total(self) -> Decimal:
        return money(sum(self.cells.values()))

    def table(self, by: str, year: int | None = None) -> CostTable:
        """Costs by ``by`` (outcome, unit, category or source) and year; ``year`` keeps one."""
        if by not in DIMENSIONS:
            raise ValueError(f"cannot show costs by {by!r}; choose one of {', '.join(DIMENSIONS)}")
        years = [year] if year is not None else list(self.years)
        sums: dict[tuple[object, int], int] = defaultdict(int)
        position = {"outcome": 0, "unit": 1, "category": 3, "source": 4}[by]
        for cell, cents in self.cells.items():
            if year is None or cell[2] == year:
                sums[(cell[position], cell[2])] += cents
        present = {key for key, _ in sums}
        labels: dict[object, Label] = {}
        if by == "category":
            labels.update((c.value, Label(c.value, str(c.label))) for c in CostCategory)
            keys: list[object] = [c.value for c in CostCategory if c.value in present]
        else:
            named: Mapping[int, Label] = {
                "outcome": self.outcomes, "unit": self.units, "source": self.funds
            }[by]
            labels.update(named.items())
            shown = set(named) if by == "outcome" else present
            keys = sorted(shown, key=lambda k: labels[k].code)
            if None in present:
                labels[None] = UNATTRIBUTED
                keys.append(None)
        table = CostTable(years=years)
        for key in keys:
            label = labels[key]
            by_year = {y: money(sums[(key, y)]) for y in years if (key, y) in sums}
            table.rows.append(CostRow(label.code, label.name, by_year, years))
        return table

    def flows(self) -> list[Flow]:
        """Funding source -> outcome -> unit, for a Sankey diagram (node names are codes;
        the unattributed outcome is "Unattributed")."""
        source_outcome: dict[tuple[str, str], int] = defaultdict(int)
        outcome_unit: dict[tuple[str, str], int] = defaultdict(int)
        for (outcome, unit, _year, _category, fund), cents in self.cells.items():
            name = self.outcomes[outcome].code if outcome is not None else UNATTRIBUTED.name
            source_outcome[(self.funds[fund].code, name)] += cents
            outcome_unit[(name, self.units[unit].code)] += cents
        return [
            Flow(source, target, money(cents))
            for flows in (source_outcome, outcome_unit)
            for (source, target), cents in sorted(flows.items())
            if cents
        ]


def costed_outcomes(inputs: PlanInputs, reached: Collection[int]) -> dict[int, Label]:
    """The outcomes costs are shown against: those some cost reaches, and every outcome with
    no outcome below it (so an outcome nothing pays for shows, at zero). A higher outcome
    (a thematic priority above outcomes) only gathers what its outcomes hold."""
    results = inputs.results
    above_outcomes = {
        parent for child, parent, _ in inputs.links
        if results[child].kind == OUTCOME and results[parent].kind == OUTCOME
    }
    return {
        rid: Label(r.code, r.title) for rid, r in results.items()
        if r.kind == OUTCOME and (rid in reached or rid not in above_outcomes)
    }


def financial_plan(inputs: PlanInputs, attribution: Attribution | None = None) -> FinancialPlan:
    """Carry every cost to outcomes: each output's cost cells split by the link weights
    of the outcomes it serves, exactly to the cent; the unit is the output's owner."""
    found = attribution or attribute(inputs)
    results = inputs.results
    cells = found.cells
    distinct, where = np.unique(cells.result, return_inverse=True)
    reaches = [found.cascade.outcomes_of(o) for o in distinct.tolist()]
    outcome = _ints(
        r.targets[0] if len(r.targets) == 1 else (-1 if not r.targets else -2) for r in reaches
    )[where] if len(distinct) else _ints(())
    unit = _ints(results[o].unit for o in distinct.tolist())[where] if len(distinct) else _ints(())
    single = outcome != -2
    keys = [outcome[single], unit[single], cells.year[single], cells.category[single],
            cells.fund[single]]
    cents = cells.cents[single]
    extra: list[tuple[int, int, int, int, int, int]] = []
    for i in np.flatnonzero(~single).tolist():
        row = (int(unit[i]), int(cells.year[i]), int(cells.category[i]), int(cells.fund[i]))
        for target, part in spread(int(cells.cents[i]), reaches[int(where[i])]):
            extra.append((target, *row, part))
    off = found.off_cells
    off_unit = _ints(results[r].unit for r in off.result.tolist())
    columns = [_ints(column) for column in zip(*extra, strict=True)] if extra else [
        _ints(()) for _ in range(6)
    ]
    keys = [
        np.concatenate([k, c, o]) for k, c, o in zip(
            keys, columns[:5],
            [np.full(len(off.cents), -1, dtype=np.int64), off_unit, off.year, off.category,
             off.fund], strict=True,
        )
    ]
    (outcome_keys, unit_keys, year_keys, category_keys, fund_keys), summed = group_sum(
        keys, np.concatenate([cents, columns[5], off.cents])
    )
    plan_cells: dict[PlanCell, int] = dict(zip(
        zip([None if o < 0 else o for o in outcome_keys.tolist()], unit_keys.tolist(),
            year_keys.tolist(), [CATEGORIES[c] for c in category_keys.tolist()],
            fund_keys.tolist(), strict=True),
        summed.tolist(), strict=True,
    ))

    unattributed: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    lost = outcome == -1
    for result, year, amount in zip(cells.result[lost].tolist(), cells.year[lost].tolist(),
                                    cells.cents[lost].tolist(), strict=True):
        unattributed[(result, NO_OUTCOME)][year] += amount
    for result, year, amount in zip(off.result.tolist(), off.year.tolist(), off.cents.tolist(),
                                    strict=True):
        unattributed[(result, NOT_ON_OUTPUT)][year] += amount
    return FinancialPlan(
        currency=inputs.currency,
        years=list(inputs.years),
        cells=plan_cells,
        outcomes=costed_outcomes(inputs, {o for o in outcome_keys.tolist() if o >= 0}),
        units={uid: Label(u.code, u.name) for uid, u in inputs.units.items()},
        funds={fid: Label(f.code, f.name) for fid, f in inputs.funds.items()},
        unattributed=sorted(
            (
                UnattributedCost(results[rid].code, results[rid].title, reason,
                                 {y: money(c) for y, c in sorted(by_year.items())})
                for (rid, reason), by_year in unattributed.items()
            ),
            key=lambda u: (u.reason, u.result),
        ),
        uncosted=sorted(found.uncosted, key=lambda u: (u.person, u.result, u.year)),
        output_total_cents=found.cells.total,
        off_output_cents=found.off_cells.total,
    )


def output_totals(attribution: Attribution) -> tuple[list[Ints], Ints]:
    """Each output's cost by year and fund, in cents, as arrays (output, year, fund) and
    amounts: what a scenario funds (categories summed)."""
    cells = attribution.cells
    return group_sum([cells.result, cells.year, cells.fund], cells.cents)
