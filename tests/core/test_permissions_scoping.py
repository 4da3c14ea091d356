"""``Model.objects.visible_to(user, action)`` keeps, for every model holding unit data,
the rows of the units the user may see (or act on), through the model's path to its unit.

The owner is a member of BDT-DNS: they see ITU, BDT and BDT-DNS, not RO-AFR (a sibling
department), BR, BR-TSD or TSB.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from goldenthread.core.permissions import Action
from goldenthread.core.services import object_update
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.mobilisation.models import ActionLine, Revenue
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person, RoleAssignment
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.risks.models import Assumption, Risk
from tests.pages.plan import ACTOR, Plan, build_plan, grant


def _seen(model: type[Model], user, action: Action = Action.VIEW) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(obj) for obj in model.objects.visible_to(user, action)}  # type: ignore[attr-defined]


def test_the_owner_sees_the_results_of_their_unit_and_the_units_above(plan: Plan, owner):
    codes = set(Result.objects.visible_to(owner).values_list("code", flat=True))
    assert codes == {"G1", "G2", "O1.1", "OP9.9", "OP1.1.1", "A1.1.1.1"}


def test_units_and_people_are_scoped_by_the_unit(plan: Plan, owner):
    assert set(OrgUnit.objects.visible_to(owner).values_list("code", flat=True)) == {
        "ITU", "BDT", "BDT-DNS"
    }
    assert set(Person.objects.visible_to(owner).values_list("code", flat=True)) == {"S0001"}


def test_indicators_targets_and_actuals_follow_their_result(plan: Plan, owner):
    assert set(Indicator.objects.visible_to(owner).values_list("code", flat=True)) == {"K1", "K2"}
    assert Target.objects.visible_to(owner).count() == 3
    assert Actual.objects.visible_to(owner).count() == 2
    assert set(Indicator.objects.visible_to(owner).values_list("code", flat=True)) == set(
        Indicator.objects.filter(result__in=Result.objects.visible_to(owner))
        .values_list("code", flat=True)
    )


def test_money_follows_the_result_it_is_planned_for(plan: Plan, owner, other):
    assert sum(c.amount for c in CostLine.objects.visible_to(owner)) == 12000 + 85000 + 15500
    assert sum(c.amount for c in CostLine.objects.visible_to(other)) == 40000
    assert [a.person.code for a in Allocation.objects.visible_to(owner)] == ["S0001"]
    assert [a.person.code for a in Allocation.objects.visible_to(other)] == ["S0002"]


def test_risks_follow_their_own_unit_and_assumptions_their_result(plan: Plan, owner, other):
    assert set(Risk.objects.visible_to(owner).values_list("code", flat=True)) == {"R1", "R3"}
    assert set(Risk.objects.visible_to(other).values_list("code", flat=True)) == {"R2", "R3"}
    assert Assumption.objects.visible_to(owner).count() == 2
    assert Assumption.objects.visible_to(other).count() == 0


def test_links_follow_the_child(plan: Plan, owner):
    links = {str(link) for link in Link.objects.visible_to(owner).select_related("child", "parent")}
    assert links == {"O1.1 → G1", "OP1.1.1 → O1.1", "OP1.1.1 → O2.1", "A1.1.1.1 → OP1.1.1"}


def test_an_action_line_with_no_owner_belongs_to_the_organisation(plan: Plan, owner):
    line = ActionLine.objects.get(cycle=plan.cycle, code="RM1.1")
    object_update(actor=ACTOR, obj=line, data={"owner": plan.units["BR"]})
    assert set(ActionLine.objects.visible_to(owner).values_list("code", flat=True)) == {
        "RM1.2", "RM2.1", "RM3.1"
    }
    # acting on the organisation's lines needs the action on its top unit
    grant(owner, plan, "BDT", "planner")
    assert ActionLine.objects.visible_to(owner, Action.PLAN).count() == 0
    grant(owner, plan, "ITU", "planner")
    assert ActionLine.objects.visible_to(owner, Action.PLAN).count() == 4


@pytest.mark.parametrize("model", [Level, Grade, GradeCost, Fund, Revenue, Cycle])
def test_data_of_the_organisation_is_seen_by_everyone_in_the_cycle(plan: Plan, owner, outsider, model):
    everything = model.objects.filter().count()  # type: ignore[attr-defined]
    assert everything > 0
    assert model.objects.visible_to(owner).count() == everything  # type: ignore[attr-defined]
    assert model.objects.visible_to(outsider).count() == 0  # type: ignore[attr-defined]
    assert model.objects.visible_to(owner, Action.FINANCE).count() == 0  # type: ignore[attr-defined]


def test_reporting_rights_cover_the_subtree_only(plan: Plan, outsider):
    grant(outsider, plan, "BDT-DNS", "reporter")
    assert set(Result.objects.visible_to(outsider, Action.REPORT).values_list("code", flat=True)) == {
        "OP1.1.1", "A1.1.1.1"
    }
    assert Actual.objects.visible_to(outsider, Action.REPORT).count() == 1  # K2's
    assert Actual.objects.visible_to(outsider, Action.APPROVE).count() == 0


def test_role_assignments_are_seen_by_those_who_administer_the_unit(plan: Plan, owner, outsider):
    grant(owner, plan, "BDT-DNS", "reporter")
    assert RoleAssignment.objects.visible_to(outsider, Action.ADMIN).count() == 0
    grant(outsider, plan, "BDT", "admin")
    assert {str(r) for r in RoleAssignment.objects.visible_to(outsider, Action.ADMIN)} == {
        "amina reporter on BDT-DNS", "visitor administrator on BDT"
    }


def test_a_role_in_one_cycle_shows_nothing_of_another(plan: Plan, owner):
    grant(owner, plan, "ITU", "planner")  # the whole of SP2028
    build_plan(code="SP2032", start_year=2032)
    seen = Result.objects.visible_to(owner)
    assert seen.count() == len(plan.results)
    assert set(seen.values_list("cycle__code", flat=True)) == {"SP2028"}
    assert set(Cycle.objects.visible_to(owner).values_list("code", flat=True)) == {"SP2028"}


def test_a_superuser_and_the_operator_see_every_row_and_an_anonymous_user_none(plan: Plan, superuser):
    total = Result.objects.count()
    assert Result.objects.visible_to(superuser).count() == total
    assert Result.objects.visible_to(None).count() == total
    assert Result.objects.visible_to(AnonymousUser()).count() == 0
    nobody = get_user_model().objects.create_user("nobody")
    assert Result.objects.visible_to(nobody).count() == 0


def test_visible_to_chains_with_other_filters(plan: Plan, owner):
    outputs = Result.objects.filter(level__kind="output").visible_to(owner)
    assert set(outputs.values_list("code", flat=True)) == {"OP1.1.1", "OP9.9"}
    assert _seen(Result, owner) >= {str(plan.results["OP9.9"])}
