"""The alignment report on a small plan: each check finds what it should, and only in the
units the user may see."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from goldenthread.core.services import object_create
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.services import indicator_set_computation
from goldenthread.plans.alignment import alignment_report
from goldenthread.plans.services import link_create
from tests.pages.plan import ACTOR, build_plan, grant, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():  # type: ignore[no-untyped-def]
    return build_plan()


def codes(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r.code for r in rows)


def test_each_check_finds_its_results_and_indicators(plan):
    report = alignment_report(plan.cycle, user=_superuser())
    assert codes(report.orphans) == ["OP9.9"]
    # goals, outcomes and outputs with no indicator of their own; activities are not asked
    assert codes(report.no_indicator) == ["G2", "O1.1", "O1.2", "O2.1", "OP1.2.1", "OP9.9"]
    assert codes(report.no_responsible) == ["K2"]
    assert report.no_target == []
    (k2,) = report.smart  # K1 has a full reference sheet
    assert k2.code == "K2" and k2.result.code == "OP1.1.1"
    assert k2.letters == ["S", "M", "T"]
    reasons = {f.reason for f in k2.findings}
    assert "no definition says what is counted and how" in reasons
    assert "no target for the end of the cycle (2031)" in reasons
    assert report.skips == []
    assert report.results == 10 and report.indicators == 2


def test_a_link_that_jumps_a_level_is_reported_with_the_levels_it_skips(plan):
    link_create(actor=ACTOR, child=plan.results["A1.1.1.2"], parent=plan.results["O1.1"], weight=D("1"))
    link_create(actor=ACTOR, child=plan.results["A1.1.1.1"], parent=plan.results["G2"], weight=D("1"))
    report = alignment_report(plan.cycle, _superuser())
    skips = {(s.child.code, s.parent.code): s.skipped for s in report.skips}
    assert skips == {("A1.1.1.2", "O1.1"): ["Output"], ("A1.1.1.1", "G2"): ["Outcome", "Output"]}


def test_an_orphan_makes_its_indicators_fail_relevance(plan):
    object_create(actor=ACTOR, obj=Indicator(
        cycle=plan.cycle, code="K9", result=plan.results["OP9.9"], name="Issues of the series published",
        baseline_year=2027, baseline_value=D("3"), definition="Issues printed.",
        means_of_verification="Catalogue", responsible=plan.people["S0001"],
    ))
    report = alignment_report(plan.cycle, _superuser())
    k9 = next(i for i in report.smart if i.code == "K9")
    assert "R" in k9.letters
    assert "K9" in codes(report.no_target)


def test_a_computed_indicator_takes_its_targets_from_its_sources(plan):
    total = object_create(actor=ACTOR, obj=Indicator(
        cycle=plan.cycle, code="KT", result=plan.results["O1.1"], name="Countries with plans, all bureaux",
        definition="Sum of the bureaux' counts.", means_of_verification="The sources' own",
        responsible=plan.people["S0001"],
    ))
    indicator_set_computation(actor=ACTOR, indicator=total, computation="sum",
                              sources=[Indicator.objects.get(code="K2")])
    report = alignment_report(plan.cycle, _superuser())
    assert "KT" not in codes(report.no_target)
    kt = next((i for i in report.smart if i.code == "KT"), None)
    # K2's only target is for 2028, so the computed total has none for the end year either
    assert kt is not None and [f.reason for f in kt.findings] == ["no target for the end of the cycle (2031)"]


def test_a_member_of_another_bureau_sees_only_the_findings_of_the_units_they_may_see(plan):
    jonas = get_user_model().objects.create_user("jonas")
    tie(jonas, plan.people["S0002"])  # BR-TSD: sees BR-TSD, BR and ITU
    report = alignment_report(plan.cycle, jonas)
    assert report.orphans == []  # OP9.9 belongs to BDT
    assert codes(report.no_indicator) == ["G2", "O1.2", "OP1.2.1"]
    assert report.smart == [] and report.no_responsible == []  # K2 is BDT-DNS's
    assert {u[1] for u in report.units} == {"ITU", "BR", "BR-TSD"}


def test_the_heat_map_counts_findings_per_unit(plan):
    planner = get_user_model().objects.create_user("pat")
    grant(planner, plan)
    heat = {unit[1]: cells for unit, cells in alignment_report(plan.cycle, planner).heat()}
    # orphans, no indicator, not SMART, no target, no one responsible, skipping links
    assert heat["BDT"] == [1, 2, 0, 0, 0, 0]  # OP9.9 (twice: orphan, unmeasured) and O1.1
    assert heat["BDT-DNS"] == [0, 0, 1, 0, 1, 0]  # K2
    assert "RO-AFR" not in heat  # no finding there


def _superuser():  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_superuser("root", "root@example.org", "x")
