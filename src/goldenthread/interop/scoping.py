"""A plan document as one user sees it: what ``goldenthread dump --user`` writes.

The whole plan is dumped first (``plan_dump``), then every record the user may not
see (``Model.objects.visible_to(user)``, the one rule of ``core/permissions.py``) is
left out, and so are the references to records left out, so the document still
loads: a parent the user does not see is dropped from a result's parents, a
responsible person or a risk owner from another unit is left unnamed, and so is a
source of a computed indicator the user does not see; staff time of a person the user
does not see is left out.
"""

from __future__ import annotations

from typing import Any

from goldenthread.indicators.models import Indicator
from goldenthread.mobilisation.models import ActionLine, Revenue
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Cycle, Result
from goldenthread.risks.models import Risk


def _codes(model: Any, cycle: Cycle, user: Any) -> set[str]:
    return set(model.objects.visible_to(user).filter(cycle=cycle).values_list("code", flat=True))


def scope_document(document: dict[str, Any], cycle: Cycle, user: Any) -> dict[str, Any]:
    """``document`` (a dump of ``cycle``) reduced to what ``user`` may see. Six queries.
    ``user=None`` (the operator) sees everything: the document comes back as it is."""
    if user is None:
        return document
    units = _codes(OrgUnit, cycle, user)
    people = _codes(Person, cycle, user)
    results = _codes(Result, cycle, user)
    indicators = _codes(Indicator, cycle, user)
    risks = _codes(Risk, cycle, user)
    action_lines = _codes(ActionLine, cycle, user)
    revenue = Revenue.objects.visible_to(user).filter(cycle=cycle).exists() or not (
        Revenue.objects.filter(cycle=cycle).exists()
    )

    def without(row: dict[str, Any], key: str, seen: set[str]) -> dict[str, Any]:
        if key in row and row[key] not in seen:
            row = {k: v for k, v in row.items() if k != key}
        return row

    scoped: dict[str, Any] = {}
    for name, items in document.items():
        if not isinstance(items, list):
            scoped[name] = items
            continue
        kept: list[dict[str, Any]] = []
        for row in items:
            if name == "units" and row["code"] not in units:
                continue
            if name == "people" and row["code"] not in people:
                continue
            if name == "results":
                if row["code"] not in results:
                    continue
                row = without(row, "person", people)
                if "parents" in row:
                    parents = [p for p in row["parents"] if p["code"] in results]
                    row = {k: v for k, v in row.items() if k != "parents"}
                    if parents:
                        row["parents"] = parents
            if name == "indicators":
                if row["code"] not in indicators or row["result"] not in results:
                    continue
                row = without(row, "responsible", people)
                if "computed_from" in row:  # sources of other units are not named
                    row = {**row, "computed_from": [
                        s for s in row["computed_from"]
                        if (s if isinstance(s, str) else s["code"]) in indicators
                    ]}
            if name in ("costs", "assumptions") and row["result"] not in results:
                continue
            if name == "allocations" and (row["result"] not in results or row["person"] not in people):
                continue
            if name == "risks":
                if row["code"] not in risks:
                    continue
                row = without(without(row, "result", results), "owner", people)
            if name == "revenue" and not revenue:
                continue
            if name == "action_lines" and row["code"] not in action_lines:
                continue
            kept.append(row)
        if kept or name in ("levels",):
            scoped[name] = kept
    return scoped
