from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from goldenthread.core import audit
from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.org.models import OrgUnit
from goldenthread.org.services import unit_create, unit_move
from tests.factories import ACTOR, make_cycle, make_unit

pytestmark = pytest.mark.django_db


def test_a_created_record_is_audited_with_its_values_and_author():
    user = User.objects.create_user("planner")
    cycle = make_cycle()
    unit = unit_create(actor=user, cycle=cycle, code="BDT", name="Development Bureau")
    entry = AuditEntry.objects.get(object_type="org.orgunit", object_id=str(unit.pk))
    assert entry.action == "create"
    assert entry.actor == user and entry.actor_label == "planner"
    assert entry.after["code"] == "BDT" and entry.after["tier"] == 1
    assert entry.before is None
    assert entry.cycle_code == "SP2028"


def test_an_update_records_only_what_changed():
    cycle = make_cycle()
    unit = make_unit(cycle, "BDT")
    object_update(actor=ACTOR, obj=unit, data={"name": "Telecommunication Development Bureau"})
    entry = AuditEntry.objects.get(object_type="org.orgunit", action="update")
    assert entry.before == {"name": "Unit BDT"}
    assert entry.after == {"name": "Telecommunication Development Bureau"}


def test_an_update_that_changes_nothing_writes_no_row():
    cycle = make_cycle()
    unit = make_unit(cycle, "BDT")
    object_update(actor=ACTOR, obj=unit, data={"name": "Unit BDT"})
    assert not AuditEntry.objects.filter(action="update").exists()


def test_a_failed_write_leaves_neither_record_nor_audit_row():
    cycle = make_cycle()
    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - duplicate code, refused by validation
        object_create(actor=ACTOR, obj=OrgUnit(cycle=cycle, code="X", name="x"))
        object_create(actor=ACTOR, obj=OrgUnit(cycle=cycle, code="X", name="x"))
    assert OrgUnit.objects.filter(code="X").count() == 1
    assert AuditEntry.objects.count() == before + 1


def test_anonymous_users_cannot_write():
    cycle = make_cycle()
    with pytest.raises(PermissionError):
        object_create(actor=AnonymousUser(), obj=OrgUnit(cycle=cycle, code="X", name="x"))
    assert not OrgUnit.objects.filter(code="X").exists()


@pytest.mark.django_db(transaction=True)
def test_audit_rows_are_only_written_inside_the_change_transaction():
    cycle = make_cycle()
    assert not transaction.get_connection().in_atomic_block
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(actor=ACTOR, action="update", obj=cycle)
    assert not AuditEntry.objects.filter(action="update").exists()


def test_a_deletion_keeps_what_the_record_held():
    cycle = make_cycle()
    unit = make_unit(cycle, "TMP")
    pk = unit.pk
    object_delete(actor=Actor(label="cli:ops"), obj=unit)
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_id == str(pk) and entry.before["code"] == "TMP"
    assert entry.actor_label == "cli:ops"


def test_units_know_their_tier_and_moving_a_unit_re_tiers_its_subtree():
    cycle = make_cycle()
    itu = make_unit(cycle, "ITU")
    bdt = make_unit(cycle, "BDT", itu)
    dept = make_unit(cycle, "IEE", bdt)
    assert (itu.tier, bdt.tier, dept.tier) == (1, 2, 3)
    gs = make_unit(cycle, "GS", itu)
    reg = make_unit(cycle, "RO", gs)
    unit_move(actor=ACTOR, unit=gs, parent=bdt)
    reg.refresh_from_db()
    gs.refresh_from_db()
    assert (gs.tier, reg.tier) == (3, 4)


def test_rows_written_inside_a_sourced_block_point_to_their_source():
    cycle = make_cycle()
    unit = make_unit(cycle, "BDT")
    with audit.sourced("review:7"):
        object_update(actor=ACTOR, obj=unit, data={"name": "Development Bureau"})
        with audit.sourced("review:8"):
            object_update(actor=ACTOR, obj=unit, data={"name": "Bureau"})
    object_update(actor=ACTOR, obj=unit, data={"name": "BDT"})
    sources = list(
        AuditEntry.objects.filter(object_type="org.orgunit", action="update")
        .order_by("id").values_list("source", flat=True)
    )
    assert sources == ["review:7", "review:8", ""]
