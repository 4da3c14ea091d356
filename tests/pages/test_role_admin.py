"""Roles are given and withdrawn in the admin through the audited role services."""

from __future__ import annotations

from django.test import Client

from goldenthread.core import permissions
from goldenthread.core.models import AuditEntry
from goldenthread.org.models import RoleAssignment
from tests.pages.plan import Plan


def test_a_role_added_in_the_admin_is_granted_through_the_service(
    plan: Plan, admin_signed_in: Client, owner, superuser
):
    response = admin_signed_in.post("/admin/org/roleassignment/add/", {
        "user": str(owner.pk), "unit": str(plan.units["BDT-DNS"].pk), "role": "approver",
    })
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=owner)
    assert permissions.can(owner, permissions.APPROVE, plan.results["OP1.1.1"])
    entry = AuditEntry.objects.get(object_type="org.roleassignment", object_id=str(assignment.pk))
    assert (entry.action, entry.actor, entry.message) == ("create", superuser, "admin")


def test_the_admin_refuses_the_same_role_twice(plan: Plan, admin_signed_in: Client, owner):
    data = {"user": str(owner.pk), "unit": str(plan.units["BDT"].pk), "role": "viewer"}
    assert admin_signed_in.post("/admin/org/roleassignment/add/", data).status_code == 302
    response = admin_signed_in.post("/admin/org/roleassignment/add/", data)
    assert response.status_code == 200  # the form again, with the reason
    assert "already exists" in response.content.decode()
    assert RoleAssignment.objects.filter(user=owner).count() == 1


def test_a_role_deleted_in_the_admin_is_withdrawn_and_audited(
    plan: Plan, admin_signed_in: Client, owner
):
    admin_signed_in.post("/admin/org/roleassignment/add/", {
        "user": str(owner.pk), "unit": str(plan.units["BR"].pk), "role": "viewer",
    })
    assignment = RoleAssignment.objects.get(user=owner)
    response = admin_signed_in.post(
        f"/admin/org/roleassignment/{assignment.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(user=owner).exists()
    entry = AuditEntry.objects.get(object_type="org.roleassignment", action="delete")
    assert entry.before["role"] == "viewer"
    assert entry.message == "admin"


def test_the_role_list_shows_who_holds_what_where(plan: Plan, admin_signed_in: Client, owner):
    admin_signed_in.post("/admin/org/roleassignment/add/", {
        "user": str(owner.pk), "unit": str(plan.units["BDT"].pk), "role": "risk_officer",
    })
    html = admin_signed_in.get("/admin/org/roleassignment/").content.decode()
    assert "amina" in html
    assert "Risk officer" in html
    assert "BDT Telecommunication Development Bureau" in html
