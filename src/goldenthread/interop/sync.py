"""Applying a checked workbook import to its cycle, record by record, through the services.

The plans come from ``interop/workbook.py`` after the edited plan passed every
check, so here each row only becomes service calls, in an order that keeps every
intermediate state valid:

1. deletions (cost lines, allocations, risks, cleared targets, indicators with
   their values, links, then results), so nothing deleted is still referred to
   and a link swapped round never closes a loop on the way;
2. results created and updated; 3. links updated and created;
4. indicators and their targets, then how computed indicators are computed (once
   every indicator they may be computed from exists); 5. cost lines, allocations and
   risks.

Every write is audited by the service that makes it, with the import's actor and
a message naming the workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from goldenthread.core.audit import ActorLike
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.finance.choices import REGULAR_BUDGET
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.choices import Aggregation, Direction, Frequency
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.indicators.services import indicator_set_computation, target_set
from goldenthread.interop.planfile import to_amount, to_date, to_decimal, to_period, to_value
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.choices import ResultStatus, RollupMethod
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.plans.services import link_create, link_delete, link_update
from goldenthread.risks.choices import RiskStatus
from goldenthread.risks.models import Risk

CHUNK = 500


class SyncError(Exception):
    """A row the services refused (a rule the plan checks do not know)."""

    def __init__(self, plan: Any, message: str):
        super().__init__(message)
        self.plan = plan
        self.message = message


def _messages(exc: ValidationError | IntegrityError) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


class _Sync:
    def __init__(self, cycle: Cycle, actor: ActorLike, source: str):
        self.cycle = cycle
        self.actor = actor
        self.message = f"imported from the workbook {source}" if source else "imported from a workbook"
        cid = cycle.pk
        self.level_ids = dict(Level.objects.filter(cycle_id=cid).values_list("code", "id"))
        self.unit_ids = dict(OrgUnit.objects.filter(cycle_id=cid).values_list("code", "id"))
        self.person_ids = dict(Person.objects.filter(cycle_id=cid).values_list("code", "id"))
        self.fund_ids = dict(Fund.objects.filter(cycle_id=cid).values_list("code", "id"))
        self.results: dict[str, Result] = {}
        self.indicators: dict[str, Indicator] = {}

    # -- lookups

    def load_results(self, codes: Iterable[str]) -> None:
        wanted = sorted(set(codes) - set(self.results))
        for start in range(0, len(wanted), CHUNK):
            for result in Result.objects.filter(
                cycle_id=self.cycle.pk, code__in=wanted[start:start + CHUNK]
            ):
                self.results[result.code] = result

    def result(self, code: str) -> Result:
        if code not in self.results:
            self.load_results([code])
        return self.results[code]

    def result_id(self, code: str | None) -> int | None:
        return None if code is None else self.result(code).pk

    def indicator(self, code: str) -> Indicator:
        if code not in self.indicators:
            self.indicators[code] = Indicator.objects.get(cycle_id=self.cycle.pk, code=code)
        return self.indicators[code]

    def person_id(self, code: str | None) -> int | None:
        return None if code is None else self.person_ids[code]

    # -- fields of a record, as model attributes

    def result_fields(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "level_id": self.level_ids[r["level"]], "title": r["title"],
            "description": r.get("description", ""), "unit_id": self.unit_ids[r["unit"]],
            "person_id": self.person_id(r.get("person")), "priority": r.get("priority", ""),
            "method": r.get("method", RollupMethod.WEIGHTED_MEAN),
            "status": r.get("status", ResultStatus.ACTIVE), "tags": list(r.get("tags") or []),
        }

    def indicator_fields(self, i: dict[str, Any]) -> dict[str, Any]:
        unit = i.get("unit", "number")
        baseline = i.get("baseline")
        number, text = (None, "")
        if baseline is not None:
            number, text = to_value(baseline["value"], unit)
        return {
            "result_id": self.result(i["result"]).pk, "name": i["name"],
            "definition": i.get("definition", ""), "unit_of_measure": unit,
            "direction": i.get("direction", Direction.INCREASE),
            "aggregation": i.get("aggregation", Aggregation.SUM),
            "weight": to_decimal(i.get("weight", 1)),
            "baseline_year": baseline["year"] if baseline is not None else None,
            "baseline_value": number, "baseline_text": text,
            "means_of_verification": i.get("means_of_verification", ""),
            "collection_method": i.get("collection_method", ""),
            "frequency": i.get("frequency", Frequency.ANNUAL),
            "responsible_id": self.person_id(i.get("responsible")), "sdg": i.get("sdg", ""),
        }

    def risk_fields(self, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "unit_id": self.unit_ids[r["unit"]], "result_id": self.result_id(r.get("result")),
            "category": r["category"], "title": r["title"], "description": r.get("description", ""),
            "likelihood": r["likelihood"], "impact": r["impact"],
            "residual_likelihood": r.get("residual_likelihood"),
            "residual_impact": r.get("residual_impact"), "owner_id": self.person_id(r.get("owner")),
            "treatment": r.get("treatment", ""), "status": r.get("status", RiskStatus.OPEN),
            "last_reviewed": to_date(r.get("last_reviewed")),
        }

    @staticmethod
    def changed(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in new.items() if old.get(name) != value}

    # -- writes

    def create(self, obj: models.Model) -> Any:
        return object_create(actor=self.actor, obj=obj, message=self.message)

    def update(self, obj: models.Model, data: dict[str, Any]) -> None:
        if data:
            object_update(actor=self.actor, obj=obj, data=data, message=self.message)

    def delete(self, obj: models.Model) -> None:
        object_delete(actor=self.actor, obj=obj, message=self.message)

    def cost_line(self, record: dict[str, Any]) -> CostLine:
        return CostLine.objects.get(
            result=self.result(record["result"]), year=record["year"],
            category=record["category"],
            source_id=self.fund_ids[record.get("source", REGULAR_BUDGET)],
        )

    def allocation(self, record: dict[str, Any]) -> Allocation:
        return Allocation.objects.get(
            person_id=self.person_ids[record["person"]], result=self.result(record["result"]),
            year=record["year"],
        )

    def run(self, plans: list[Any]) -> None:
        by: dict[tuple[str, str], list[Any]] = {}
        for plan in plans:
            by.setdefault((plan.sheet.section, plan.action), []).append(plan)
        codes: set[str] = set()
        for plan in plans:
            for record in (plan.record, plan.old or {}):
                if plan.sheet.section == "results" and record.get("code"):
                    codes.add(record["code"])
                if record.get("result"):
                    codes.add(record["result"])
                codes.update(p["code"] for p in record.get("parents") or ())
        self.load_results(codes)

        def each(section: str, action: str) -> list[Any]:
            return by.get((section, action), [])

        steps = [
            (each("costs", "delete"), lambda p: self.delete(self.cost_line(p.old))),
            (each("allocations", "delete"), lambda p: self.delete(self.allocation(p.old))),
            (each("risks", "delete"),
             lambda p: self.delete(Risk.objects.get(cycle=self.cycle, code=p.old["code"]))),
            (each("indicators", "update"), self.clear_targets),
            (each("indicators", "delete"), self.delete_indicator),
            (each("results", "update"), self.remove_links),
            (each("results", "delete"), self.delete_result),
            (each("results", "create"), self.create_result),
            (each("results", "update"), self.update_result),
            (each("results", "create") + each("results", "update"), self.add_links),
            (each("indicators", "create"), self.create_indicator),
            (each("indicators", "update"), self.update_indicator),
            (each("indicators", "create") + each("indicators", "update"), self.set_computation),
            (each("costs", "create"), self.create_cost),
            (each("costs", "update"), self.update_cost),
            (each("allocations", "create"), self.create_allocation),
            (each("allocations", "update"), self.update_allocation),
            (each("risks", "create"), self.create_risk),
            (each("risks", "update"), self.update_risk),
        ]
        for todo, step in steps:
            for plan in todo:
                try:
                    step(plan)
                except (ValidationError, IntegrityError) as exc:
                    raise SyncError(plan, f"could not be saved: {_messages(exc)}") from None

    # results and links

    @staticmethod
    def parents(record: dict[str, Any] | None) -> dict[str, Decimal]:
        return {p["code"]: to_decimal(p.get("weight", 1)) for p in (record or {}).get("parents") or ()}

    def links_of(self, child: Result) -> dict[str, Link]:
        return {
            link.parent.code: link
            for link in Link.objects.filter(child=child).select_related("parent", "child")
        }

    def remove_links(self, plan: Any) -> None:
        if "parents" not in plan.changes:
            return
        gone = set(self.parents(plan.old)) - set(self.parents(plan.record))
        if gone:
            links = self.links_of(self.result(plan.record["code"]))
            for code in sorted(gone):
                link_delete(actor=self.actor, link=links[code])

    def delete_result(self, plan: Any) -> None:
        result = self.result(plan.old["code"])
        for link in self.links_of(result).values():
            link_delete(actor=self.actor, link=link)
        self.delete(result)
        del self.results[result.code]

    def create_result(self, plan: Any) -> None:
        record = plan.record
        result = self.create(Result(cycle=self.cycle, code=record["code"], **self.result_fields(record)))
        self.results[result.code] = result

    def update_result(self, plan: Any) -> None:
        result = self.result(plan.record["code"])
        data = self.changed(self.result_fields(plan.record), self.result_fields(plan.old))
        self.update(result, data)

    def add_links(self, plan: Any) -> None:
        if plan.action == "update" and "parents" not in plan.changes:
            return
        new = self.parents(plan.record)
        old = self.parents(plan.old)
        if not new:
            return
        child = self.result(plan.record["code"])
        links = self.links_of(child) if old else {}
        assumptions = {p["code"]: p.get("assumption", "") for p in plan.record.get("parents") or ()}
        for code, weight in new.items():
            if code in links:
                if links[code].weight != weight:
                    link_update(actor=self.actor, link=links[code], weight=weight)
            else:
                link_create(actor=self.actor, child=child, parent=self.result(code), weight=weight,
                            assumption=assumptions.get(code, ""))

    # indicators and targets

    @staticmethod
    def targets(record: dict[str, Any] | None) -> dict[str, Any]:
        return dict((record or {}).get("targets") or {})

    def clear_targets(self, plan: Any) -> None:
        gone = set(self.targets(plan.old)) - set(self.targets(plan.record))
        if not gone:
            return
        indicator = self.indicator(plan.record["code"])
        for key in sorted(gone, key=to_period):
            period = to_period(key)
            self.delete(Target.objects.get(indicator=indicator, year=period.year,
                                           quarter=period.quarter))

    def delete_indicator(self, plan: Any) -> None:
        indicator = self.indicator(plan.old["code"])
        # its own sources, and the indicators computed from it (the checks made sure each of
        # them is deleted or no longer computed from it in this very workbook)
        for contribution in Contribution.objects.filter(
            models.Q(computed=indicator) | models.Q(source=indicator)
        ).order_by("pk"):
            self.delete(contribution)
        for value in [*Target.objects.filter(indicator=indicator),
                      *Actual.objects.filter(indicator=indicator)]:
            self.delete(value)
        self.delete(indicator)
        del self.indicators[indicator.code]

    def set_targets(self, indicator: Indicator, plan: Any) -> None:
        """The targets of a new indicator, or the target cells changed on an updated one
        (all of them when the unit of measure changed, so each is stored as it now reads)."""
        unit = indicator.unit_of_measure
        every = plan.action == "create" or "unit" in plan.changes
        for key, value in self.targets(plan.record).items():
            if not every and f"targets.{key}" not in plan.changes:
                continue
            number, text = to_value(value, unit)
            target_set(actor=self.actor, indicator=indicator, period=to_period(key), value=number,
                       text=text)

    def create_indicator(self, plan: Any) -> None:
        record = plan.record
        indicator = self.create(Indicator(cycle=self.cycle, code=record["code"],
                                          **self.indicator_fields(record)))
        self.indicators[indicator.code] = indicator
        self.set_targets(indicator, plan)

    @staticmethod
    def sources(record: dict[str, Any] | None) -> dict[str, Decimal]:
        return {
            (s if isinstance(s, str) else s["code"]):
                to_decimal(1 if isinstance(s, str) else s.get("weight", 1))
            for s in (record or {}).get("computed_from") or ()
        }

    def set_computation(self, plan: Any) -> None:
        """How a computed indicator is computed, through the indicators' service (which
        refuses what the plan checks do not know: actuals typed in, for one)."""
        method, sources = plan.record.get("computation", ""), self.sources(plan.record)
        old = plan.old or {}
        if method == old.get("computation", "") and sources == self.sources(old):
            return
        indicator_set_computation(
            actor=self.actor, indicator=self.indicator(plan.record["code"]), computation=method,
            sources=[(self.indicator(code), weight) for code, weight in sources.items()],
        )

    def update_indicator(self, plan: Any) -> None:
        indicator = self.indicator(plan.record["code"])
        data = self.changed(self.indicator_fields(plan.record), self.indicator_fields(plan.old))
        self.update(indicator, data)
        self.set_targets(indicator, plan)

    # money and risks

    def create_cost(self, plan: Any) -> None:
        r = plan.record
        self.create(CostLine(
            result=self.result(r["result"]), year=r["year"], category=r["category"],
            source_id=self.fund_ids[r.get("source", REGULAR_BUDGET)],
            amount=to_amount(r["amount"]), description=r.get("description", ""),
        ))

    def update_cost(self, plan: Any) -> None:
        line = self.cost_line(plan.old)
        new = {"amount": to_amount(plan.record["amount"]),
               "description": plan.record.get("description", "")}
        self.update(line, self.changed(new, {"amount": line.amount, "description": line.description}))

    def create_allocation(self, plan: Any) -> None:
        r = plan.record
        self.create(Allocation(
            person_id=self.person_ids[r["person"]], result=self.result(r["result"]), year=r["year"],
            share=to_decimal(r["share"]),
        ))

    def update_allocation(self, plan: Any) -> None:
        allocation = self.allocation(plan.old)
        self.update(allocation, self.changed({"share": to_decimal(plan.record["share"])},
                                             {"share": allocation.share}))

    def create_risk(self, plan: Any) -> None:
        record = plan.record
        self.create(Risk(cycle=self.cycle, code=record["code"], **self.risk_fields(record)))

    def update_risk(self, plan: Any) -> None:
        risk = Risk.objects.get(cycle=self.cycle, code=plan.record["code"])
        self.update(risk, self.changed(self.risk_fields(plan.record), self.risk_fields(plan.old)))


def apply_plans(*, cycle: Cycle, plans: list[Any], actor: ActorLike, source: str = "") -> None:
    """Write the plans of a checked import; raise ``SyncError`` naming the row a service refused.

    Runs in the caller's transaction (the import's), so a refusal undoes every write."""
    _Sync(cycle, actor, source).run(plans)
