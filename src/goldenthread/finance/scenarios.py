"""Funding scenarios, over plain numbers (no ORM; see docs/finance.md).

A scenario sets a budget *envelope* per year, for all sources together or for one
funding source, and funds outputs in this order:

1. by MoSCoW priority: must, should, could, then outputs with no priority; an output
   marked *won't* is never funded (it is out of this cycle);
2. within a priority, by the scenario's rule: ``score`` (higher score first; outputs
   with no score after those with one), ``cost`` (cheaper first) or ``manual`` (the
   planner's rank, lower first; unranked outputs after ranked ones); remaining ties
   go cheaper first, then by code.

Each output in turn is funded whole or not at all: it is funded when, in every year
the scenario sets an envelope for, its cost that year fits in what is left of that
year's envelope and, for each source with its own envelope that year, its cost on
that source fits in what is left of that source's envelope. An output that does not
fit is *skipped*, with the reason, and the next one is tried: money a large output
cannot use still funds smaller ones below it (first fit). An output never displaces
one before it, so no lower-priority output is funded while a higher-priority output
that fits is not. Costs in years the scenario sets no envelope for are not checked.

The scenario's gap per outcome is the cost of its unfunded outputs (won't outputs
aside), each split over the outcomes it serves by link weight, exactly to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

from goldenthread.finance.costing import (
    CENT,
    UNATTRIBUTED,
    ZERO,
    Label,
    Reach,
    money,
    spread,
    to_cents,
)

MUST, SHOULD, COULD, WONT, NONE = "must", "should", "could", "wont", ""
#: The order priorities are funded in; won't is never funded.
PRIORITY_ORDER = (MUST, SHOULD, COULD, NONE)
SCORE, COST, MANUAL = "score", "cost", "manual"
RULES = (SCORE, COST, MANUAL)
#: Words for a group of funding sources in ``envelopes_from_plan``.
EXTRABUDGETARY, REGULAR = "extrabudgetary", "regular_budget"


class ScenarioOutput(NamedTuple):
    """An output as a scenario sees it: its priority, cost and the outcomes it serves."""

    id: int
    code: str
    title: str
    priority: str
    unit: str
    cost: Mapping[tuple[int, str], int]  # (year, fund code) -> cents
    outcomes: Reach | tuple[tuple[int, Fraction], ...]  # the outcomes it serves, with shares
    by_year: Mapping[int, int] | None = None  # ``cost`` summed by year, when known already


@dataclass(frozen=True)
class Envelope:
    """The money a scenario may spend in a year: all sources (``source`` None) or one."""

    year: int
    source: str | None
    amount: Decimal


@dataclass(frozen=True)
class EnvelopeUse:
    year: int
    source: str | None
    amount: Decimal
    used: Decimal

    @property
    def left(self) -> Decimal:
        return self.amount - self.used


@dataclass(slots=True)
class Decision:
    """What a scenario decided for one output, and why."""

    code: str
    title: str
    priority: str
    unit: str
    cost_cents: int  # over the years the scenario sets envelopes for
    cents_by_year: Mapping[int, int]
    funded: bool
    reason: str
    order: int | None  # its turn in the funding order (None: won't, never considered)
    score: float | None = None
    rank: int | None = None

    @property
    def cost(self) -> Decimal:
        return money(self.cost_cents)

    @property
    def by_year(self) -> dict[int, Decimal]:
        return {year: money(cents) for year, cents in sorted(self.cents_by_year.items())}


@dataclass(frozen=True)
class ScenarioOutcome:
    """An outcome under a scenario: the cost funded and unfunded (its gap)."""

    code: str
    title: str
    funded: Decimal
    gap: Decimal
    outputs: int  # outputs serving it (won't included)
    funded_outputs: int


@dataclass
class ScenarioResult:
    """A scenario's outcome: what is funded, what is not and why, the gap per outcome."""

    code: str
    name: str
    rule: str
    currency: str
    years: list[int]
    envelopes: list[EnvelopeUse]
    decisions: list[Decision]  # in funding order; won't outputs last
    outcomes: list[ScenarioOutcome]  # the unattributed row (no code) last, when present
    notes: list[str] = field(default_factory=list)

    @property
    def funded(self) -> list[Decision]:
        return [d for d in self.decisions if d.funded]

    @property
    def unfunded(self) -> list[Decision]:
        return [d for d in self.decisions if not d.funded]

    @property
    def funded_cost(self) -> Decimal:
        return money(sum(d.cost_cents for d in self.decisions if d.funded))

    @property
    def unfunded_cost(self) -> Decimal:
        """The cost left unfunded, won't outputs aside: the scenario's gap."""
        return money(sum(d.cost_cents for d in self.decisions
                         if not d.funded and d.priority != WONT))

    @property
    def wont_cost(self) -> Decimal:
        return money(sum(d.cost_cents for d in self.decisions if d.priority == WONT))

    @property
    def outcomes_without_funded_output(self) -> list[ScenarioOutcome]:
        """Outcomes that some output serves but no funded output does."""
        return [o for o in self.outcomes if o.code and o.outputs and not o.funded_outputs]


