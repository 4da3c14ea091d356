"""Who may import what from a workbook, and what a workbook holds for whom.

An import writes through the services like any page, so it follows the roles of
docs/permissions.md row by row: results, indicators and targets need ``plan`` on the
unit that owns the result (before and after the change: moving a result to another unit
needs the role on both), cost lines and staff allocations need ``finance`` on the unit of
the result costed, risks need ``risk`` on the risk's unit. A row the importing user may
not write is a problem at that row, so nothing is written (the import is all or
nothing). The operator of the machine (no user) may write everything.

A workbook exported for a user holds what that user sees (``goldenthread dump --user``'s
rule, ``interop/scoping.py``); a row that is not in the workbook is left unchanged by an
import, so importing a user's workbook never touches what they cannot see.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from goldenthread.core import permissions
from goldenthread.core.audit import Actor
from goldenthread.core.permissions import COST, PLAN, RISK, Action
from goldenthread.interop import sheets as S
from goldenthread.org.models import OrgUnit
from goldenthread.plans.models import Cycle

# What each sheet's rows need, and how a row reaches its unit: directly ("unit") or
# through the result it is about ("result").
SHEET_RULES: dict[str, tuple[Action, str]] = {
    S.RESULTS.name: (PLAN, "unit"),
    S.INDICATORS.name: (PLAN, "result"),
    S.COSTS.name: (COST, "result"),
    S.ALLOCATIONS.name: (COST, "result"),
    S.RISKS.name: (RISK, "unit"),
}
VERBS = {PLAN: "change", COST: "change the costing of", RISK: "manage the risks of"}


def user_of(actor: Any) -> Any:
    """The user an import acts for: a signed-in user, a command's ``--user``, or None for
    the operator of the machine."""
    if isinstance(actor, Actor):
        return actor.user
    return actor


def refusals(
    cycle: Cycle, plans: Iterable[Any], user: Any, document: dict[str, Any]
) -> list[tuple[str, int, str]]:
    """(sheet, row, message) for every planned row ``user`` may not write. ``plans`` are
    the import's row plans (``old`` and ``record`` as plan-file records); ``document`` the
    plan as it stands, for the units of results not in the workbook. Two queries."""
    if permissions.is_operator(user):
        return []
    plans = list(plans)
    unit_of_result = {r["code"]: r.get("unit") for r in document.get("results", [])}
    for plan in plans:  # results created or moved by this very workbook
        if plan.sheet.name == S.RESULTS.name and plan.record:
            unit_of_result[plan.record.get("code")] = plan.record.get("unit")
    units = {
        code: (uid, name)
        for uid, code, name in OrgUnit.objects.filter(cycle=cycle).values_list("id", "code", "name")
    }
    allowed = {action: permissions.unit_ids(user, cycle, action) for action in (PLAN, COST, RISK)}
    found: list[tuple[str, int, str]] = []
    for plan in plans:
        rule = SHEET_RULES.get(plan.sheet.name)
        if rule is None:
            continue
        action, path = rule
        codes: list[str] = []
        for record in (plan.old, plan.record):
            if not record:
                continue
            code = record.get("unit") if path == "unit" else unit_of_result.get(record.get("result"))
            if code and code not in codes:
                codes.append(code)
        for code in codes:
            uid, name = units.get(code, (None, ""))
            if uid is None or uid in allowed[action]:
                continue
            roles = ", ".join(str(r.label).lower() for r in permissions.roles_granting(action))
            found.append((plan.sheet.name, plan.row, (
                f"you may not {VERBS[action]} this {plan.sheet.noun} ({plan.key}): it belongs to "
                f"{code} {name}, and none of your roles there allows it ({roles} do)"
            )))
            break
    return found
