"""The risk appetite is a setting of each cycle (1-25, 15 by default): it decides which
risks are red in the register, in a review's snapshot, on its risk matrix and in its packs,
and it travels in the plan file."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_update
from goldenthread.interop.planfile import PlanFileError
from goldenthread.interop.services import plan_dump, plan_load
from goldenthread.plans.models import Cycle
from goldenthread.reviews.services import review_create
from goldenthread.risks.selectors import red_risks
from tests.interop.helpers import full_plan
from tests.pages.conftest import client_of
from tests.pages.plan import Plan
from tests.reviews.conftest import NOW

ACTOR = Actor(label="cli:test")


def set_appetite(cycle: Cycle, value: int) -> None:
    object_update(actor=ACTOR, obj=cycle, data={"risk_appetite": value}, message="appetite")


def test_a_cycle_accepts_risks_up_to_15_unless_it_says_otherwise(bdt: Plan) -> None:
    # R2 and R9: residual 4 x 4 = 16; R3: inherent 3 x 5 = 15 (no residual assessed)
    assert bdt.cycle.risk_appetite == 15
    assert [r.code for r in red_risks(bdt.cycle)] == ["R2", "R9", "R3"]
    set_appetite(bdt.cycle, 16)
    assert [r.code for r in red_risks(bdt.cycle)] == ["R2", "R9"]  # at the appetite is red
    set_appetite(bdt.cycle, 17)
    assert red_risks(bdt.cycle) == []


@pytest.mark.parametrize("value", [0, 26])
def test_an_appetite_off_the_1_to_25_scale_is_refused(bdt: Plan, value: int) -> None:
    with pytest.raises(ValidationError) as caught:
        set_appetite(bdt.cycle, value)
    assert "risk_appetite" in caught.value.message_dict
    bdt.cycle.refresh_from_db()
    assert bdt.cycle.risk_appetite == 15


def test_the_review_snapshot_its_matrix_and_its_packs_use_the_cycles_appetite(bdt: Plan, bdt_planner) -> None:  # type: ignore[no-untyped-def]
    set_appetite(bdt.cycle, 20)
    review = review_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"], year=2028,
                           quarter=4, now=NOW)
    assert review.snapshot["risk_appetite"] == 20
    assert review.snapshot["risks"] == []  # R9 (16) is within an appetite of 20
    browser = client_of(bdt_planner)
    page = browser.get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert "reaches the appetite, 20." in page
    set_appetite(bdt.cycle, 12)
    browser.post(f"/cycles/SP2028/reviews/{review.pk}/freeze/")
    review.refresh_from_db()
    assert [r["code"] for r in review.snapshot["risks"]] == ["R9"]
    page = browser.get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert "red: residual score ≥ 12" in page  # the matrix shades from the appetite
    pdf = browser.get(f"/cycles/SP2028/reviews/{review.pk}/pack.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_register_counts_red_risks_by_the_cycles_appetite(bdt: Plan, bdt_planner) -> None:  # type: ignore[no-untyped-def]
    browser = client_of(bdt_planner)  # sees R9 (16, BDT-DNS) and R3 (15, ITU, above BDT)
    assert 'data-testid="red-count">2<' in browser.get("/cycles/SP2028/risks/").content.decode()
    set_appetite(bdt.cycle, 16)
    assert 'data-testid="red-count">1<' in browser.get("/cycles/SP2028/risks/").content.decode()
    set_appetite(bdt.cycle, 17)
    page = browser.get("/cycles/SP2028/risks/").content.decode()
    assert 'data-testid="red-count">0<' in page and "red (score ≥ 17)" in page


def test_the_admin_edits_the_appetite_with_the_cycles_settings(bdt: Plan, admin_signed_in) -> None:  # type: ignore[no-untyped-def]
    page = admin_signed_in.get(f"/admin/plans/cycle/{bdt.cycle.pk}/change/").content.decode()
    assert 'name="risk_appetite"' in page and 'value="15"' in page


def _with_appetite(value: Any) -> dict[str, Any]:
    document = copy.deepcopy(full_plan())
    document["cycle"]["risk_appetite"] = value
    return document


@pytest.mark.django_db
def test_the_plan_file_carries_the_appetite_both_ways() -> None:
    cycle = plan_load(actor=ACTOR, document=_with_appetite(12))
    assert cycle.risk_appetite == 12
    assert plan_dump(cycle)["cycle"]["risk_appetite"] == 12
    assert plan_dump(cycle) == _with_appetite(12)  # and nothing else moved


@pytest.mark.django_db
def test_a_plan_file_at_the_default_appetite_leaves_it_out() -> None:
    cycle = plan_load(actor=ACTOR, document=copy.deepcopy(full_plan()))
    assert cycle.risk_appetite == 15
    assert "risk_appetite" not in plan_dump(cycle)["cycle"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, 26, 12.5, "high"])
def test_a_plan_file_with_an_appetite_off_the_scale_is_refused_with_its_place(value: Any) -> None:
    with pytest.raises(PlanFileError) as caught:
        plan_load(actor=ACTOR, document=_with_appetite(value))
    errors = [str(e) for e in caught.value.errors]
    assert len(errors) == 1 and "cycle.risk_appetite" in errors[0], errors
    assert not Cycle.objects.exists()
