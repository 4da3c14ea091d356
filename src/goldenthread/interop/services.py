"""Loading and dumping whole plans (``format: goldenthread-plan/1``).

``plan_load`` is the one way a plan file enters the database: it checks the
whole document first, then writes every record in one transaction, in bulk,
with one audit row per record created (one batch id for the whole load) and a
"load" row for the cycle. Any error and nothing is written.

``plan_dump`` writes a cycle back as a plan document, deterministically, so
that loading a file and dumping it gives back the same plan.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from goldenthread.core import audit
from goldenthread.core.audit import ActorLike, json_value
from goldenthread.core.periods import Period
from goldenthread.finance.choices import REGULAR_BUDGET
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.choices import ActualStatus, Aggregation, Direction, Frequency
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.interop.bulk import CHUNK, AuditedInserter, Table
from goldenthread.interop.planfile import (
    FORMAT,
    QUALITATIVE,
    YES_NO,
    PlanError,
    PlanFileError,
    to_amount,
    to_date,
    to_decimal,
    to_period,
    to_value,
    validate_plan,
    write_json,
)
from goldenthread.mobilisation.choices import ActionStatus, RevenueStream
from goldenthread.mobilisation.models import ActionLine, Revenue
from goldenthread.org.choices import ContractType
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person, RoleAssignment
from goldenthread.plans.choices import ResultStatus, RollupMethod
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.risks.choices import AssumptionStatus, RiskStatus
from goldenthread.risks.models import Assumption, Risk

Progress = Callable[[str, int, int], None]

DEFAULT_ON_TRACK = Decimal("0.9")
DEFAULT_AT_RISK = Decimal("0.7")
ONE = Decimal(1)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


# ------------------------------------------------------------------------- loading


class _Writer:
    """Writes a checked plan document in bulk, auditing every record.

    Parents are written before the records that point at them, and only the
    code -> id maps are kept, so memory stays flat however large the plan.
    The text beside each row is its audit ``object_repr``, as the model's
    ``__str__`` would give it.
    """

    def __init__(self, *, actor: ActorLike, cycle: Cycle, batch: uuid.UUID, progress: Progress):
        self.cycle = cycle
        self.progress = progress
        self.out = AuditedInserter(
            actor=actor, batch=batch, cycle_code=cycle.code, message="loaded from a plan file"
        )

    @property
    def counts(self) -> dict[str, int]:
        return self.out.counts

    def insert(
        self, label: str, model: type[models.Model], columns: list[str],
        rows: Iterable[tuple[Any, ...]], total: int, *, audited: bool = True,
    ) -> list[int]:
        def report(done: int) -> None:
            self.progress(label, done, total)

        return self.out.insert(
            Table(model, columns), rows, label=label, on_chunk=report, audited=audited
        )

    def write(self, doc: dict[str, Any]) -> None:
        cid = self.cycle.pk
        items = doc["levels"]
        level_ids = self.codes(items, self.insert(
            "levels", Level, ["cycle_id", "code", "name", "kind", "rank"],
            (((cid, lv["code"], lv["name"], lv["kind"], rank), lv["name"])
             for rank, lv in enumerate(items)),
            len(items),
        ))
        unit_ids = self.write_units(doc.get("units") or [])

        items = doc.get("grades") or []
        grade_ids = self.codes(items, self.insert(
            "grades", Grade, ["cycle_id", "code", "name"],
            (((cid, g["code"], g.get("name", "")), g["code"]) for g in items), len(items),
        ))
        grade_costs = [
            (grade_ids[g["code"]], g["code"], int(year), to_amount(amount))
            for g in items for year, amount in (g.get("annual_cost") or {}).items()
        ]
        self.insert(
            "grade_costs", GradeCost, ["grade_id", "year", "annual_cost"],
            (((gid, year, amount), f"{code} {year}: {amount}")
             for gid, code, year, amount in grade_costs),
            len(grade_costs),
        )

        items = doc.get("funds") or []
        fund_ids = dict(
            Fund.objects.filter(cycle_id=cid, is_regular=True).values_list("code", "id")
        )
        fund_ids.update(self.codes(items, self.insert(
            "funds", Fund, ["cycle_id", "code", "name", "donor", "is_regular"],
            (((cid, f["code"], f["name"], f.get("donor", ""), False), f["name"]) for f in items),
            len(items),
        )))

        items = doc.get("people") or []
        person_ids = self.codes(items, self.insert(
            "people", Person,
            ["cycle_id", "code", "name", "unit_id", "grade_id", "capacity", "contract", "remote",
             "email"],
            (((cid, p["code"], p["name"], unit_ids[p["unit"]],
               grade_ids[p["grade"]] if p.get("grade") else None,
               to_decimal(p.get("capacity", 1)), p.get("contract", ContractType.FIXED_TERM),
               p.get("remote", False), p.get("email", "")),
              f"{p['name']} ({p['code']})") for p in items),
            len(items),
        ))

        results = doc.get("results") or []
        result_ids = self.codes(results, self.insert(
            "results", Result,
            ["cycle_id", "code", "level_id", "title", "description", "unit_id", "person_id",
             "priority", "method", "status", "tags"],
            (((cid, r["code"], level_ids[r["level"]], r["title"], r.get("description", ""),
               unit_ids[r["unit"]], person_ids[r["person"]] if r.get("person") else None,
               r.get("priority", ""), r.get("method", RollupMethod.WEIGHTED_MEAN),
               r.get("status", ResultStatus.ACTIVE), list(r.get("tags", []))),
              f"{r['code']} {r['title']}") for r in results),
            len(results),
        ))
        self.insert(
            "links", Link, ["cycle_id", "child_id", "parent_id", "weight", "assumption"],
            (((cid, result_ids[r["code"]], result_ids[p["code"]], to_decimal(p.get("weight", 1)),
               p.get("assumption", "")), f"{r['code']} → {p['code']}")
             for r in results for p in r.get("parents") or ()),
            sum(len(r.get("parents") or ()) for r in results),
        )

        self.write_indicators(doc.get("indicators") or [], result_ids, person_ids)

        items = doc.get("costs") or []
        fund_of = {code: (fid, code) for code, fid in fund_ids.items()}
        self.insert(
            "costs", CostLine,
            ["result_id", "year", "category", "source_id", "amount", "description"],
            (((result_ids[c["result"]], c["year"], c["category"],
               fund_of[c.get("source", REGULAR_BUDGET)][0], amount, c.get("description", "")),
              f"{c['result']} {c['year']} {c['category']}: {amount}")
             for c in items for amount in (to_amount(c["amount"]),)),
            len(items),
        )
        items = doc.get("allocations") or []
        self.insert(
            "allocations", Allocation, ["person_id", "result_id", "year", "share"],
            (((person_ids[a["person"]], result_ids[a["result"]], a["year"], share),
              f"{a['person']} → {a['result']} {a['year']}: {share}")
             for a in items for share in (to_decimal(a["share"]).quantize(SHARE_QUANTUM),)),
            len(items),
        )
        items = doc.get("risks") or []
        self.insert(
            "risks", Risk,
            ["cycle_id", "code", "unit_id", "result_id", "category", "title", "description",
             "likelihood", "impact", "residual_likelihood", "residual_impact", "owner_id",
             "treatment", "status", "last_reviewed"],
            (((cid, r["code"], unit_ids[r["unit"]],
               result_ids[r["result"]] if r.get("result") else None, r["category"], r["title"],
               r.get("description", ""), r["likelihood"], r["impact"],
               r.get("residual_likelihood"), r.get("residual_impact"),
               person_ids[r["owner"]] if r.get("owner") else None, r.get("treatment", ""),
               r.get("status", RiskStatus.OPEN), to_date(r.get("last_reviewed"))),
              f"{r['code']} {r['title']}") for r in items),
            len(items),
        )
        items = doc.get("assumptions") or []
        self.insert(
            "assumptions", Assumption, ["result_id", "statement", "status", "last_reviewed"],
            (((result_ids[a["result"]], a["statement"], a.get("status", AssumptionStatus.HOLDS),
               to_date(a.get("last_reviewed"))), f"{a['result']}: {a['statement'][:60]}")
             for a in items),
            len(items),
        )
        items = doc.get("revenue") or []
        self.insert(
            "revenue", Revenue, ["cycle_id", "stream", "year", "amount", "earmark_id"],
            (((cid, r["stream"], r["year"], amount,
               result_ids[r["outcome"]] if r.get("outcome") else None),
              f"{RevenueStream(r['stream']).label} {r['year']}: {amount}"
              + (f" for {r['outcome']}" if r.get("outcome") else ""))
             for r in items for amount in (to_amount(r["amount"]),)),
            len(items),
        )
        items = doc.get("action_lines") or []
        self.insert(
            "action_lines", ActionLine,
            ["cycle_id", "code", "area", "title", "status", "milestone", "target_year",
             "target_quarter", "owner_id"],
            (self.action_line(a, unit_ids) for a in items),
            len(items),
        )

    @staticmethod
    def codes(items: list[dict[str, Any]], ids: list[int]) -> dict[str, int]:
        return {item["code"]: pk for item, pk in zip(items, ids, strict=True)}

    def action_line(
        self, item: dict[str, Any], unit_ids: dict[str, int]
    ) -> tuple[tuple[Any, ...], str]:
        target = to_period(item["target"]) if item.get("target") is not None else None
        values = (
            self.cycle.pk, item["code"], item["area"], item["title"],
            item.get("status", ActionStatus.TO_BE_STARTED), item.get("milestone", ""),
            target.year if target else None, target.quarter if target else 0,
            unit_ids[item["owner"]] if item.get("owner") else None,
        )
        return values, f"{item['code']} {item['title'][:80]}"

    def write_units(self, items: list[dict[str, Any]]) -> dict[str, int]:
        """Units are written root first, a tier at a time, so each parent has its id;
        the tier is the depth in the unit tree (a root is tier 1)."""
        parent_of = {u["code"]: u.get("parent") for u in items}
        tier: dict[str, int] = {}
        for code in parent_of:
            chain = []
            node: str | None = code
            while node is not None and node not in tier:
                chain.append(node)
                node = parent_of[node]
            depth = 0 if node is None else tier[node]
            for member in reversed(chain):
                depth += 1
                tier[member] = depth
        by_tier: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for item in items:
            by_tier[tier[item["code"]]].append(item)
        unit_ids: dict[str, int] = {}
        cid = self.cycle.pk
        for level in sorted(by_tier):
            group = by_tier[level]
            unit_ids.update(self.codes(group, self.insert(
                "units", OrgUnit, ["cycle_id", "code", "name", "parent_id", "tier"],
                (((cid, u["code"], u["name"], unit_ids[u["parent"]] if u.get("parent") else None,
                   level), f"{u['code']} {u['name']}") for u in group),
                len(items),
            )))
        return unit_ids

    def write_indicators(
        self, items: list[dict[str, Any]], result_ids: dict[str, int], person_ids: dict[str, int]
    ) -> None:
        """Indicators a chunk at a time, each chunk followed by its targets and actuals;
        then the sources of computed indicators, once every indicator has its id."""
        cid = self.cycle.pk
        indicator_ids: dict[str, int] = {}
        total_values = {
            key: sum(len(i.get(key) or ()) for i in items) for key in ("targets", "actuals")
        }
        for start in range(0, len(items), CHUNK):
            part = items[start:start + CHUNK]
            # Each indicator's audit row holds its targets and actuals as loaded, so the
            # values themselves are not audited a second time one row each.
            values = [
                {key: [(to_period(raw), *to_value(value, item.get("unit", "number")))
                       for raw, value in (item.get(key) or {}).items()]
                 for key in ("targets", "actuals")}
                for item in part
            ]
            # ... and so does a computed indicator's row its sources.
            ids = self.insert(
                "indicators", Indicator, INDICATOR_COLUMNS,
                ((*self.indicator(cid, item, result_ids, person_ids), {
                    **{key: {str(period): value_json(number, text)
                             for period, number, text in rows}
                       for key, rows in held.items()},
                    **({"computed_from": [
                        {"code": code, "weight": json_value(weight)}
                        for code, weight in sources_of(item)
                    ]} if item.get("computed_from") else {}),
                }) for item, held in zip(part, values, strict=True)),
                len(items),
            )
            indicator_ids.update(self.codes(part, ids))
            for model, key, extra in (
                (Target, "targets", ()),
                (Actual, "actuals", (ActualStatus.APPROVED,)),
            ):
                columns = ["indicator_id", "year", "quarter", "value", "text"]
                if extra:
                    columns.append("status")
                rows = [
                    ((pk, period.year, period.quarter, number, text, *extra), "")
                    for pk, held in zip(ids, values, strict=True)
                    for period, number, text in held[key]
                ]
                self.insert(key, model, columns, rows, total_values[key], audited=False)
        contributions = [
            ((indicator_ids[item["code"]], indicator_ids[code], weight), "")
            for item in items if item.get("computed_from")
            for code, weight in sources_of(item)
        ]
        self.insert(
            "contributions", Contribution, ["computed_id", "source_id", "weight"], contributions,
            len(contributions), audited=False,
        )

    @staticmethod
    def indicator(
        cid: int, item: dict[str, Any], result_ids: dict[str, int], person_ids: dict[str, int]
    ) -> tuple[tuple[Any, ...], str]:
        unit = item.get("unit", "number")
        baseline = item.get("baseline")
        number, text = (None, "")
        if baseline is not None:
            number, text = to_value(baseline["value"], unit)
        values = (
            cid, item["code"], result_ids[item["result"]], item["name"],
            item.get("definition", ""), unit, item.get("direction", Direction.INCREASE),
            item.get("aggregation", Aggregation.SUM), to_decimal(item.get("weight", 1)),
            baseline["year"] if baseline is not None else None, number, text,
            item.get("means_of_verification", ""), item.get("collection_method", ""),
            item.get("frequency", Frequency.ANNUAL),
            person_ids[item["responsible"]] if item.get("responsible") else None,
            item.get("sdg", ""), item.get("computation", ""), bool(item.get("allows_over_100", False)),
        )
        return values, f"{item['code']} {item['name']}"


WEIGHT_QUANTUM = Decimal("0.0001")


def sources_of(item: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """A plan indicator's ``computed_from`` as (code, weight) pairs; a bare code weighs 1."""
    pairs = []
    for entry in item.get("computed_from") or ():
        if isinstance(entry, dict):
            pairs.append((entry["code"], to_decimal(entry.get("weight", 1)).quantize(WEIGHT_QUANTUM)))
        else:
            pairs.append((entry, ONE.quantize(WEIGHT_QUANTUM)))
    return pairs


