"""The admin keeps to the roles: staff who are not superusers see only the records their
roles show them, and change only those their roles let them change."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from goldenthread.finance.models import CostLine
from goldenthread.plans.models import Result
from tests.pages.plan import Plan, build_plan, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return build_plan()


def staff(plan: Plan, unit: str, role: str) -> Client:
    """A staff account with every model permission of the admin, and one role."""
    account = get_user_model().objects.create_user(f"{role}-{unit}".lower(), is_staff=True)
    account.user_permissions.set(Permission.objects.all())
    grant(account, plan, unit, role)
    browser = Client()
    browser.force_login(account)
    return browser


def result_change_url(result: Result) -> str:
    return f"/admin/plans/result/{result.pk}/change/"


def test_the_list_shows_only_what_the_roles_show(plan: Plan):
    html = staff(plan, "BDT-DNS", "planner").get("/admin/plans/result/").content.decode()
    assert "OP1.1.1" in html and "G1" in html  # its own unit, and the goals above it
    assert "OP1.2.1" not in html and "Interference cases" not in html  # another bureau's


def test_a_record_of_another_unit_cannot_be_opened(plan: Plan):
    response = staff(plan, "BDT-DNS", "planner").get(result_change_url(plan.results["OP1.2.1"]))
    assert response.status_code == 302  # the admin's "does not exist": it is not in their list
    assert "Interference" not in response.content.decode()


def test_a_planner_changes_their_units_result_but_only_views_the_goal_above(plan: Plan):
    browser = staff(plan, "BDT-DNS", "planner")
    goal = plan.results["G1"]
    page = browser.get(result_change_url(goal)).content.decode()
    assert 'name="_save"' not in page  # read only: viewing reaches upward, planning does not
    refused = browser.post(result_change_url(goal), {"title": "Rewritten"})
    assert refused.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Universal connectivity"

    own = plan.results["OP1.1.1"]
    assert 'name="_save"' in browser.get(result_change_url(own)).content.decode()


def test_a_reporter_may_not_delete_a_cost_line_of_their_own_unit(plan: Plan):
    line = CostLine.objects.filter(result=plan.results["OP1.1.1"]).first()
    assert line is not None
    browser = staff(plan, "BDT-DNS", "reporter")
    response = browser.post(f"/admin/finance/costline/{line.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert CostLine.objects.filter(pk=line.pk).exists()
    # a finance officer of the unit may
    finance = staff(plan, "BDT-DNS", "finance")
    response = finance.post(f"/admin/finance/costline/{line.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CostLine.objects.filter(pk=line.pk).exists()
