"""The kinds of decision a review takes: their parameters, how each is checked, who may
apply it, and what applying it does (through the plan's own services).

Every kind has a ``check`` that reads the parameters as typed (strings from a form or
JSON), refuses what does not hold with a message per parameter, and returns them in
their stored form with the records they name; and an ``apply`` that changes the plan.
Parameters are checked when a decision is proposed and again when it is applied (the
plan may have changed in between). A decision acts only on what its review covers: the
review's unit and the units below it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from goldenthread.core import permissions
from goldenthread.core.audit import ActorLike
from goldenthread.core.periods import Period, PeriodError
from goldenthread.core.permissions import Action
from goldenthread.core.services import object_create, object_update
from goldenthread.finance.choices import CostCategory
from goldenthread.finance.models import CostLine, Fund
from goldenthread.indicators.choices import UnitOfMeasure
from goldenthread.indicators.models import Indicator, Target
from goldenthread.indicators.services import target_set
from goldenthread.org.models import OrgUnit
from goldenthread.plans.choices import LevelKind, Priority, ResultStatus
from goldenthread.plans.models import Level, Result
from goldenthread.plans.services import link_create
from goldenthread.reviews.choices import DecisionKind
from goldenthread.reviews.models import Review
from goldenthread.risks.models import Risk
from goldenthread.risks.services import risk_escalate

CENT = Decimal("0.01")


@dataclass
class Checked:
    """Parameters in their stored form, and the records they name."""

    params: dict[str, Any]
    records: dict[str, Any] = field(default_factory=dict)


class Problems:
    """Gathers one message per parameter, then raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _text(params: dict[str, Any], name: str, problems: Problems, label: str) -> str:
    value = str(params.get(name) or "").strip()
    if not value:
        problems.add(name, f"Give the {label}.")
    return value


def _amount(params: dict[str, Any], name: str, problems: Problems) -> Decimal | None:
    raw = str(params.get(name) or "").strip().replace(",", "").replace("_", "")
    if not raw:
        problems.add(name, "Give the amount.")
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        problems.add(name, f"'{params.get(name)}' is not an amount.")
        return None
    if not value.is_finite() or value <= 0:
        problems.add(name, "The amount moved is above zero.")
        return None
    if value != value.quantize(CENT):
        problems.add(name, "An amount has at most two decimal places.")
        return None
    return value.quantize(CENT)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


class Scope:
    """What a review covers: its cycle and the ids of its unit and the units below it."""

    def __init__(self, review: Review) -> None:
        from goldenthread.reviews.selectors import subtree, unit_tree

        self.review = review
        self.cycle = review.cycle
        self.tree = unit_tree(self.cycle)
        self.units = subtree(self.tree, review.unit_id)

    def outside(self, what: str, unit_id: int) -> str:
        unit = self.tree[unit_id][1]
        return (
            f"{what} belongs to {unit}, outside what this review covers "
            f"({self.review.unit.code} and the units below it)."
        )

    def output(self, params: dict[str, Any], name: str, problems: Problems) -> Result | None:
        code = _text(params, name, problems, "output's code")
        if not code:
            return None
        found = Result.objects.filter(cycle=self.cycle, code=code).select_related("level", "unit").first()
        if found is None:
            problems.add(name, f"There is no result {code} in {self.cycle.code}.")
        elif found.level.kind != LevelKind.OUTPUT:
            problems.add(name, f"{code} is not an output (it is {_a(found.level.name.lower())}).")
        elif found.unit_id not in self.units:
            problems.add(name, self.outside(code, found.unit_id))
        else:
            return found
        return None


# ------------------------------------------------------------------ the kinds