class ScenarioError(ValueError):
    """A scenario that cannot run (no envelope, an unknown rule...)."""


def _sort_key(
    rule: str, scores: Mapping[int, float | None], ranks: Mapping[int, int], cost: int,
    output: ScenarioOutput,
) -> tuple[object, ...]:
    priority = PRIORITY_ORDER.index(output.priority) if output.priority in PRIORITY_ORDER else 3
    if rule == SCORE:
        score = scores.get(output.id)
        return (priority, score is None, -(score or 0.0), cost, output.code)
    if rule == MANUAL:
        rank = ranks.get(output.id)
        return (priority, rank is None, rank or 0, cost, output.code)
    return (priority, cost, output.code)


def _fmt(cents: int) -> str:
    return f"{money(cents):,}"


def _misfits(
    by_year: Mapping[int, int], by_year_source: Mapping[tuple[int, str], int],
    total_left: Mapping[int, int], source_left: Mapping[tuple[int, str], int],
) -> list[str]:
    """Every envelope an output's cost does not fit in, in words. Only the output's own
    years and sources are looked at: what is left of an envelope is never negative, so a
    cost of nothing always fits."""
    if all(need <= total_left.get(year, need) for year, need in by_year.items()) and all(
        need <= source_left.get(key, need) for key, need in by_year_source.items()
    ):
        return []
    problems = []
    for year, need in sorted(by_year.items()):
        left = total_left.get(year)
        if left is not None and need > left:
            problems.append(f"needs {_fmt(need)} in {year}, {_fmt(left)} left")
    for (year, source), need in sorted(by_year_source.items()):
        left = source_left.get((year, source))
        if left is not None and need > left:
            problems.append(f"needs {_fmt(need)} of {source} in {year}, {_fmt(left)} left")
    return problems


