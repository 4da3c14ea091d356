"""The demo's accounts: every role has one to try, each tied to a person of the demo, and
what one approver submits herself, the approver of the unit above approves."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client

from goldenthread.core import permissions
from goldenthread.demo.facts import DEMO_ROLES
from goldenthread.demo.services import demo_install
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Indicator
from goldenthread.org.choices import Role
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Result
from goldenthread.reporting.services import actual_approve, actual_enter, actual_submit, approvers_of
from goldenthread.risks.models import Risk


def test_every_role_has_an_account_tied_to_a_person_of_the_demo(db: None) -> None:
    cycle = demo_install()
    held = {role for _, _, role in DEMO_ROLES}
    assert held == {r.value for r in Role} - {Role.ADMIN}  # admin is the superuser account
    people = {
        p.user.username: p for p in Person.objects.filter(cycle=cycle, user__isnull=False)
        .select_related("user", "unit")
    }
    assert {username for username, _, _ in DEMO_ROLES} <= set(people)
    # Who they are fits the role: the finance officer works in the finance department,
    # the TSB's approver heads the bureau above Rania's department.
    assert people["leila"].unit.code == "GS-FRMD"
    tsb = OrgUnit.objects.get(cycle=cycle, code="TSB")
    assert people["andres"] == Person.objects.filter(cycle=cycle, unit=tsb).order_by("code").first()
    assert people["rania"].unit.parent == tsb


def test_the_approver_of_the_bureau_approves_what_rania_submits_herself(db: None) -> None:
    cycle = demo_install()
    users = get_user_model().objects.in_bulk(["rania", "andres", "lucas"], field_name="username")
    indicator = Indicator.objects.filter(
        cycle=cycle, result__unit__code="TSB-SGD", computation="", frequency="annual",
        unit_of_measure="number",
    ).order_by("code").first()
    assert indicator is not None
    assert users["andres"].pk in approvers_of(indicator)
    actual = actual_enter(actor=users["rania"], indicator=indicator, period=2030, value="7",
                          comment="reported by the head of department")
    actual = actual_submit(actor=users["rania"], actual=actual)
    with pytest.raises(PermissionDenied, match="yourself"):
        actual_approve(actor=users["rania"], actual=actual)
    with pytest.raises(PermissionDenied):  # a reporter does not approve
        actual_approve(actor=users["lucas"], actual=actual)
    actual = actual_approve(actor=users["andres"], actual=actual)
    assert actual.status == ActualStatus.APPROVED


def test_the_finance_risk_and_viewer_accounts_act_only_where_their_role_lies(db: None) -> None:
    cycle = demo_install()
    users = get_user_model().objects.in_bulk(["leila", "olga", "tariq"], field_name="username")
    units = {u.code: u for u in OrgUnit.objects.filter(cycle=cycle)}
    # Leila manages the money of the whole Union; Olga and Tariq do not.
    assert permissions.can(users["leila"], permissions.FINANCE, units["ITU"])
    assert not permissions.can(users["olga"], permissions.FINANCE, units["BDT"])
    # Olga manages the Development Bureau's risks, not another bureau's.
    risks = Risk.objects.filter(cycle=cycle).select_related("unit")
    bdt_risk = next(r for r in risks if r.unit.code.startswith(("BDT", "RO-")))
    other_risk = next(r for r in risks if r.unit.code.startswith("TSB"))
    assert permissions.can(users["olga"], permissions.RISK, bdt_risk)
    assert not permissions.can(users["olga"], permissions.RISK, other_risk)
    assert not permissions.can(users["leila"], permissions.RISK, bdt_risk)
    # Tariq sees his bureau's results and not the Standardization Bureau's; he changes nothing.
    seen = set(
        Result.objects.visible_to(users["tariq"]).filter(cycle=cycle)
        .values_list("unit__code", flat=True)
    )
    assert {"BR", "BR-TSD", "BR-SSD"} <= seen
    assert not any(code.startswith(("TSB", "BDT", "GS-")) for code in seen)
    assert not permissions.can(users["tariq"], permissions.PLAN, units["BR"])
    assert not permissions.can(users["tariq"], permissions.APPROVE, units["BR"])
    # and so do the pages, as each of them signs in
    pages = {("tariq", "/units/BR/"): 200, ("tariq", "/units/TSB/"): 403,
             ("olga", "/units/BDT/"): 200, ("olga", "/units/BR/"): 403,
             ("leila", "/finance/"): 200, ("leila", "/units/BR/"): 200}
    for (username, path), status in pages.items():
        client = Client()
        client.force_login(users[username])
        assert client.get(f"/cycles/{cycle.code}{path}").status_code == status, (username, path)