def check_change_priority(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    output = scope.output(params, "output", problems)
    priority = str(params.get("priority") or "").strip()
    if priority not in Priority.values:
        problems.add("priority", f"'{priority}' is not a priority; one of: {', '.join(Priority.values)}.")
    elif output is not None and output.priority == priority:
        problems.add("priority", f"{output.code} already has the priority {Priority(priority).label}.")
    problems.raise_any()
    assert output is not None
    return Checked({"output": output.code, "priority": priority}, {"output": output})


def apply_change_priority(actor: ActorLike, checked: Checked) -> str:
    output: Result = checked.records["output"]
    before = output.get_priority_display() or "none"
    object_update(actor=actor, obj=output, data={"priority": checked.params["priority"]},
                  message="decision of a review")
    return f"{output.code}: priority {before} → {output.get_priority_display()}"


def check_change_target(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    code = _text(params, "indicator", problems, "indicator's code")
    indicator = None
    if code:
        indicator = (
            Indicator.objects.filter(cycle=scope.cycle, code=code).select_related("result").first()
        )
        if indicator is None:
            problems.add("indicator", f"There is no indicator {code} in {scope.cycle.code}.")
        elif indicator.result.unit_id not in scope.units:
            problems.add("indicator", scope.outside(code, indicator.result.unit_id))
            indicator = None
        elif indicator.unit_of_measure == UnitOfMeasure.QUALITATIVE:
            problems.add("indicator", f"{code} is qualitative: it has no number to target.")
            indicator = None
    period = None
    raw_period = str(params.get("period") or "").strip()
    if not raw_period:
        problems.add("period", "Give the period: a year (2030) or a quarter (2030-Q2).")
    else:
        try:
            period = Period.parse(raw_period)
        except PeriodError as error:
            problems.add("period", str(error))
        else:
            if not scope.cycle.contains_year(period.year):
                problems.add("period", f"{period} is outside the cycle "
                                       f"{scope.cycle.start_year}-{scope.cycle.end_year}.")
    raw_value = str(params.get("value") or "").strip().replace(",", "")
    value = None
    if not raw_value:
        problems.add("value", "Give the new target.")
    else:
        try:
            value = Decimal(raw_value)
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            problems.add("value", f"'{params.get('value')}' is not a number.")
            value = None
        else:
            if indicator is not None and indicator.unit_of_measure == UnitOfMeasure.YES_NO \
                    and value not in (0, 1):
                problems.add("value", f"{indicator.code} is yes/no: give 1 (yes) or 0 (no).")
    problems.raise_any()
    assert indicator is not None and period is not None and value is not None
    return Checked(
        {"indicator": indicator.code, "period": str(period), "value": str(value)},
        {"indicator": indicator, "period": period, "value": value},
    )


def apply_change_target(actor: ActorLike, checked: Checked) -> str:
    indicator: Indicator = checked.records["indicator"]
    period: Period = checked.records["period"]
    old = Target.objects.filter(indicator=indicator, year=period.year, quarter=period.quarter).first()
    target_set(actor=actor, indicator=indicator, period=period, value=checked.records["value"])
    was = "none" if old is None or old.value is None else f"{old.value.normalize():f}"
    return f"{indicator.code} target for {period}: {was} → {checked.records['value'].normalize():f}"


def check_move_budget(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    source_output = scope.output(params, "from_output", problems)
    target_output = scope.output(params, "to_output", problems)
    if source_output is not None and target_output is not None and source_output.pk == target_output.pk:
        problems.add("to_output", "Move the money to another output than the one it comes from.")
    year = None
    try:
        year = int(str(params.get("year") or "").strip())
    except ValueError:
        problems.add("year", f"'{params.get('year') or ''}' is not a year.")
    else:
        if not scope.cycle.contains_year(year):
            problems.add("year", f"{year} is outside the cycle "
                                 f"{scope.cycle.start_year}-{scope.cycle.end_year}.")
            year = None
    fund_code = _text(params, "source", problems, "funding source")
    fund = Fund.objects.filter(cycle=scope.cycle, code=fund_code).first() if fund_code else None
    if fund_code and fund is None:
        problems.add("source", f"There is no funding source {fund_code} in {scope.cycle.code}.")
    category = str(params.get("category") or "").strip()
    if category not in CostCategory.values:
        problems.add("category", f"'{category}' is not a cost category; "
                                 f"one of: {', '.join(CostCategory.values)}.")
    amount = _amount(params, "amount", problems)
    line = None
    if source_output is not None and year and fund is not None and category in CostCategory.values:
        line = CostLine.objects.filter(
            result=source_output, year=year, source=fund, category=category
        ).first()
        if line is None:
            problems.add("from_output", f"{source_output.code} has no cost line for {year}, "
                                        f"{CostCategory(category).label.lower()}, {fund.code}.")
        elif amount is not None and amount > line.amount:
            problems.add("amount", f"{source_output.code} has {line.amount:,.2f} for {year}, "
                                   f"{CostCategory(category).label.lower()}, {fund.code}: "
                                   f"{amount:,.2f} cannot be moved.")
    problems.raise_any()
    assert source_output and target_output and fund and amount is not None and year and line
    return Checked(
        {"from_output": source_output.code, "to_output": target_output.code, "year": year,
         "source": fund.code, "category": category, "amount": str(amount)},
        {"from": source_output, "to": target_output, "fund": fund, "line": line, "amount": amount,
         "year": year, "category": category},
    )


def apply_move_budget(actor: ActorLike, checked: Checked) -> str:
    r = checked.records
    line: CostLine = CostLine.objects.select_for_update().get(pk=r["line"].pk)
    amount: Decimal = r["amount"]
    object_update(actor=actor, obj=line, data={"amount": line.amount - amount},
                  message=f"decision of a review: {amount:,.2f} moved to {r['to'].code}")
    receiving = CostLine.objects.select_for_update().filter(
        result=r["to"], year=r["year"], source=r["fund"], category=r["category"]
    ).first()
    if receiving is None:
        object_create(
            actor=actor,
            obj=CostLine(result=r["to"], year=r["year"], source=r["fund"], category=r["category"],
                         amount=amount, description=f"moved from {r['from'].code}"),
            message=f"decision of a review: {amount:,.2f} moved from {r['from'].code}",
        )
    else:
        object_update(actor=actor, obj=receiving, data={"amount": receiving.amount + amount},
                      message=f"decision of a review: {amount:,.2f} moved from {r['from'].code}")
    return (f"{amount:,.2f} of {r['year']} {CostCategory(r['category']).label.lower()} "
            f"({r['fund'].code}) moved from {r['from'].code} to {r['to'].code}")


def check_drop_output(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    output = scope.output(params, "output", problems)
    if output is not None and output.status == ResultStatus.CANCELLED:
        problems.add("output", f"{output.code} is already dropped.")
    problems.raise_any()
    assert output is not None
    return Checked({"output": output.code}, {"output": output})


def apply_drop_output(actor: ActorLike, checked: Checked) -> str:
    output: Result = checked.records["output"]
    object_update(actor=actor, obj=output,
                  data={"status": ResultStatus.CANCELLED, "priority": Priority.WONT},
                  message="decision of a review: output dropped")
    return f"{output.code} dropped: cancelled, and won't have in this cycle"


def check_add_output(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    code = _text(params, "code", problems, "new output's code")
    if code and Result.objects.filter(cycle=scope.cycle, code=code).exists():
        problems.add("code", f"{scope.cycle.code} already has a result {code}.")
    if len(code) > 32:
        problems.add("code", "A code has at most 32 characters.")
    title = _text(params, "title", problems, "new output's title")
    unit_code = str(params.get("unit") or "").strip() or scope.review.unit.code
    unit = OrgUnit.objects.filter(cycle=scope.cycle, code=unit_code).first()
    if unit is None:
        problems.add("unit", f"There is no unit {unit_code} in {scope.cycle.code}.")
    elif unit.pk not in scope.units:
        problems.add("unit", scope.outside(f"Unit {unit_code}", unit.pk))
    parent_code = _text(params, "parent", problems, "code of the result it serves")
    parent = None
    level = Level.objects.filter(cycle=scope.cycle, kind=LevelKind.OUTPUT).order_by("rank").first()
    if level is None:
        problems.add("code", f"{scope.cycle.code} has no output level.")
    if parent_code:
        parent = Result.objects.filter(cycle=scope.cycle, code=parent_code).select_related("level").first()
        if parent is None:
            problems.add("parent", f"There is no result {parent_code} in {scope.cycle.code}.")
        elif level is not None and parent.level.rank >= level.rank:
            problems.add("parent", f"{parent_code} is {_a(parent.level.name.lower())}: an output "
                                   "serves a result of a level above the outputs.")
    priority = str(params.get("priority") or "").strip()
    if priority and priority not in Priority.values:
        problems.add("priority", f"'{priority}' is not a priority; one of: {', '.join(Priority.values)}.")
    problems.raise_any()
    assert unit is not None and parent is not None and level is not None
    return Checked(
        {"code": code, "title": title, "unit": unit.code, "parent": parent.code, "priority": priority},
        {"unit": unit, "parent": parent, "level": level},
    )


def apply_add_output(actor: ActorLike, checked: Checked) -> str:
    p, r = checked.params, checked.records
    output = object_create(
        actor=actor,
        obj=Result(cycle_id=r["unit"].cycle_id, code=p["code"], level=r["level"], title=p["title"],
                   unit=r["unit"], priority=p["priority"]),
        message="decision of a review: output added",
    )
    link_create(actor=actor, child=output, parent=r["parent"])
    return f"{output.code} added under {r['parent'].code}, owned by {r['unit'].code}"


def check_escalate_risk(scope: Scope, params: dict[str, Any]) -> Checked:
    problems = Problems()
    code = _text(params, "risk", problems, "risk's code")
    risk = None
    if code:
        risk = (
            Risk.objects.filter(cycle=scope.cycle, code=code)
            .select_related("unit", "unit__parent").first()
        )
        if risk is None:
            problems.add("risk", f"There is no risk {code} in {scope.cycle.code}.")
        elif risk.unit_id not in scope.units:
            problems.add("risk", scope.outside(code, risk.unit_id))
            risk = None
        elif risk.status != "open":
            problems.add("risk", f"{code} is closed: only an open risk is escalated.")
            risk = None
    to_unit = None
    to_code = str(params.get("to_unit") or "").strip()
    if risk is not None:
        if to_code:
            to_unit = OrgUnit.objects.filter(cycle=scope.cycle, code=to_code).first()
            if to_unit is None:
                problems.add("to_unit", f"There is no unit {to_code} in {scope.cycle.code}.")
        else:
            to_unit = risk.unit.parent
            if to_unit is None:
                problems.add("to_unit", f"{code} belongs to the top of the organisation: "
                                        "there is no unit above it.")
        if to_unit is not None:
            above = []
            node = risk.unit.parent
            while node is not None:
                above.append(node.pk)
                node = node.parent
            if to_unit.pk not in above:
                problems.add("to_unit", f"{to_unit.code} is not above {risk.unit.code}: "
                                        "a risk is escalated upward.")
    problems.raise_any()
    assert risk is not None and to_unit is not None
    reason = str(params.get("reason") or "").strip()
    return Checked({"risk": risk.code, "to_unit": to_unit.code, "reason": reason},
                   {"risk": risk, "to_unit": to_unit, "review": scope.review})


def apply_escalate_risk(actor: ActorLike, checked: Checked) -> str:
    risk: Risk = checked.records["risk"]
    before = risk.unit.code
    risk_escalate(actor=actor, risk=risk, to_unit=checked.records["to_unit"],
                  reason=checked.params.get("reason") or "decision of a review",
                  review=checked.records["review"])
    return f"{risk.code} escalated from {before} to {checked.records['to_unit'].code}"


# ------------------------------------------------------------------ the table of kinds


@dataclass(frozen=True)
class Kind:
    check: Callable[[Scope, dict[str, Any]], Checked]
    apply: Callable[[ActorLike, Checked], str]
    action: Action  # the action the applier needs on each record in ``on``
    on: tuple[str, ...]  # the records it is needed on


KINDS: dict[str, Kind] = {
    DecisionKind.CHANGE_PRIORITY: Kind(
        check_change_priority, apply_change_priority, Action.PLAN, ("output",)
    ),
    DecisionKind.CHANGE_TARGET: Kind(check_change_target, apply_change_target, Action.PLAN, ("indicator",)),
    DecisionKind.MOVE_BUDGET: Kind(check_move_budget, apply_move_budget, Action.COST, ("from", "to")),
    DecisionKind.DROP_OUTPUT: Kind(check_drop_output, apply_drop_output, Action.PLAN, ("output",)),
    DecisionKind.ADD_OUTPUT: Kind(check_add_output, apply_add_output, Action.PLAN, ("unit",)),
    DecisionKind.ESCALATE_RISK: Kind(check_escalate_risk, apply_escalate_risk, Action.RISK, ("risk",)),
}


def kind_of(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValidationError({"kind": f"'{kind}' is not a kind of decision; one of: {', '.join(KINDS)}."})
    return KINDS[kind]


def check(review: Review, kind: str, params: dict[str, Any]) -> Checked:
    """Check the parameters of a decision of ``kind`` for ``review``."""
    return kind_of(kind).check(Scope(review), dict(params))


def require_applier(user: Any, kind: str, checked: Checked) -> None:
    """Refuse (PermissionDenied naming the unit) unless ``user`` holds the role the kind
    needs on every record it changes."""
    spec = kind_of(kind)
    for name in spec.on:
        permissions.require(user, spec.action, checked.records[name])