def run_scenario(
    outputs: Iterable[ScenarioOutput],
    envelopes: Sequence[Envelope],
    *,
    rule: str = COST,
    scores: Mapping[int, float | None] | None = None,
    ranks: Mapping[int, int] | None = None,
    outcome_labels: Mapping[int, Label] | None = None,
    code: str = "",
    name: str = "",
    currency: str = "",
) -> ScenarioResult:
    """Fund ``outputs`` within ``envelopes`` by priority, then ``rule`` (module docstring).

    ``scores`` maps an output's id to its score (None: not scored); with no score at
    all, the ``score`` rule falls back to cost order and says so in ``notes``.
    ``ranks`` maps an output's id to its manual rank.
    """
    if rule not in RULES:
        raise ScenarioError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    if not envelopes:
        raise ScenarioError("a scenario needs at least one envelope (a year and an amount)")
    seen: set[tuple[int, str | None]] = set()
    for env in envelopes:
        if (env.year, env.source) in seen:
            where = f"{env.source} in {env.year}" if env.source else str(env.year)
            raise ScenarioError(f"two envelopes for {where}")
        seen.add((env.year, env.source))
        if env.amount < 0:
            raise ScenarioError(f"the envelope for {env.year} is negative")
    scores = scores or {}
    ranks = ranks or {}
    notes: list[str] = []
    if rule == SCORE and not any(v is not None for v in scores.values()):
        notes.append("No scores are available, so outputs within a priority are funded "
                     "cheapest first (the cost rule).")
        rule_used = COST
    elif rule == MANUAL and not ranks:
        notes.append("No output has a manual rank, so outputs within a priority are funded "
                     "cheapest first (the cost rule).")
        rule_used = COST
    else:
        rule_used = rule

    years = sorted({env.year for env in envelopes})
    year_set = set(years)
    total_left: dict[int, int] = {e.year: to_cents(e.amount) for e in envelopes if e.source is None}
    source_left: dict[tuple[int, str], int] = {
        (e.year, e.source): to_cents(e.amount) for e in envelopes if e.source is not None
    }
    start_total, start_source = dict(total_left), dict(source_left)

    candidates: list[tuple[ScenarioOutput, Mapping[int, int], Mapping[tuple[int, str], int], int]] = []
    for output in outputs:
        if output.by_year is not None and year_set.issuperset(output.by_year):
            by_year: Mapping[int, int] = output.by_year  # every year it costs is in scope
            by_year_source: Mapping[tuple[int, str], int] = output.cost
        else:
            in_scope: dict[int, int] = defaultdict(int)
            by_year_source = {}
            for (year, source), cents in output.cost.items():
                if year in year_set:
                    in_scope[year] += cents
                    by_year_source[(year, source)] = cents
            by_year = dict(in_scope)
        candidates.append((output, by_year, by_year_source, sum(by_year.values())))
    candidates.sort(key=lambda c: _sort_key(rule_used, scores, ranks, c[3], c[0]))

    decisions: list[Decision] = []
    wont: list[Decision] = []
    funded_ids: set[int] = set()
    turn = 0
    for output, by_year, by_year_source, cost in candidates:
        funded, order = False, None
        if output.priority == WONT:
            reason = "won't have this cycle: never funded"
        else:
            turn += 1
            order = turn
            problems = _misfits(by_year, by_year_source, total_left, source_left)
            if problems:
                reason = "does not fit: " + "; ".join(problems)
            else:
                funded, reason = True, "fits"
                for year, need in by_year.items():
                    if year in total_left:
                        total_left[year] -= need
                for key, need in by_year_source.items():
                    if key in source_left:
                        source_left[key] -= need
                funded_ids.add(output.id)
        decision = Decision(
            output.code, output.title, output.priority, output.unit, cost, by_year, funded,
            reason, order, scores.get(output.id), ranks.get(output.id),
        )
        (wont if output.priority == WONT else decisions).append(decision)

    uses = [
        EnvelopeUse(year, None, money(start_total[year]), money(start_total[year] - total_left[year]))
        for year in sorted(start_total)
    ] + [
        EnvelopeUse(year, source, money(amount), money(amount - source_left[(year, source)]))
        for (year, source), amount in sorted(start_source.items())
    ]
    outcomes = _outcomes(
        [c[0] for c in candidates], {c[0].id: c[3] for c in candidates}, funded_ids,
        outcome_labels or {},
    )
    return ScenarioResult(
        code=code, name=name, rule=rule, currency=currency, years=years, envelopes=uses,
        decisions=decisions + wont, outcomes=outcomes, notes=notes,
    )


def _outcomes(
    outputs: Sequence[ScenarioOutput], costs: Mapping[int, int], funded: set[int],
    labels: Mapping[int, Label],
) -> list[ScenarioOutcome]:
    funded_cost: dict[int | None, int] = defaultdict(int)
    gap: dict[int | None, int] = defaultdict(int)
    served: dict[int | None, int] = defaultdict(int)
    served_funded: dict[int | None, int] = defaultdict(int)
    for output in outputs:
        parts: list[tuple[int | None, int]] = (
            list(spread(costs[output.id], output.outcomes)) if output.outcomes
            else [(None, costs[output.id])]
        )
        for outcome, _ in parts:
            served[outcome] += 1
            if output.id in funded:
                served_funded[outcome] += 1
        if output.priority == WONT:
            continue
        target = funded_cost if output.id in funded else gap
        for outcome, part in parts:
            target[outcome] += part
    keys: set[int | None] = {*labels, *served}
    names: dict[int | None, Label] = {None: UNATTRIBUTED}
    names.update(labels.items())
    order = sorted(
        (k for k in keys if k is not None or served.get(None)),
        key=lambda k: (k is None, names[k].code if k in names else str(k)),
    )
    return [
        ScenarioOutcome(
            code=names[k].code if k in names else str(k), title=names[k].name if k in names else "",
            funded=money(funded_cost.get(k, 0)), gap=money(gap.get(k, 0)),
            outputs=served.get(k, 0), funded_outputs=served_funded.get(k, 0),
        )
        for k in order
    ]


