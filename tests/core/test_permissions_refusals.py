"""A refusal says what was refused and names the unit, so the user knows whom to ask."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from goldenthread.core import permissions
from goldenthread.core.permissions import Action
from goldenthread.finance.models import CostLine
from goldenthread.plans.models import Level
from tests.pages.plan import Plan


def test_it_names_the_unit_that_owns_a_refused_result(plan: Plan, owner):
    with pytest.raises(PermissionDenied) as refused:
        permissions.require(owner, Action.VIEW, plan.results["OP1.2.1"])
    assert str(refused.value) == (
        "You may not see this result: it belongs to BR-TSD Terrestrial Services Department, "
        "and none of your roles there allows it (viewer, reporter, approver, planner, "
        "finance officer, risk officer, administrator do)."
    )


def test_it_names_the_roles_that_would_allow_the_action(plan: Plan, owner):
    line = CostLine.objects.filter(result=plan.results["OP1.1.1"]).first()
    assert line is not None
    permissions.require(owner, Action.VIEW, line)  # seen: her unit's output
    with pytest.raises(PermissionDenied, match=(
        r"^You may not change the costing of this cost line: it belongs to BDT-DNS Digital "
        r"Networks and Society Department, and none of your roles there allows it "
        r"\(planner, finance officer, administrator do\)\.$"
    )):
        permissions.require(owner, Action.COST, line)
    with pytest.raises(PermissionDenied, match=r"\(finance officer, administrator do\)\.$"):
        permissions.require(owner, Action.FINANCE, line)


def test_it_says_when_an_action_needs_the_whole_organisation(plan: Plan, owner):
    level = Level.objects.get(cycle=plan.cycle, code="goal")
    with pytest.raises(PermissionDenied, match=(
        "You may not change this level: it belongs to the whole organisation in SP2028"
    )):
        permissions.require(owner, Action.PLAN, level)


def test_it_refuses_a_cycle_to_a_user_with_no_role_in_it(plan: Plan, outsider, owner):
    with pytest.raises(PermissionDenied, match="you have no role in this cycle"):
        permissions.cycle_for(outsider, "SP2028")
    assert permissions.cycle_for(owner, "SP2028") == plan.cycle
    with pytest.raises(Http404):
        permissions.cycle_for(owner, "SP1999")


def test_the_cycle_view_decorator_hands_the_view_its_cycle(plan: Plan, owner, outsider):
    @permissions.cycle_view
    def page(request: HttpRequest, cycle, extra: str) -> HttpResponse:  # type: ignore[no-untyped-def]
        return HttpResponse(f"{cycle.code} {extra}")

    request = HttpRequest()
    request.user = owner
    assert page(request, "SP2028", extra="ok").content == b"SP2028 ok"
    request.user = outsider
    with pytest.raises(PermissionDenied):
        page(request, "SP2028", extra="ok")


def test_a_model_without_a_path_to_its_unit_cannot_be_scoped(plan: Plan, owner):
    from goldenthread.core.models import AuditEntry

    entry = AuditEntry.objects.first()
    assert entry is not None
    with pytest.raises(TypeError, match="declares no path to its unit"):
        permissions.can(owner, Action.VIEW, entry)