VALUE_QUANTUM = Decimal(1).scaleb(-Target._meta.get_field("value").decimal_places)  # type: ignore[union-attr]


def value_json(number: Decimal | None, text: str) -> Any:
    """A target's or actual's value as its audit snapshot shows it (the stored places)."""
    if text or number is None:
        return text
    return json_value(number.quantize(VALUE_QUANTUM))


INDICATOR_COLUMNS = [
    "cycle_id", "code", "result_id", "name", "definition", "unit_of_measure", "direction",
    "aggregation", "weight", "baseline_year", "baseline_value", "baseline_text",
    "means_of_verification", "collection_method", "frequency", "responsible_id", "sdg",
    "computation", "allows_over_100",
]
SHARE_QUANTUM = Decimal("0.0001")


def plan_counts(cycle: Cycle) -> dict[str, int]:
    """How many records of each kind a cycle holds (for audit rows and summaries)."""
    cid = cycle.pk
    return {
        "levels": Level.objects.filter(cycle_id=cid).count(),
        "units": OrgUnit.objects.filter(cycle_id=cid).count(),
        "grades": Grade.objects.filter(cycle_id=cid).count(),
        "grade_costs": GradeCost.objects.filter(grade__cycle_id=cid).count(),
        "people": Person.objects.filter(cycle_id=cid).count(),
        "funds": Fund.objects.filter(cycle_id=cid, is_regular=False).count(),
        "results": Result.objects.filter(cycle_id=cid).count(),
        "links": Link.objects.filter(cycle_id=cid).count(),
        "indicators": Indicator.objects.filter(cycle_id=cid).count(),
        "targets": Target.objects.filter(indicator__cycle_id=cid).count(),
        "actuals": Actual.objects.filter(indicator__cycle_id=cid).count(),
        "contributions": Contribution.objects.filter(computed__cycle_id=cid).count(),
        "costs": CostLine.objects.filter(result__cycle_id=cid).count(),
        "allocations": Allocation.objects.filter(result__cycle_id=cid).count(),
        "risks": Risk.objects.filter(cycle_id=cid).count(),
        "assumptions": Assumption.objects.filter(result__cycle_id=cid).count(),
        "revenue": Revenue.objects.filter(cycle_id=cid).count(),
        "action_lines": ActionLine.objects.filter(cycle_id=cid).count(),
    }