# ------------------------------------------------------------------- envelopes


def envelopes_from_plan(
    costs: Mapping[tuple[int, str], int],
    regular: str,
    scale: Mapping[str, Decimal] | None = None,
    years: Iterable[int] | None = None,
) -> list[Envelope]:
    """One envelope per year and funding source, equal to what the plan's outputs cost
    on that source that year, times a factor.

    ``scale`` maps a fund code, or ``extrabudgetary`` (every fund but the regular
    budget), or ``regular_budget``, to a factor; a fund's own code wins over the group.
    ``scale={"extrabudgetary": Decimal("0.8")}`` is "extrabudgetary income falls by
    20 per cent". ``costs`` maps (year, fund code) to cents.
    """
    scale = dict(scale or {})
    keep = set(years) if years is not None else None
    envelopes = []
    for (year, source), cents in sorted(costs.items()):
        if keep is not None and year not in keep:
            continue
        group = REGULAR if source == regular else EXTRABUDGETARY
        factor = scale.get(source, scale.get(group, Decimal(1)))
        amount = (money(cents) * factor).quantize(CENT, rounding=ROUND_HALF_UP)
        envelopes.append(Envelope(year, source, amount))
    return envelopes


# ------------------------------------------------------------------ comparison


@dataclass(frozen=True)
class ComparedOutput:
    code: str
    title: str
    priority: str
    cost_a: Decimal
    cost_b: Decimal
    funded_a: bool
    funded_b: bool

    @property
    def change(self) -> str:
        """both, neither, only_a or only_b."""
        if self.funded_a == self.funded_b:
            return "both" if self.funded_a else "neither"
        return "only_a" if self.funded_a else "only_b"


@dataclass(frozen=True)
class ComparedOutcome:
    code: str
    title: str
    gap_a: Decimal
    gap_b: Decimal
    unfunded_a: bool  # left with no funded output under A
    unfunded_b: bool

    @property
    def difference(self) -> Decimal:
        return self.gap_b - self.gap_a


@dataclass
class ScenarioComparison:
    """Two scenarios side by side: totals, outputs funded in one only, gaps per outcome."""

    a: ScenarioResult
    b: ScenarioResult
    outputs: list[ComparedOutput]
    outcomes: list[ComparedOutcome]

    @property
    def changed(self) -> list[ComparedOutput]:
        """Outputs funded under one scenario and not the other."""
        return [o for o in self.outputs if o.change in ("only_a", "only_b")]


def compare(a: ScenarioResult, b: ScenarioResult) -> ScenarioComparison:
    """Put two scenario results side by side, output by output and outcome by outcome."""
    decided_a = {d.code: d for d in a.decisions}
    decided_b = {d.code: d for d in b.decisions}
    outputs = []
    for code in sorted(set(decided_a) | set(decided_b)):
        da, db = decided_a.get(code), decided_b.get(code)
        some = da or db
        assert some is not None
        outputs.append(ComparedOutput(
            code=code, title=some.title, priority=some.priority,
            cost_a=da.cost if da else ZERO, cost_b=db.cost if db else ZERO,
            funded_a=bool(da and da.funded), funded_b=bool(db and db.funded),
        ))
    out_a = {o.code: o for o in a.outcomes}
    out_b = {o.code: o for o in b.outcomes}
    bare_a = {o.code for o in a.outcomes_without_funded_output}
    bare_b = {o.code for o in b.outcomes_without_funded_output}
    outcomes = []
    for code in sorted(set(out_a) | set(out_b), key=lambda c: (c == "", c)):
        oa, ob = out_a.get(code), out_b.get(code)
        some_outcome = oa or ob
        assert some_outcome is not None
        outcomes.append(ComparedOutcome(
            code=code, title=some_outcome.title, gap_a=oa.gap if oa else ZERO,
            gap_b=ob.gap if ob else ZERO, unfunded_a=code in bare_a, unfunded_b=code in bare_b,
        ))
    return ScenarioComparison(a=a, b=b, outputs=outputs, outcomes=outcomes)
