"""Writes of finance: saved funding scenarios. Every change is audited.

A scenario's audit row holds the scenario with its envelopes and manual ranks, so one
row tells the whole change (the way an indicator's row holds its targets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.core import audit
from goldenthread.core.audit import ActorLike
from goldenthread.finance.choices import ScenarioRule
from goldenthread.finance.models import Fund, Scenario, ScenarioEnvelope, ScenarioRank, Transaction
from goldenthread.finance.scenarios import Envelope
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Result


def scenario_snapshot(scenario: Scenario) -> dict[str, Any]:
    """The scenario as its audit rows show it: its fields, envelopes and ranks."""
    data = audit.snapshot(scenario)
    data["envelopes"] = [
        {"year": year, "source": source, "amount": str(amount)}
        for year, source, amount in ScenarioEnvelope.objects.filter(scenario=scenario)
        .order_by("year", "source__code")
        .values_list("year", "source__code", "amount")
    ]
    data["ranks"] = dict(
        ScenarioRank.objects.filter(scenario=scenario)
        .order_by("rank", "result__code")
        .values_list("result__code", "rank")
    )
    return data


def _envelope_rows(scenario: Scenario, envelopes: Sequence[Envelope]) -> list[ScenarioEnvelope]:
    cycle = scenario.cycle
    if not envelopes:
        raise ValidationError("A scenario needs at least one envelope: a year and an amount.")
    funds = {f.code: f for f in Fund.objects.filter(cycle=cycle)}
    rows: list[ScenarioEnvelope] = []
    seen: set[tuple[int, str | None]] = set()
    for env in envelopes:
        where = f"{env.source} in {env.year}" if env.source else str(env.year)
        if (env.year, env.source) in seen:
            raise ValidationError(f"Two envelopes for {where}.")
        seen.add((env.year, env.source))
        if not cycle.contains_year(env.year):
            raise ValidationError(
                f"The envelope for {where} is outside {cycle.code} ({cycle.start_year}-{cycle.end_year})."
            )
        if env.amount < 0:
            raise ValidationError(f"The envelope for {where} is negative.")
        source = None
        if env.source is not None:
            source = funds.get(env.source)
            if source is None:
                raise ValidationError(
                    f"No fund '{env.source}' in {cycle.code}; funds: {', '.join(sorted(funds))}."
                )
        row = ScenarioEnvelope(scenario=scenario, year=env.year, source=source,
                               amount=Decimal(env.amount))
        row.full_clean(exclude=["scenario"], validate_constraints=False)
        rows.append(row)
    return rows


def _rank_rows(scenario: Scenario, ranks: Mapping[str, int]) -> list[ScenarioRank]:
    outputs = dict(
        Result.objects.filter(cycle=scenario.cycle, code__in=list(ranks), level__kind=LevelKind.OUTPUT)
        .values_list("code", "id")
    )
    rows = []
    for code, rank in ranks.items():
        if code not in outputs:
            raise ValidationError(f"No output '{code}' in {scenario.cycle.code} to rank.")
        if rank < 1:
            raise ValidationError(f"The rank of {code} must be 1 or more, not {rank}.")
        rows.append(ScenarioRank(scenario=scenario, result_id=outputs[code], rank=rank))
    return rows


def _write_children(
    scenario: Scenario, envelopes: Sequence[Envelope] | None, ranks: Mapping[str, int] | None
) -> None:
    if envelopes is not None:
        rows = _envelope_rows(scenario, envelopes)
        ScenarioEnvelope.objects.filter(scenario=scenario).delete()
        ScenarioEnvelope.objects.bulk_create(rows)
    if ranks is not None:
        rank_rows = _rank_rows(scenario, ranks)
        ScenarioRank.objects.filter(scenario=scenario).delete()
        ScenarioRank.objects.bulk_create(rank_rows)


@transaction.atomic
def scenario_create(
    *,
    actor: ActorLike,
    cycle: Cycle,
    code: str,
    name: str = "",
    rule: str = ScenarioRule.COST,
    description: str = "",
    envelopes: Sequence[Envelope],
    ranks: Mapping[str, int] | None = None,
) -> Scenario:
    """Save a scenario with its envelopes (fund codes name per-source envelopes) and,
    for the manual rule, the ranks of outputs by code."""
    user, label = audit.actor_fields(actor)
    scenario = Scenario(
        cycle=cycle, code=code, name=name or code, rule=rule, description=description,
        created_by=user, created_by_label=label,
    )
    scenario.full_clean()
    scenario.save(force_insert=True)
    _write_children(scenario, envelopes, ranks or {})
    audit.record(actor=actor, action="create", obj=scenario, after=scenario_snapshot(scenario))
    return scenario


@transaction.atomic
def scenario_update(
    *,
    actor: ActorLike,
    scenario: Scenario,
    name: str | None = None,
    rule: str | None = None,
    description: str | None = None,
    envelopes: Sequence[Envelope] | None = None,
    ranks: Mapping[str, int] | None = None,
) -> Scenario:
    """Change a scenario; envelopes or ranks given replace the ones it had."""
    fresh = Scenario.objects.select_for_update().get(pk=scenario.pk)
    before = scenario_snapshot(fresh)
    for field, value in (("name", name), ("rule", rule), ("description", description)):
        if value is not None:
            setattr(scenario, field, value)
    scenario.full_clean()
    scenario.save()
    _write_children(scenario, envelopes, ranks)
    after = scenario_snapshot(scenario)
    changed = audit.changed_fields(before, after)
    if changed:
        audit.record(
            actor=actor, action="update", obj=scenario,
            before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
        )
    return scenario


@transaction.atomic
def scenario_delete(*, actor: ActorLike, scenario: Scenario) -> None:
    """Delete a scenario; its audit row keeps what it held."""
    before = scenario_snapshot(scenario)
    audit.record(actor=actor, action="delete", obj=scenario, before=before)
    pk = scenario.pk
    scenario.delete()
    scenario.pk = pk


# ------------------------------------------------------------------ the ledger


@transaction.atomic
def transaction_create(*, actor: ActorLike, message: str = "", **fields: Any) -> Transaction:
    """Record one ledger transaction (validated: same cycle, an output level, a date in
    the cycle, a non-zero amount). A signed-in actor needs the finance role on its unit."""
    from goldenthread.core import permissions
    from goldenthread.core.services import object_create

    row = Transaction(**fields)
    user, _ = audit.actor_fields(actor)
    if user is not None and row.unit_id:
        permissions.require(user, permissions.FINANCE, row.unit)
    return object_create(actor=actor, obj=row, message=message)


@transaction.atomic
def transactions_load(
    *, actor: ActorLike, cycle: Cycle, rows: Sequence[Mapping[str, Any]], message: str = ""
) -> int:
    """Record many transactions at once (the demo's ledger), each validated, one audit row
    per transaction. ``rows`` name units, outputs and funds by code:
    ``{"date", "amount", "currency", "category", "source", "unit", "output", "vendor"}``.
    A row that does not hold is refused with its number and nothing is written."""
    from goldenthread.org.models import OrgUnit

    units = {u.code: u for u in OrgUnit.objects.filter(cycle=cycle)}
    funds = {f.code: f for f in Fund.objects.filter(cycle=cycle)}
    results = {r.code: r for r in Result.objects.filter(cycle=cycle).select_related("level")}
    made: list[Transaction] = []
    for number, row in enumerate(rows, start=1):
        problems = []
        unit = units.get(row.get("unit") or "")
        if unit is None:
            problems.append(f"unit: no unit '{row.get('unit', '')}' in {cycle.code}")
        source = funds.get(row.get("source") or "")
        if source is None:
            problems.append(f"source: no fund '{row.get('source', '')}' in {cycle.code}")
        output = results.get(row.get("output") or "") if row.get("output") else None
        if row.get("output") and output is None:
            problems.append(f"output: no result '{row['output']}' in {cycle.code}")
        elif output is not None and output.level.kind != LevelKind.OUTPUT:
            problems.append(f"output: {output.code} is not an output")
        if not problems:
            item = Transaction(
                cycle=cycle, date=row.get("date") or "", amount=row.get("amount") or "",
                currency=row.get("currency") or cycle.currency, category=row.get("category") or "",
                source=source, unit=unit, output=output, vendor=row.get("vendor", ""),
                description=row.get("description", ""), reference=row.get("reference", ""),
            )
            try:
                item.full_clean(exclude=["cycle", "source", "unit", "output"])
                item.clean()
            except ValidationError as error:
                problems += [f"{field}: {m}" if field != "__all__" else m
                             for field, messages in error.message_dict.items() for m in messages]
            else:
                made.append(item)
        if problems:
            raise ValidationError(f"ledger row {number}: {'; '.join(problems)}; nothing was recorded")
    Transaction.objects.bulk_create(made)
    return audit.record_many(actor=actor, action="create", objs=made, message=message,
                             cycle_code=cycle.code)
