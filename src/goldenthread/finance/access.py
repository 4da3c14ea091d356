"""Whose money a user sees, and who may change scenarios: the finance pages' and
commands' use of ``core/permissions.py``.

Money follows the roles' subtrees. A user sees the costs of the outputs owned by the
units of their subtrees (the units they hold a role on, or their person's unit, and
everything below): a department head sees their department's money, not their
bureau's. Viewing "upward" (docs/permissions.md) shows the results above a unit, not
what the rest of the organisation spends.

Figures of the organisation as a whole (the funding gap, which pools all revenue
against all costs; a scenario's envelopes and totals, outcome gaps and the outcomes
left unfunded) are shown to users whose money covers every unit; a user who sees part
of it gets their units' share of the costs, their outputs in a scenario, and a note.

Scenarios belong to the organisation: saving, changing or deleting one needs the
planner or finance role on the cycle's top unit (``may_write_scenarios``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Sum

from goldenthread.core import permissions
from goldenthread.core.compute import gc_paused
from goldenthread.core.permissions import FINANCE, PLAN, VIEW
from goldenthread.core.selectors import object_type
from goldenthread.finance import selectors, workforce
from goldenthread.finance.choices import CostCategory
from goldenthread.finance.costing import SHARE_SCALE, FinancialPlan, Label, UnitInfo, to_cents
from goldenthread.finance.models import Allocation, CostLine, Scenario
from goldenthread.finance.scenarios import ScenarioComparison, ScenarioResult
from goldenthread.finance.workforce import WorkforceReport
from goldenthread.org.models import Grade, GradeCost, OrgUnit
from goldenthread.plans.models import Cycle, Result

HIDDEN_OUTCOME = "(an outcome of a unit outside the ones you may see)"
PARTIAL_NOTE = (
    "You see the money of {units}; figures of the whole organisation (revenue against "
    "cost, scenario envelopes and totals) are shown to those who see all of it."
)


@dataclass(frozen=True)
class MoneyScope:
    """The units whose money a user sees in a cycle."""

    cycle: Cycle
    units: frozenset[int] | None  # None: every unit (the operator, or roles covering all)
    roots: tuple[str, ...] = ()  # codes of the units the subtrees start at
    codes: frozenset[str] | None = None  # the codes of ``units``

    @property
    def whole(self) -> bool:
        return self.units is None

    def covers(self, unit_id: int) -> bool:
        return self.units is None or unit_id in self.units

    @property
    def note(self) -> str:
        return "" if self.whole else PARTIAL_NOTE.format(units=", ".join(self.roots))


def money_scope(user: Any, cycle: Cycle) -> MoneyScope:
    """The money ``user`` sees in ``cycle``; ``PermissionDenied`` when they see nothing of
    it (no role and no person in the cycle). One query for a signed-in user (the
    cycle's unit tree), after the grants the request reads anyway."""
    permissions.require(user, VIEW, cycle)
    if permissions.is_unrestricted(user):
        return MoneyScope(cycle, None)
    grants = permissions.grants_of(user)
    starts = {unit for unit, _ in grants.roles if grants.unit_cycle.get(unit) == cycle.pk}
    tree = list(OrgUnit.objects.filter(cycle=cycle).values_list("id", "parent_id", "code"))
    children: dict[int | None, list[int]] = defaultdict(list)
    codes = {}
    for uid, parent, code in tree:
        children[parent].append(uid)
        codes[uid] = code
    found: set[int] = set()
    stack = list(starts)
    while stack:
        unit = stack.pop()
        if unit not in found:
            found.add(unit)
            stack.extend(children.get(unit, ()))
    if len(found) == len(tree):
        return MoneyScope(cycle, None)
    roots = tuple(sorted(codes[u] for u in starts if u in codes))
    return MoneyScope(cycle, frozenset(found), roots, frozenset(codes[u] for u in found))


def may_write_scenarios(user: Any, cycle: Cycle) -> bool:
    """Planners and finance officers of the whole organisation save, change and delete
    scenarios (a scenario is the organisation's)."""
    probe = Scenario(cycle=cycle)
    return permissions.can(user, PLAN, probe) or permissions.can(user, FINANCE, probe)


def require_scenario_write(user: Any, cycle: Cycle) -> None:
    if not may_write_scenarios(user, cycle):
        raise PermissionDenied(
            f"You may not save or change the scenarios of {cycle.code}: they belong to the "
            "whole organisation, and only a planner or a finance officer on its top unit "
            "may change them."
        )


# ---------------------------------------------------------------- scoped figures


def scoped_plan(plan: FinancialPlan, scope: MoneyScope, user: Any) -> FinancialPlan:
    """The financial plan reduced to the costs of the outputs the scope's units own. The
    outcomes are those these costs reach; an outcome the user may not see is named by
    its code only. Unattributed costs and uncosted allocations are kept for the results
    of the scope's units. Two queries (none for the whole organisation)."""
    if scope.whole:
        return plan
    units = scope.units or frozenset()
    cells = {cell: cents for cell, cents in plan.cells.items() if cell[1] in units}
    reached = {cell[0] for cell in cells if cell[0] is not None}
    seen = set(
        Result.objects.visible_to(user).filter(pk__in=reached).values_list("pk", flat=True)
    )
    outcomes = {
        oid: label if oid in seen else Label(label.code, HIDDEN_OUTCOME)
        for oid, label in plan.outcomes.items() if oid in reached
    }
    mine = set(
        Result.objects.filter(cycle=scope.cycle, unit_id__in=units).values_list("code", flat=True)
    )
    return replace(
        plan,
        cells=cells,
        outcomes=outcomes,
        units={uid: label for uid, label in plan.units.items() if uid in units},
        unattributed=[u for u in plan.unattributed if u.result in mine],
        uncosted=[u for u in plan.uncosted if u.result in mine],
        output_total_cents=sum(c for cell, c in cells.items() if cell[0] is not None),
        off_output_cents=0,
    )


def scoped_scenario(result: ScenarioResult, codes: frozenset[str] | None) -> ScenarioResult:
    """A scenario's result with only the outputs of the units named (None: all). The
    organisation-wide parts (envelopes, outcome gaps) are emptied for a partial view."""
    if codes is None:
        return result
    return replace(
        result,
        envelopes=[],
        decisions=[d for d in result.decisions if d.unit in codes],
        outcomes=[],
    )


def scoped_comparison(
    comparison: ScenarioComparison, codes: frozenset[str] | None
) -> ScenarioComparison:
    if codes is None:
        return comparison
    a = scoped_scenario(comparison.a, codes)
    b = scoped_scenario(comparison.b, codes)
    mine = {d.code for d in a.decisions} | {d.code for d in b.decisions}
    return replace(
        comparison, a=a, b=b,
        outputs=[o for o in comparison.outputs if o.code in mine],
        outcomes=[],
    )


@gc_paused()
def scoped_workforce(cycle: Cycle, scope: MoneyScope) -> WorkforceReport:
    """The workforce report of the scope's units: their people (and those people's
    allocations), their units' rows, demand by grade and the flexible workforce among
    them, and the consultants' cost lines of their results. The whole organisation reads
    what ``selectors.workforce_report`` reads; a part, the same six queries filtered."""
    if scope.whole:
        return selectors.workforce_report(cycle)
    units_in = scope.units or frozenset()
    cid = cycle.pk
    people = {pid: p for pid, p in selectors.people_of(cid).items() if p.unit in units_in}
    allocations = [
        row for row in selectors.fetch_rows(
            Allocation.objects.filter(person__cycle_id=cid, person__unit_id__in=units_in)
            .annotate(share_e4=selectors.scaled("share", SHARE_SCALE))
            .values_list("person_id", "result_id", "year", "share_e4")
            .order_by()
        )
    ]
    units = {
        uid: UnitInfo(code, name, parent, tier)
        for uid, code, name, parent, tier in OrgUnit.objects.filter(cycle_id=cid, pk__in=units_in)
        .values_list("id", "code", "name", "parent_id", "tier")
    }
    grade_costs = {
        (grade, year): cents
        for grade, year, cents in GradeCost.objects.filter(grade__cycle_id=cid)
        .annotate(cents=selectors.scaled("annual_cost", 100))
        .values_list("grade_id", "year", "cents")
    }
    contractual = dict(
        CostLine.objects.filter(
            result__cycle_id=cid, result__unit_id__in=units_in,
            category=CostCategory.CONSULTANTS_CONTRACTUAL,
        ).values_list("year").annotate(total=Sum("amount")).order_by()
    )
    return workforce.workforce(
        list(cycle.years), people, allocations, units,
        dict(Grade.objects.filter(cycle_id=cid).values_list("id", "code")), grade_costs,
        {year: to_cents(total) for year, total in contractual.items()},
    )


# ---------------------------------------------------------------- money in histories

# Records that are figures of the organisation as a whole: their history is shown to
# those whose money covers every unit, as their pages are.
_WHOLE_ORGANISATION = {"finance.scenario", "finance.scenarioenvelope", "mobilisation.revenue"}
# Records of one unit's money: their history follows the subtrees of the user's roles.
_UNIT_MONEY = {"finance.costline": "result__unit_id", "finance.transaction": "unit_id",
               "finance.scenariorank": "result__unit_id"}


def may_see_money_of(user: Any, obj: Any) -> bool:
    """Whether ``user`` may read the money ``obj`` holds (its history shows it): the
    rule of the finance pages, for any record; True for records that hold no money."""
    name = object_type(type(obj))
    if name not in _WHOLE_ORGANISATION and name not in _UNIT_MONEY:
        return True
    cycle = _cycle_of(obj)
    try:
        scope = money_scope(user, cycle)
    except PermissionDenied:
        return False
    if name in _WHOLE_ORGANISATION:
        return scope.whole
    unit_id: Any = obj
    for part in _UNIT_MONEY[name].split("__"):  # the record's own fields: no query
        unit_id = getattr(unit_id, part)
    return scope.whole or (unit_id is not None and scope.covers(unit_id))


def money_records_of(user: Any, queryset: Any, cycle: Cycle) -> Any:
    """``queryset`` (records of ``cycle``) less the money records ``user`` may not read
    (see ``may_see_money_of``); other querysets unchanged. One query (the cycle's unit
    tree) for a user who sees part of the organisation's money."""
    name = object_type(queryset.model)
    if name not in _UNIT_MONEY or permissions.is_unrestricted(user):
        return queryset
    try:
        scope = money_scope(user, cycle)
    except PermissionDenied:
        return queryset.none()
    return queryset if scope.whole else queryset.filter(**{f"{_UNIT_MONEY[name]}__in": scope.units})


def _cycle_of(obj: Any) -> Cycle:
    for path in ("cycle", "scenario__cycle", "result__cycle"):
        found = obj
        for part in path.split("__"):
            found = getattr(found, part, None)
        if isinstance(found, Cycle):
            return found
    raise ValueError(f"{obj!r} belongs to no cycle")
