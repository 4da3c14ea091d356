"""Loading a cycle code that exists is refused unless the plan is replaced; a replaced
plan is archived first, so nothing entered is silently lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.interop.planfile import PlanFileError
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.plans.models import Cycle, Result
from tests.interop.helpers import fixture, full_plan, table_counts

pytestmark = pytest.mark.django_db
ACTOR = Actor(label="cli:test")


def test_it_refuses_to_load_a_cycle_code_twice_and_changes_nothing() -> None:
    plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    before = table_counts()
    with pytest.raises(PlanFileError) as caught:
        plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    assert [str(e) for e in caught.value.errors] == [
        "cycle.code: a cycle 'FULL2028' already exists; load with --replace to replace it"
    ]
    assert table_counts() == before


def test_replacing_swaps_the_plan_archives_the_old_one_and_audits_it(
    isolated_data_dir: Path,
) -> None:
    old = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    old_dump = plan_dump(old)
    new_plan = full_plan()
    new_plan["results"] = [r for r in new_plan["results"] if r["code"] == "G1"]
    new_plan["results"][0]["title"] = "Connectivity for everyone"
    for section in ("indicators", "costs", "allocations", "risks", "assumptions"):
        del new_plan[section]

    cycle = plan_load(actor=ACTOR, document=new_plan, replace=True, source="new.yaml")

    assert Cycle.objects.count() == 1 and cycle.pk != old.pk
    assert list(Result.objects.values_list("code", "title")) == [
        ("G1", "Connectivity for everyone")
    ]
    assert plan_dump(cycle) == new_plan
    (archive,) = (isolated_data_dir / "replaced").glob("FULL2028-*.json")
    assert json.loads(archive.read_text(encoding="utf-8")) == old_dump
    replace = AuditEntry.objects.get(action="replace")
    before = replace.before or {}
    assert before["archive"] == str(archive)
    assert before["counts"]["results"] == 5
    load = AuditEntry.objects.filter(action="load").order_by("-id").first()
    assert load is not None and load.batch == replace.batch


def test_a_refused_replacement_keeps_the_old_plan_whole() -> None:
    plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    before = table_counts()
    bad = full_plan()
    bad["results"][0]["unit"] = "NOWHERE"
    with pytest.raises(PlanFileError):
        plan_load(actor=ACTOR, document=bad, replace=True)
    assert table_counts() == before


def test_replacing_keeps_the_roles_and_account_ties_whose_units_and_people_remain(
    isolated_data_dir: Path,
) -> None:
    from django.contrib.auth import get_user_model

    from goldenthread.org.models import OrgUnit, Person, RoleAssignment
    from goldenthread.org.services import role_grant

    old = plan_load(actor=ACTOR, document=fixture("full-plan.yaml"))
    users = get_user_model().objects
    head, clerk = users.create_user("head"), users.create_user("clerk")
    role_grant(actor=ACTOR, user=head, unit=OrgUnit.objects.get(cycle=old, code="SEC"), role="approver")
    role_grant(actor=ACTOR, user=clerk, unit=OrgUnit.objects.get(cycle=old, code="DEP"), role="reporter")
    Person.objects.filter(cycle=old, code="P001").update(user=head)
    Person.objects.filter(cycle=old, code="P002").update(user=clerk)

    new_plan = full_plan()  # the same plan, less the department DEP and its person P001
    new_plan["units"] = [u for u in new_plan["units"] if u["code"] != "DEP"]
    new_plan["people"] = [p for p in new_plan["people"] if p["code"] == "P002"]
    for section in ("results", "indicators", "costs", "allocations", "risks", "assumptions"):
        new_plan.pop(section, None)
    cycle = plan_load(actor=ACTOR, document=new_plan, replace=True, source="new.yaml")

    assert list(RoleAssignment.objects.filter(unit__cycle=cycle).values_list(
        "user__username", "unit__code", "role")) == [("head", "SEC", "approver")]
    assert Person.objects.get(cycle=cycle, code="P002").user == clerk
    load = AuditEntry.objects.filter(action="load").order_by("-id").first()
    assert load is not None and load.after is not None
    assert load.after["roles_kept"] == 1 and load.after["roles_dropped"] == ["reporter on DEP"]
    assert load.after["ties_kept"] == 1 and load.after["ties_dropped"] == ["P001"]
