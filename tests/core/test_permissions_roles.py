"""What each role lets a user do, on the unit it is held on and every unit below it.

The plan: ITU > BDT > {BDT-DNS, RO-AFR}, ITU > BR > BR-TSD, ITU > TSB.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from goldenthread.core import permissions
from goldenthread.core.permissions import Action
from goldenthread.core.services import object_update
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.mobilisation.models import Revenue
from goldenthread.plans.models import Level
from tests.pages.plan import ACTOR, Plan, grant

ALL = {"view", "report", "approve", "plan", "cost", "finance", "risk", "admin"}
# The rights of each role, written out here as the product promises them.
RIGHTS = {
    "viewer": {"view"},
    "reporter": {"view", "report"},
    "approver": {"view", "report", "approve"},
    "planner": {"view", "plan", "cost"},
    "finance": {"view", "cost", "finance"},
    "risk_officer": {"view", "risk"},
    "admin": ALL,
}


def _account(name: str = "someone"):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(name, password="a-long-test-passphrase")


@pytest.mark.parametrize("role", sorted(RIGHTS))
def test_each_role_grants_its_actions_on_the_unit_and_every_unit_below(plan: Plan, role: str):
    someone = _account()
    grant(someone, plan, "BDT", role)
    for code in ("BDT", "BDT-DNS", "RO-AFR"):
        allowed = {a.value for a in Action if permissions.can(someone, a, plan.units[code])}
        assert allowed == RIGHTS[role], code
    result = plan.results["OP1.1.1"]  # owned by BDT-DNS
    assert {a.value for a in Action if permissions.can(someone, a, result)} == RIGHTS[role]


@pytest.mark.parametrize("role", sorted(RIGHTS))
def test_no_role_reaches_another_bureau(plan: Plan, role: str):
    someone = _account()
    grant(someone, plan, "BDT", role)
    for code in ("BR", "BR-TSD", "TSB"):
        assert not any(permissions.can(someone, a, plan.units[code]) for a in Action), code
    assert not permissions.can(someone, Action.VIEW, plan.results["OP1.2.1"])


@pytest.mark.parametrize("role", sorted(RIGHTS))
def test_viewing_reaches_the_units_above_but_nothing_else_does(plan: Plan, role: str):
    someone = _account()
    grant(someone, plan, "BDT-DNS", role)
    for code in ("ITU", "BDT"):
        allowed = {a.value for a in Action if permissions.can(someone, a, plan.units[code])}
        assert allowed == {"view"}, code
    assert permissions.can(someone, Action.VIEW, plan.results["G1"])
    assert not permissions.can(someone, Action.VIEW, plan.units["RO-AFR"])  # a sibling


def test_roles_on_two_units_add_up(plan: Plan):
    someone = _account()
    grant(someone, plan, "BDT-DNS", "reporter")
    grant(someone, plan, "BR", "approver")
    assert permissions.can(someone, Action.REPORT, plan.results["OP1.1.1"])
    assert not permissions.can(someone, Action.APPROVE, plan.results["OP1.1.1"])
    assert permissions.can(someone, Action.APPROVE, plan.results["OP1.2.1"])
    assert permissions.unit_ids(someone, plan.cycle, Action.REPORT) == {
        plan.units[c].pk for c in ("BDT-DNS", "BR", "BR-TSD")
    }


def test_a_person_views_their_units_subtree_without_any_role(plan: Plan, owner):
    assert permissions.unit_ids(owner, plan.cycle) == {
        plan.units[c].pk for c in ("ITU", "BDT", "BDT-DNS")
    }
    for action in Action:
        if action != Action.VIEW:
            assert permissions.unit_ids(owner, plan.cycle, action) == frozenset()
    assert not permissions.can(owner, Action.REPORT, plan.results["OP1.1.1"])


def test_a_responsible_person_reports_on_their_indicators_and_no_others(plan: Plan, owner):
    k1 = Indicator.objects.get(cycle=plan.cycle, code="K1")  # on G1; Amina is responsible
    k2 = Indicator.objects.get(cycle=plan.cycle, code="K2")  # on OP1.1.1, her unit's output
    assert permissions.can(owner, Action.REPORT, k1)
    assert permissions.can(owner, Action.REPORT, Actual.objects.get(indicator=k1))
    assert not permissions.can(owner, Action.REPORT, k2)
    assert not permissions.can(owner, Action.APPROVE, k1)
    reportable = Indicator.objects.visible_to(owner, Action.REPORT)
    assert list(reportable.values_list("code", flat=True)) == ["K1"]


def test_a_responsible_person_in_another_unit_still_sees_their_indicator(plan: Plan, other):
    k1 = Indicator.objects.get(cycle=plan.cycle, code="K1")
    k2 = Indicator.objects.get(cycle=plan.cycle, code="K2")
    object_update(actor=ACTOR, obj=k2, data={"responsible": plan.people["S0002"]})
    assert permissions.can(other, Action.REPORT, k2)  # Jonas (BR-TSD) answers for K2
    assert not permissions.can(other, Action.VIEW, plan.results["OP1.1.1"])
    assert set(Indicator.objects.visible_to(other).values_list("code", flat=True)) == {"K1", "K2"}
    assert not permissions.can(other, Action.REPORT, k1)


def test_data_of_the_whole_organisation_is_seen_by_all_and_changed_from_the_top(plan: Plan):
    level = Level.objects.get(cycle=plan.cycle, code="output")
    revenue = Revenue.objects.get(cycle=plan.cycle)
    department_planner, top_planner = _account("dp"), _account("tp")
    grant(department_planner, plan, "BDT-DNS", "planner")
    grant(top_planner, plan, "ITU", "planner")
    for obj in (level, revenue, plan.cycle):
        assert permissions.can(department_planner, Action.VIEW, obj)
        assert not permissions.can(department_planner, Action.PLAN, obj)
        assert permissions.can(top_planner, Action.PLAN, obj)
        assert not permissions.can(top_planner, Action.FINANCE, obj)


def test_a_superuser_may_do_everything_and_the_operator_too(plan: Plan, superuser):
    for who in (superuser, None):
        for action in Action:
            assert permissions.can(who, action, plan.results["OP1.2.1"])
            assert permissions.can(who, action, plan.units["BR-TSD"])
        assert permissions.unit_ids(who, plan.cycle, Action.ADMIN) == {
            u.pk for u in plan.units.values()
        }


def test_an_anonymous_or_inactive_user_may_do_nothing(plan: Plan):
    inactive = _account("gone")
    grant(inactive, plan, "ITU", "admin")
    inactive.is_active = False
    for who in (AnonymousUser(), inactive):
        assert not permissions.can(who, Action.VIEW, plan.results["G1"])
        assert permissions.unit_ids(who, plan.cycle) == frozenset()


def test_roles_granting_an_action_are_listed_in_role_order():
    assert [r.value for r in permissions.roles_granting(Action.APPROVE)] == ["approver", "admin"]
    assert [r.value for r in permissions.roles_granting("plan")] == ["planner", "admin"]
    assert len(permissions.roles_granting(Action.VIEW)) == 7


def test_what_a_user_may_do_is_read_in_two_queries_once_per_user_object(
    plan: Plan, owner, django_assert_num_queries
):
    grant(owner, plan, "BDT", "approver")
    owner = get_user_model().objects.get(pk=owner.pk)  # a fresh object, as on a new request
    with django_assert_num_queries(2):
        permissions.unit_ids(owner, plan.cycle)
    with django_assert_num_queries(0):
        for action in Action:
            permissions.unit_ids(owner, plan.cycle, action)
        permissions.can(owner, Action.APPROVE, plan.results["OP1.1.1"])
        permissions.can(owner, Action.VIEW, plan.units["BR"])
    permissions.forget(owner)
    with django_assert_num_queries(2):
        permissions.unit_ids(owner, plan.cycle)
