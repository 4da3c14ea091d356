"""Roles are granted and withdrawn through audited services, by those who administer the unit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core import permissions
from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.core.permissions import Action
from goldenthread.org.models import RoleAssignment
from goldenthread.org.services import role_grant, role_revoke
from tests.pages.plan import Plan

CLI = Actor(label="cli:operator")


def test_a_grant_is_audited_and_takes_effect_at_once(plan: Plan, owner):
    assert not permissions.can(owner, Action.REPORT, plan.results["OP1.1.1"])
    assignment = role_grant(actor=CLI, user=owner, unit=plan.units["BDT-DNS"], role="reporter")
    assert permissions.can(owner, Action.REPORT, plan.results["OP1.1.1"])
    row = AuditEntry.objects.get(object_type="org.roleassignment", object_id=str(assignment.pk))
    assert (row.action, row.actor_label, row.cycle_code) == ("create", "cli:operator", "SP2028")
    assert row.after["role"] == "reporter"
    assert row.message == "reporter on BDT-DNS and the units below it"


def test_a_revocation_is_audited_and_takes_effect_at_once(plan: Plan, owner):
    assignment = role_grant(actor=CLI, user=owner, unit=plan.units["BR"], role="viewer")
    assert permissions.can(owner, Action.VIEW, plan.results["OP1.2.1"])
    pk = assignment.pk
    role_revoke(actor=CLI, assignment=assignment)
    assert not permissions.can(owner, Action.VIEW, plan.results["OP1.2.1"])
    assert not RoleAssignment.objects.filter(pk=pk).exists()
    row = AuditEntry.objects.get(object_type="org.roleassignment", object_id=str(pk), action="delete")
    assert row.before["role"] == "viewer"


def test_it_refuses_the_same_role_twice_on_the_same_unit(plan: Plan, owner):
    role_grant(actor=CLI, user=owner, unit=plan.units["BDT"], role="viewer")
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="amina is already viewer on BDT"):
        role_grant(actor=CLI, user=owner, unit=plan.units["BDT"], role="viewer")
    assert RoleAssignment.objects.filter(user=owner).count() == 1
    assert AuditEntry.objects.count() == before


def test_it_refuses_an_unknown_role(plan: Plan, owner):
    with pytest.raises(ValueError):
        role_grant(actor=CLI, user=owner, unit=plan.units["BDT"], role="emperor")


def test_an_administrator_grants_roles_in_their_subtree_only(plan: Plan, owner, other):
    boss = get_user_model().objects.create_user("boss")
    role_grant(actor=CLI, user=boss, unit=plan.units["BDT"], role="admin")
    role_grant(actor=boss, user=owner, unit=plan.units["BDT-DNS"], role="approver")
    assert permissions.can(owner, Action.APPROVE, plan.results["OP1.1.1"])
    count = RoleAssignment.objects.count()
    with pytest.raises(PermissionDenied,
                       match="You may not administer BR Radiocommunication Bureau: none of your roles"):
        role_grant(actor=boss, user=other, unit=plan.units["BR"], role="viewer")
    assert RoleAssignment.objects.count() == count


def test_a_user_who_does_not_administer_the_unit_cannot_grant_or_revoke(plan: Plan, owner, other):
    assignment = role_grant(actor=CLI, user=other, unit=plan.units["BDT-DNS"], role="viewer")
    role_grant(actor=CLI, user=owner, unit=plan.units["BDT-DNS"], role="approver")
    with pytest.raises(PermissionDenied,
                       match="You may not administer BDT-DNS Digital Networks and Society Department"):
        role_grant(actor=owner, user=owner, unit=plan.units["BDT-DNS"], role="admin")
    with pytest.raises(PermissionDenied):
        role_revoke(actor=owner, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_command_run_as_a_user_acts_with_that_users_rights(plan: Plan, owner, other):
    with pytest.raises(PermissionDenied):
        role_grant(actor=Actor.cli(owner), user=other, unit=plan.units["BDT"], role="viewer")