def _archive(cycle: Cycle) -> Path:
    """Keep the plan about to be replaced as a JSON file in the data directory."""
    folder = Path(settings.DATA_DIR) / "replaced"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", cycle.code)
    path = folder / f"{safe}-{stamp}.json"
    with path.open("w", encoding="utf-8") as handle:
        write_json(plan_dump(cycle), handle)
    return path


def _keep_evidence_files(cycle: Cycle, archive: Path) -> Path | None:
    """The evidence files uploaded in ``cycle``, about to be deleted with it, moved beside
    the archive of the plan (``<archive>-evidence/``, by their stored paths) once the
    replacement commits: discarded from the product, never silently lost. None when the
    cycle holds no file."""
    from django.core.files.storage import default_storage

    from goldenthread.reporting.models import Evidence

    names = list(Evidence.objects.filter(actual__indicator__cycle=cycle).exclude(file="")
                 .values_list("file", flat=True))
    if not names:
        return None
    folder = archive.with_name(f"{archive.stem}-evidence")

    def move() -> None:
        for name in names:
            if not default_storage.exists(name):
                continue
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as source, target.open("wb") as kept:
                shutil.copyfileobj(source, kept)
            default_storage.delete(name)

    transaction.on_commit(move)
    return folder


def _entered_records(cid: int) -> dict[str, int]:
    """What people entered in the cycle that a plan file does not carry, by kind: a
    replacement would delete it with the plan."""
    from goldenthread.finance.models import Transaction
    from goldenthread.reporting.models import Evidence, Transition
    from goldenthread.reviews.models import Lesson, Review

    counts = {
        "reviews": Review.objects.filter(cycle_id=cid).count(),
        "lessons learned": Lesson.objects.filter(cycle_id=cid).count(),
        "ledger rows": Transaction.objects.filter(cycle_id=cid).count(),
        "pieces of evidence": Evidence.objects.filter(actual__indicator__cycle_id=cid).count(),
        "reporting steps": Transition.objects.filter(actual__indicator__cycle_id=cid).count(),
    }
    return {kind: n for kind, n in counts.items() if n}


