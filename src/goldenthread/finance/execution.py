"""Budget execution: what was planned for a year against what the ledger says was spent.

Plain arithmetic over rows, no database (``finance.selectors.budget_execution`` reads the
rows). Amounts are whole cents inside, ``Decimal`` with two places outside.

For a year ``Y`` up to quarter ``q`` (1-4):

- *planned*: the cost lines of ``Y`` (the whole year's budget);
- *spent*: the transactions dated from 1 January of ``Y`` to the end of quarter ``q``;
- *execution rate*: spent / planned (None when nothing was planned);
- *burn rate*: spent per quarter elapsed, spent / ``q``;
- *projection*: the straight line to the year's end, burn rate x 4;
- *expected*: the share of the year elapsed times planned, planned x ``q`` / 4, so a
  line spending ahead of or behind the calendar shows at a glance (``pace``: spent /
  expected).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount: Decimal) -> int:
    """An amount as whole cents (amounts are stored with two places)."""
    return int((Decimal(amount) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def money(cents_: int) -> Decimal:
    return (Decimal(cents_) / 100).quantize(CENT)


@dataclass(frozen=True)
class Planned:
    """A cost line reduced to what execution needs."""

    output: str  # code of the result the cost line is on
    unit: str  # code of the unit owning that result
    category: str
    cents: int


@dataclass(frozen=True)
class Spent:
    """A transaction reduced to what execution needs; ``output`` is "" when it names none."""

    output: str
    unit: str
    category: str
    cents: int


@dataclass
class ExecutionLine:
    """Planned against spent for one output, unit or category (or the total)."""

    key: str
    label: str
    planned: Decimal
    spent: Decimal
    expected: Decimal
    rate: float | None  # spent / planned
    pace: float | None  # spent / expected
    burn_rate: Decimal  # spent per quarter elapsed
    projected: Decimal  # burn rate x 4

    @property
    def projected_rate(self) -> float | None:
        return float(self.projected / self.planned) if self.planned else None


@dataclass
class Execution:
    year: int
    quarter: int
    total: ExecutionLine
    by_output: list[ExecutionLine] = field(default_factory=list)
    by_unit: list[ExecutionLine] = field(default_factory=list)
    by_category: list[ExecutionLine] = field(default_factory=list)


def line(key: str, label: str, planned_cents: int, spent_cents: int, quarter: int) -> ExecutionLine:
    """One line of the table, by the rules of the module docstring."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"a quarter is 1 to 4, not {quarter}")
    expected_cents = (planned_cents * quarter + 2) // 4  # half a cent up
    burn_cents = (spent_cents * 2 + quarter) // (2 * quarter)  # rounded half up
    return ExecutionLine(
        key=key,
        label=label,
        planned=money(planned_cents),
        spent=money(spent_cents),
        expected=money(expected_cents),
        rate=spent_cents / planned_cents if planned_cents else None,
        pace=spent_cents / expected_cents if expected_cents else None,
        burn_rate=money(burn_cents),
        projected=money(burn_cents * 4),
    )


def execution(
    year: int,
    quarter: int,
    planned: Iterable[Planned],
    spent: Iterable[Spent],
    labels: dict[str, str] | None = None,
    category_labels: dict[str, str] | None = None,
) -> Execution:
    """Execution of ``year`` up to ``quarter``, in total and by output, unit and category.

    A transaction with no output counts to its unit and category and to the total, and to
    the output row keyed "" ("No output"). Rows are sorted by key (outputs and units by
    code, categories in the order given by ``category_labels``)."""
    labels = labels or {}
    category_labels = category_labels or {}
    sums: dict[str, dict[str, list[int]]] = {
        "output": defaultdict(lambda: [0, 0]),
        "unit": defaultdict(lambda: [0, 0]),
        "category": defaultdict(lambda: [0, 0]),
    }
    total = [0, 0]
    for rows, column in ((planned, 0), (spent, 1)):
        for row in rows:
            sums["output"][row.output][column] += row.cents
            sums["unit"][row.unit][column] += row.cents
            sums["category"][row.category][column] += row.cents
            total[column] += row.cents

    def lines(kind: str, order: list[str] | None = None) -> list[ExecutionLine]:
        keys = sorted(sums[kind]) if order is None else [
            *[k for k in order if k in sums[kind]], *sorted(k for k in sums[kind] if k not in order)
        ]
        names = category_labels if kind == "category" else labels
        return [
            line(k, names.get(k, k) if k else "No output", sums[kind][k][0], sums[kind][k][1], quarter)
            for k in keys
        ]

    return Execution(
        year=year,
        quarter=quarter,
        total=line("", "Total", total[0], total[1], quarter),
        by_output=lines("output"),
        by_unit=lines("unit"),
        by_category=lines("category", list(category_labels)),
    )