def _delete_reviews_and_ledger(cid: int) -> None:
    """The cycle's reviews (with their notes, decisions and actions), lessons and ledger."""
    from goldenthread.finance.models import Transaction
    from goldenthread.reviews.models import FollowUp, Lesson, Review

    Lesson.objects.filter(cycle_id=cid).delete()
    FollowUp.objects.filter(review__cycle_id=cid).delete()
    Review.objects.filter(cycle_id=cid).delete()
    Transaction.objects.filter(cycle_id=cid).delete()


def _delete_cycle(cycle: Cycle) -> None:
    """Delete a cycle and everything in it, largest tables first, in set-based deletes."""
    cid = cycle.pk
    Contribution.objects.filter(computed__cycle_id=cid).delete()
    Actual.objects.filter(indicator__cycle_id=cid).delete()
    Target.objects.filter(indicator__cycle_id=cid).delete()
    Link.objects.filter(cycle_id=cid).delete()
    CostLine.objects.filter(result__cycle_id=cid).delete()
    Allocation.objects.filter(result__cycle_id=cid).delete()
    Assumption.objects.filter(result__cycle_id=cid).delete()
    Risk.objects.filter(cycle_id=cid).delete()
    Indicator.objects.filter(cycle_id=cid).delete()
    Revenue.objects.filter(cycle_id=cid).delete()  # earmarks protect the outcomes they name
    _delete_reviews_and_ledger(cid)  # they protect the results, people and units they name
    Result.objects.filter(cycle_id=cid).delete()
    Person.objects.filter(cycle_id=cid).delete()
    GradeCost.objects.filter(grade__cycle_id=cid).delete()
    ActionLine.objects.filter(cycle_id=cid).delete()
    OrgUnit.objects.filter(cycle_id=cid).update(parent=None)
    cycle.delete()  # the rest (levels, units, grades, funds, revenue) and other apps' records


@dataclass
class _Access:
    """Who could do what in a cycle about to be replaced: roles on its units and the
    accounts tied to its people, by code, to give back to the same codes in the new plan.
    A plan file holds neither (they are not plan data), so a reload must not lose them."""

    roles: list[tuple[int, str, str]]  # (user id, unit code, role)
    ties: list[tuple[str, int]]  # (person code, user id)

    @classmethod
    def of(cls, cycle: Cycle) -> _Access:
        return cls(
            roles=list(RoleAssignment.objects.filter(unit__cycle=cycle)
                       .values_list("user_id", "unit__code", "role")),
            ties=list(Person.objects.filter(cycle=cycle, user__isnull=False).values_list("code", "user_id")),
        )

    def restore(self, *, actor: ActorLike, cycle: Cycle, batch: uuid.UUID) -> dict[str, Any]:
        """Give the roles and ties back where the unit or person is still there; say, in
        the load's audit row, which were given back and which could not be."""
        units = dict(OrgUnit.objects.filter(cycle=cycle).values_list("code", "id"))
        roles = [RoleAssignment(user_id=user, unit_id=units[unit], role=role)
                 for user, unit, role in self.roles if unit in units]
        RoleAssignment.objects.bulk_create(roles)
        audit.record_many(actor=actor, action="create", objs=roles, batch=batch,
                          cycle_code=cycle.code, message="role kept through the plan's replacement")
        people = {p.code: p for p in Person.objects.filter(cycle=cycle, code__in=[c for c, _u in self.ties])}
        tied = []
        for code, user in self.ties:
            if code in people:
                person = people[code]
                person.user_id = user
                tied.append(person)
                audit.record(actor=actor, action="update", obj=person, batch=batch, cycle_code=cycle.code,
                             before={"user": None}, after={"user": user},
                             message="account tie kept through the plan's replacement")
        Person.objects.bulk_update(tied, ["user"])
        return {
            "roles_kept": len(roles),
            "roles_dropped": [f"{role} on {unit}" for _user, unit, role in self.roles if unit not in units],
            "ties_kept": len(tied),
            "ties_dropped": sorted(code for code, _user in self.ties if code not in people),
        }


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a larger page cache while a plan loads: index updates of tables
    with millions of rows then stay in memory (the default cache is 2 MB)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@transaction.atomic
def plan_load(
    *,
    actor: ActorLike,
    document: dict[str, Any],
    replace: bool = False,
    discard_entered: bool = False,
    source: str = "",
    progress: Progress | None = None,
) -> Cycle:
    """Load a whole plan into a new cycle, all or nothing.

    The document is checked first (every problem listed); a cycle code that
    already exists is refused unless ``replace``, in which case the old plan is
    archived as JSON under the data directory, then deleted in the same
    transaction. A plan file does not carry what people entered around the plan
    (reviews, lessons, the ledger, evidence and the steps of reporting): a replacement
    that would delete any of it is refused, saying what, unless ``discard_entered``.
    Actuals in a plan file are loaded as approved: a plan file is loaded by a planner,
    not reported by a unit.
    """
    report = progress or _no_progress
    report("checking", 0, 1)
    validate_plan(document)
    report("checking", 1, 1)
    data = document["cycle"]
    code = data["code"]
    batch = uuid.uuid4()
    existing = Cycle.objects.select_for_update().filter(code=code).first()
    if existing is not None:
        if not replace:
            raise PlanFileError([PlanError(
                "cycle.code",
                f"a cycle '{code}' already exists; load with --replace to replace it",
            )])
        entered = _entered_records(existing.pk)
        if entered and not discard_entered:
            listed = ", ".join(f"{n:,} {kind}" for kind, n in entered.items())
            raise PlanFileError([PlanError(
                "cycle.code",
                f"cycle '{code}' holds {listed}, which a plan file does not carry and a "
                "replacement would delete; load the plan under another cycle code, or "
                "replace with --discard-entered to delete them",
            )])
        report("archiving the plan replaced", 0, 1)
        old_counts = {**plan_counts(existing), **({"discarded": entered} if entered else {})}
        archive = _archive(existing)
        evidence = _keep_evidence_files(existing, archive)
        audit.record(
            actor=actor, action="replace", obj=existing, batch=batch, cycle_code=code,
            before={"counts": old_counts, "archive": str(archive),
                    **({"evidence files": str(evidence)} if evidence else {})},
            message=f"replaced by {source or 'a plan file'}; the old plan is kept in {archive}"
            + (f", its evidence files in {evidence}" if evidence else ""),
        )
        access = _Access.of(existing)
        _delete_cycle(existing)
    else:
        access = None

    cycle = Cycle.objects.create(
        code=code, name=data["name"], description=data.get("description", ""),
        start_year=data["start_year"], end_year=data["end_year"],
        baseline_year=data["baseline_year"], currency=data.get("currency", "CHF"),
        on_track_threshold=to_decimal(data.get("on_track", DEFAULT_ON_TRACK)),
        at_risk_threshold=to_decimal(data.get("at_risk", DEFAULT_AT_RISK)),
        risk_appetite=data.get("risk_appetite", Cycle._meta.get_field("risk_appetite").default),
    )
    regular = Fund.objects.create(
        cycle=cycle, code=REGULAR_BUDGET, name="Regular budget", is_regular=True
    )
    audit.record_many(
        actor=actor, action="create", objs=[cycle, regular], batch=batch, cycle_code=code,
        message="loaded from a plan file",
    )  # the two records a cycle starts with; the plan's records follow in bulk
    writer = _Writer(actor=actor, cycle=cycle, batch=batch, progress=report)
    with _large_page_cache():
        writer.write(document)
    kept = access.restore(actor=actor, cycle=cycle, batch=batch) if access is not None else {}
    _refresh_statistics()
    audit.record(
        actor=actor, action="load", obj=cycle, batch=batch, cycle_code=code,
        after={"source": source, "counts": writer.counts, **kept},
        message=f"plan loaded from {source or 'a plan document'}",
    )
    return cycle


def _refresh_statistics() -> None:
    """On PostgreSQL, bring the planner's table statistics up to date after a bulk load
    (ANALYZE sees the load's own rows, even before it commits). Statistics taken when
    the tables were nearly empty lead it to nested-loop plans that crawl over a whole
    organisation's plan."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    tables = [m._meta.db_table for m in apps.get_models()
              if m._meta.app_label in {"org", "plans", "indicators", "finance", "risks", "mobilisation"}]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


# ------------------------------------------------------------------------- dumping


def _number(value: Decimal) -> int | float:
    """A stored decimal as a plan-file number: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _plan_value(number: Decimal | None, text: str, unit: str) -> Any:
    if unit == QUALITATIVE:
        return text
    if unit == YES_NO:
        return bool(number)
    return None if number is None else _number(number)


def _period_key(year: int, quarter: int) -> str:
    return str(Period(year, quarter))


def _values_by_indicator(model: type[Target] | type[Actual], cid: int) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    rows = (
        model.objects.filter(indicator__cycle_id=cid)
        .order_by("indicator_id", "year", "quarter")
        .values_list("indicator_id", "year", "quarter", "value", "text")
    )
    for row in rows.iterator(chunk_size=20000):
        grouped[row[0]].append(row[1:])
    return grouped


def plan_dump(cycle: Cycle) -> dict[str, Any]:
    """The cycle as a plan document: records sorted by their codes (or natural
    keys), optional keys left out when empty or at their default, amounts as
    decimal strings, in one query per table."""
    cid = cycle.pk
    doc: dict[str, Any] = {"format": FORMAT}
    head: dict[str, Any] = {
        "code": cycle.code, "name": cycle.name, "start_year": cycle.start_year,
        "end_year": cycle.end_year, "baseline_year": cycle.baseline_year,
        "currency": cycle.currency,
    }
    if cycle.description:
        head["description"] = cycle.description
    if cycle.on_track_threshold != DEFAULT_ON_TRACK:
        head["on_track"] = _number(cycle.on_track_threshold)
    if cycle.at_risk_threshold != DEFAULT_AT_RISK:
        head["at_risk"] = _number(cycle.at_risk_threshold)
    if cycle.risk_appetite != Cycle._meta.get_field("risk_appetite").default:
        head["risk_appetite"] = cycle.risk_appetite
    doc["cycle"] = head

    level_rows = Level.objects.filter(cycle_id=cid).order_by("rank").values_list(
        "id", "code", "name", "kind"
    )
    level_code = {}
    doc["levels"] = []
    for lid, code, name, kind in level_rows:
        level_code[lid] = code
        doc["levels"].append({"code": code, "name": name, "kind": kind})

    unit_rows = list(
        OrgUnit.objects.filter(cycle_id=cid).values_list("id", "code", "name", "parent_id")
    )
    unit_code = {uid: code for uid, code, _, _ in unit_rows}
    units = []
    for _, code, name, parent_id in sorted(unit_rows, key=lambda r: r[1]):
        unit: dict[str, Any] = {"code": code, "name": name}
        if parent_id is not None:
            unit["parent"] = unit_code[parent_id]
        units.append(unit)

    grade_rows = list(Grade.objects.filter(cycle_id=cid).values_list("id", "code", "name"))
    grade_code = {gid: code for gid, code, _ in grade_rows}
    costs_by_grade: dict[int, dict[str, str]] = defaultdict(dict)
    for gid, year, amount in GradeCost.objects.filter(grade__cycle_id=cid).order_by(
        "grade_id", "year"
    ).values_list("grade_id", "year", "annual_cost"):
        costs_by_grade[gid][str(year)] = _money(amount)
    grades = []
    for gid, code, name in sorted(grade_rows, key=lambda r: r[1]):
        grade: dict[str, Any] = {"code": code}
        if name:
            grade["name"] = name
        if costs_by_grade.get(gid):
            grade["annual_cost"] = costs_by_grade[gid]
        grades.append(grade)

    person_rows = list(Person.objects.filter(cycle_id=cid).values_list(
        "id", "code", "name", "unit_id", "grade_id", "capacity", "contract", "remote", "email"
    ))
    person_code = {row[0]: row[1] for row in person_rows}
    people = []
    for _, code, name, unit_id, grade_id, capacity, contract, remote, email in sorted(
        person_rows, key=lambda r: r[1]
    ):
        person: dict[str, Any] = {"code": code, "name": name, "unit": unit_code[unit_id]}
        if grade_id is not None:
            person["grade"] = grade_code[grade_id]
        if capacity != ONE:
            person["capacity"] = _number(capacity)
        if contract != ContractType.FIXED_TERM:
            person["contract"] = contract
        if remote:
            person["remote"] = True
        if email:
            person["email"] = email
        people.append(person)

    fund_rows = list(
        Fund.objects.filter(cycle_id=cid).values_list("id", "code", "name", "donor", "is_regular")
    )
    fund_code = {fid: code for fid, code, _, _, _ in fund_rows}
    funds = []
    for _, code, name, donor, is_regular in sorted(fund_rows, key=lambda r: r[1]):
        if is_regular:
            continue
        fund: dict[str, Any] = {"code": code, "name": name}
        if donor:
            fund["donor"] = donor
        funds.append(fund)

    result_rows = list(Result.objects.filter(cycle_id=cid).values_list(
        "id", "code", "level_id", "title", "unit_id", "person_id", "priority", "method",
        "status", "description", "tags",
    ))
    result_code = {row[0]: row[1] for row in result_rows}
    parents_of: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for child_id, parent_id, weight, assumption in Link.objects.filter(cycle_id=cid).values_list(
        "child_id", "parent_id", "weight", "assumption"
    ).iterator(chunk_size=20000):
        link: dict[str, Any] = {"code": result_code[parent_id]}
        if weight != ONE:
            link["weight"] = _number(weight)
        if assumption:
            link["assumption"] = assumption
        parents_of[child_id].append(link)
    results = []
    for result_row in sorted(result_rows, key=lambda r: r[1]):
        (rid, code, level_id, title, unit_id, person_id, priority, method, status,
         description, tags) = result_row
        result: dict[str, Any] = {
            "code": code, "level": level_code[level_id], "title": title, "unit": unit_code[unit_id],
        }
        if person_id is not None:
            result["person"] = person_code[person_id]
        if priority:
            result["priority"] = priority
        if method != RollupMethod.WEIGHTED_MEAN:
            result["method"] = method
        if status != ResultStatus.ACTIVE:
            result["status"] = status
        if description:
            result["description"] = description
        if tags:
            result["tags"] = list(tags)
        if rid in parents_of:
            result["parents"] = sorted(parents_of[rid], key=lambda p: p["code"])
        results.append(result)
    del result_rows, parents_of

    targets = _values_by_indicator(Target, cid)
    actuals = _values_by_indicator(Actual, cid)
    indicator_rows = list(Indicator.objects.filter(cycle_id=cid).values_list(
        "id", "code", "result_id", "name", "unit_of_measure", "direction", "aggregation", "weight",
        "definition", "means_of_verification", "collection_method", "frequency", "responsible_id",
        "sdg", "baseline_year", "baseline_value", "baseline_text", "computation", "allows_over_100",
    ))
    indicator_code = {row[0]: row[1] for row in indicator_rows}
    computed_from: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for computed_id, source_id, weight in Contribution.objects.filter(
        computed__cycle_id=cid
    ).values_list("computed_id", "source_id", "weight"):
        computed_from[computed_id].append((indicator_code[source_id], weight))
    indicators = []
    for indicator_row in sorted(indicator_rows, key=lambda r: r[1]):
        (iid, code, result_id, name, measure, direction, aggregation, weight, definition, mov,
         collection, frequency, responsible_id, sdg, base_year, base_value, base_text,
         computation, over_100) = indicator_row
        indicator: dict[str, Any] = {
            "code": code, "result": result_code[result_id], "name": name, "unit": measure,
            "direction": direction, "aggregation": aggregation,
        }
        if weight != ONE:
            indicator["weight"] = _number(weight)
        if definition:
            indicator["definition"] = definition
        if mov:
            indicator["means_of_verification"] = mov
        if collection:
            indicator["collection_method"] = collection
        if frequency != Frequency.ANNUAL:
            indicator["frequency"] = frequency
        if responsible_id is not None:
            indicator["responsible"] = person_code[responsible_id]
        if sdg:
            indicator["sdg"] = sdg
        if over_100:
            indicator["allows_over_100"] = True
        if computation:
            indicator["computation"] = computation
        if computed_from.get(iid):
            indicator["computed_from"] = [
                source if weight == ONE else {"code": source, "weight": _number(weight)}
                for source, weight in sorted(computed_from[iid])
            ]
        if base_year is not None and (base_value is not None or measure == QUALITATIVE):
            indicator["baseline"] = {
                "year": base_year, "value": _plan_value(base_value, base_text, measure),
            }
        for key, grouped in (("targets", targets), ("actuals", actuals)):
            values = grouped.get(iid)
            if values:
                indicator[key] = {
                    _period_key(year, quarter): _plan_value(value, text, measure)
                    for year, quarter, value, text in values
                }
        indicators.append(indicator)
    del targets, actuals, indicator_rows

    cost_rows = CostLine.objects.filter(result__cycle_id=cid).values_list(
        "result_id", "year", "category", "source_id", "amount", "description"
    )
    costs = []
    for result_id, year, category, source_id, amount, description in cost_rows.iterator(
        chunk_size=20000
    ):
        cost: dict[str, Any] = {
            "result": result_code[result_id], "year": year, "category": category,
            "source": fund_code[source_id], "amount": _money(amount),
        }
        if description:
            cost["description"] = description
        costs.append(cost)
    costs.sort(key=lambda c: (c["result"], c["year"], c["category"], c["source"]))

    allocations = [
        {"person": person_code[pid], "result": result_code[rid], "year": year,
         "share": _number(share)}
        for pid, rid, year, share in Allocation.objects.filter(result__cycle_id=cid).values_list(
            "person_id", "result_id", "year", "share"
        ).iterator(chunk_size=20000)
    ]
    allocations.sort(key=lambda a: (a["person"], a["result"], a["year"]))

    risks = []
    for risk_row in Risk.objects.filter(cycle_id=cid).order_by("code").values_list(
        "code", "unit_id", "result_id", "category", "title", "description", "likelihood",
        "impact", "residual_likelihood", "residual_impact", "owner_id", "treatment", "status",
        "last_reviewed",
    ):
        (code, unit_id, result_id, category, title, description, likelihood, impact,
         res_l, res_i, owner_id, treatment, status, reviewed) = risk_row
        risk: dict[str, Any] = {"code": code, "unit": unit_code[unit_id]}
        if result_id is not None:
            risk["result"] = result_code[result_id]
        risk.update(category=category, title=title)
        if description:
            risk["description"] = description
        risk.update(likelihood=likelihood, impact=impact)
        if res_l is not None:
            risk["residual_likelihood"] = res_l
        if res_i is not None:
            risk["residual_impact"] = res_i
        if owner_id is not None:
            risk["owner"] = person_code[owner_id]
        if treatment:
            risk["treatment"] = treatment
        if status != RiskStatus.OPEN:
            risk["status"] = status
        if reviewed is not None:
            risk["last_reviewed"] = reviewed.isoformat()
        risks.append(risk)
    risks.sort(key=lambda r: r["code"])

    assumption_rows = list(Assumption.objects.filter(result__cycle_id=cid).values_list(
        "id", "result_id", "statement", "status", "last_reviewed"
    ))
    assumption_rows.sort(key=lambda r: (result_code[r[1]], r[0]))
    assumptions = []
    for _, result_id, statement, status, reviewed in assumption_rows:
        entry: dict[str, Any] = {
            "result": result_code[result_id], "statement": statement, "status": status,
        }
        if reviewed is not None:
            entry["last_reviewed"] = reviewed.isoformat()
        assumptions.append(entry)

    revenue = []
    for stream, year, amount, earmark_id in Revenue.objects.filter(cycle_id=cid).values_list(
        "stream", "year", "amount", "earmark_id"
    ):
        row: dict[str, Any] = {"stream": stream, "year": year, "amount": _money(amount)}
        if earmark_id is not None:
            row["outcome"] = result_code[earmark_id]
        revenue.append(row)
    revenue.sort(key=lambda r: (r["stream"], r["year"], r.get("outcome", "")))

    action_lines = []
    for code, area, title, status, milestone, target_year, target_quarter, owner_id in (
        ActionLine.objects.filter(cycle_id=cid).order_by("code").values_list(
            "code", "area", "title", "status", "milestone", "target_year", "target_quarter",
            "owner_id",
        )
    ):
        line: dict[str, Any] = {"code": code, "area": area, "title": title, "status": status}
        if milestone:
            line["milestone"] = milestone
        if target_year is not None:
            line["target"] = Period(target_year, target_quarter).plan_key()
        if owner_id is not None:
            line["owner"] = unit_code[owner_id]
        action_lines.append(line)
    action_lines.sort(key=lambda a: a["code"])

    for name, items in (
        ("units", units), ("grades", grades), ("people", people), ("funds", funds),
        ("results", results), ("indicators", indicators), ("costs", costs),
        ("allocations", allocations), ("risks", risks), ("assumptions", assumptions),
        ("revenue", revenue), ("action_lines", action_lines),
    ):
        if items:
            doc[name] = items
    return doc
