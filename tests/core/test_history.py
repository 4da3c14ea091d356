"""A record's history: who changed it, when, and each field before and after, shown on
the result page (loaded by htmx) and on a page of its own."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from goldenthread.core import selectors
from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.finance.models import CostLine, Fund
from goldenthread.indicators.models import Actual
from goldenthread.plans.models import Result
from tests.pages.conftest import client_of
from tests.pages.plan import ACTOR, Plan

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _url(result: Result, offset: int | None = None) -> str:
    url = f"/history/plans.result/{result.pk}/"
    return url if offset is None else f"{url}?offset={offset}"


@pytest.fixture
def edited(plan: Plan, superuser) -> Result:
    """OP1.1.1 moved to another unit and reprioritised by the admin on a page, and its
    actual for the first year approved."""
    output = plan.results["OP1.1.1"]
    object_update(actor=superuser, obj=output,
                  data={"unit": plan.units["BDT"], "priority": "should"}, message="reorganised")
    actual = Actual.objects.get(indicator__code="K2", indicator__cycle=plan.cycle)
    object_update(actor=ACTOR, obj=actual, data={"status": "approved"})
    return output


def test_it_lists_who_changed_what_newest_first_with_before_and_after(edited: Result, superuser):
    history = selectors.object_history(edited, user=superuser)
    actions = [(h.entry.action, h.entry.object_type) for h in history.entries]
    assert actions[:2] == [("update", "indicators.actual"), ("update", "plans.result")]
    own = history.entries[1]
    assert own.is_subject
    assert own.entry.actor == superuser
    assert own.entry.message == "reorganised"
    changes = {c.label: (c.before, c.after) for c in own.changes}
    assert changes == {
        "unit": ("BDT-DNS Digital Networks and Society Department",
                 "BDT Telecommunication Development Bureau"),
        "priority": ("Must have", "Should have"),
    }
    assert own.summary == "priority, unit"
    actual = history.entries[0]
    assert not actual.is_subject
    assert actual.type_label == "actual"
    assert [(c.label, c.before, c.after) for c in actual.changes] == [
        ("status", "Submitted", "Approved")
    ]


def test_it_includes_the_records_attached_to_a_result(edited: Result, superuser):
    history = selectors.object_history(edited, user=superuser, limit=100)
    kinds = {h.entry.object_type for h in history.entries}
    assert {"plans.result", "plans.link", "indicators.indicator", "indicators.target",
            "indicators.actual", "finance.costline", "risks.risk",
            "risks.assumption"} <= kinds
    created = next(h for h in history.entries if h.entry.action == "create" and h.is_subject)
    assert ("title", "—", "National broadband plans adopted with ITU support") in [
        (c.label, c.before, c.after) for c in created.changes
    ]


def test_it_leaves_out_records_of_a_unit_the_user_may_not_see(plan: Plan, owner, superuser):
    output = plan.results["OP1.1.1"]
    # R1 is BDT's: the owner (BDT-DNS) sees it, as BDT is above her unit; a risk of BR
    # registered against the same output is not hers to see.
    from goldenthread.risks.models import Risk

    object_create(actor=ACTOR, obj=Risk(
        cycle=plan.cycle, code="R9", unit=plan.units["BR"], result=output, category="strategic",
        title="Spectrum rules change", likelihood=2, impact=2,
    ))
    seen = {h.entry.object_repr for h in selectors.object_history(output, user=owner, limit=200).entries}
    everything = {h.entry.object_repr for h in selectors.object_history(output, user=superuser,
                                                                          limit=200).entries}
    assert any("R9" in text for text in everything)
    assert not any("R9" in text for text in seen)
    assert any("R1" in text for text in seen)


def test_it_shows_a_deleted_records_values_and_deleted_keys(plan: Plan, superuser):
    output = plan.results["OP1.1.1"]
    fund = object_create(actor=ACTOR, obj=Fund(cycle=plan.cycle, code="TMP", name="Temporary"))
    line = object_create(actor=ACTOR, obj=CostLine(result=output, year=2029, category="other_direct",
                                                   source=fund, amount=Decimal("10.00")))
    object_update(actor=superuser, obj=line, data={"amount": Decimal("20.00")})
    history = selectors.object_history(line, user=superuser)
    assert [(c.label, c.before, c.after) for c in history.entries[0].changes] == [
        ("amount", "10.00", "20.00")
    ]
    created = history.entries[1]
    assert ("source", "—", "TMP Temporary") in [(c.label, c.before, c.after) for c in created.changes]
    object_delete(actor=superuser, obj=line)
    object_delete(actor=superuser, obj=fund)
    rows = selectors.audit_search(selectors.AuditFilters(object_type="finance.costline",
                                                         action="delete"))
    deleted_line = selectors.describe(rows)[0]
    # the fund is gone too: its id is kept, and said to be deleted
    assert ("source", f"#{fund.pk} (deleted)", "—") in [
        (c.label, c.before, c.after) for c in deleted_line.changes
    ]
    assert ("amount", "20.00", "—") in [(c.label, c.before, c.after) for c in deleted_line.changes]


def test_the_result_page_loads_its_history_panel_with_htmx(plan: Plan, signed_in: Client):
    output = plan.results["OP1.1.1"]
    html = signed_in.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    assert f'hx-get="{_url(output)}"' in html
    assert 'hx-trigger="load"' in html
    panel = signed_in.get(_url(output), **HTMX)
    assert panel.status_code == 200
    body = panel.content.decode()
    assert "<html" not in body
    assert "history__entry" in body
    assert "test:builder" in body


def test_the_history_has_a_page_of_its_own(edited: Result, signed_in: Client):
    response = signed_in.get(_url(edited))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "History of a result" in text
    assert "OP1.1.1 National broadband plans adopted with ITU support" in text
    assert "Must have → Should have" in text
    assert "admin" in text


def test_it_pages_older_changes(edited: Result, signed_in: Client):
    for n in range(selectors.HISTORY_PAGE + 5):
        object_update(actor=ACTOR, obj=edited, data={"description": f"Draft {n}"})
    first = signed_in.get(_url(edited), **HTMX).content.decode()
    assert first.count('class="history__entry') == selectors.HISTORY_PAGE
    assert f'hx-get="{_url(edited, selectors.HISTORY_PAGE)}"' in first
    more = signed_in.get(_url(edited, selectors.HISTORY_PAGE), **HTMX).content.decode()
    assert "<ol" not in more  # entries to append to the list, not a new panel
    assert 'class="history__entry' in more
    assert "Draft 24" in first
    assert "Draft 3" in more
    assert "Draft 3" not in first


def test_it_refuses_the_history_of_a_result_the_user_may_not_see(plan: Plan, other):
    response = client_of(other).get(_url(plan.results["OP1.1.1"]), **HTMX)
    assert response.status_code == 403
    assert "BDT-DNS Digital Networks and Society Department" in response.content.decode()


@pytest.mark.parametrize("url", [
    "/history/plans.nothing/1/", "/history/core.auditentry/1/", "/history/plans.result/999999/",
    "/history/plans.result/abc/",
])
def test_it_answers_404_for_what_has_no_history_here(plan: Plan, signed_in: Client, url: str):
    assert signed_in.get(url).status_code == 404


def test_the_panel_runs_a_fixed_number_of_queries(
    edited: Result, signed_in: Client, django_assert_num_queries
):
    # session, user, roles, units, the result, the rows (attached records as subqueries),
    # then one per kind of record the changed keys point to (level, unit, person, result,
    # indicator, fund, user); and the cycle's unit tree, for the money the user sees
    get_user_model().objects.get(username="planner")
    with django_assert_num_queries(14):
        response = signed_in.get(_url(edited), **HTMX)
    assert response.status_code == 200


def test_rows_of_one_plan_load_are_drawn_as_one_entry(plan: Plan, signed_in: Client, user):
    from goldenthread.interop.services import plan_dump, plan_load
    from tests.pages.plan import grant

    document = plan_dump(plan.cycle)
    document["cycle"]["code"] = "SP2099"
    loaded = plan_load(actor=Actor(label="cli:ops"), document=document)
    grant(user, Plan(cycle=loaded, results={}, units={u.code: u for u in loaded.units.all()},
                     people={}))
    output = Result.objects.get(cycle=loaded, code="OP1.1.1")
    history = selectors.object_history(output, user=user)
    shown = history.shown
    assert len(shown) == 1
    assert shown[0].is_subject
    assert len(shown[0].grouped) == len(history.entries) > 5
    text = _text(signed_in.get(_url(output), **HTMX).content.decode())
    assert f"{len(history.entries)} records, this one among them, together" in text
    assert "loaded from a plan file" in text


def test_figures_and_times_read_as_people_write_them(plan: Plan, superuser):
    from goldenthread.indicators.models import Target

    target = Target.objects.filter(indicator__cycle=plan.cycle).first()
    assert target is not None
    object_update(actor=superuser, obj=target, data={"value": Decimal("1234567.500000")})
    entry = selectors.object_history(target, user=superuser).entries[0]
    [change] = entry.changes
    assert change.after == "1,234,567.5"
    assert "." not in change.before or not change.before.endswith("0")


def test_the_history_page_names_the_kind_with_its_article(plan: Plan, superuser):
    indicator = plan.cycle.indicators.first()
    html = client_of(superuser).get(f"/history/indicators.indicator/{indicator.pk}/").content.decode()
    assert "History of an indicator" in _text(html)


def test_a_lesson_linked_to_results_is_described_by_their_codes(plan: Plan, superuser, signed_in):
    from goldenthread.reviews.models import Lesson
    from goldenthread.reviews.services import lesson_create

    lesson = lesson_create(
        actor=superuser, cycle=plan.cycle, unit=plan.units["BDT-DNS"],
        title="Plans follow the cabinet calendar", what_happened="Two plans slipped a year.",
        why="Cabinet meets twice a year.", next_time="Ask for the calendar first.",
        results=[plan.results["OP1.1.1"]],
    )
    assert isinstance(lesson, Lesson)
    rows = selectors.audit_search(selectors.AuditFilters(object_type="reviews.lesson"))
    [created] = selectors.describe(rows)
    changes = {c.label: c.after for c in created.changes}
    assert "OP1.1.1" in changes["results"]
    assert client_of(superuser).get("/audit/?object_type=reviews.lesson").status_code == 200
    assert client_of(superuser).get(f"/history/reviews.lesson/{lesson.pk}/").status_code == 200


def test_the_history_of_organisation_money_is_refused_to_part_of_it(plan: Plan, owner, superuser):
    from goldenthread.finance.models import Scenario
    from goldenthread.mobilisation.models import Revenue

    scenario = object_create(actor=ACTOR, obj=Scenario(cycle=plan.cycle, code="EB80",
                                                       name="Extrabudgetary falls"))
    revenue = Revenue.objects.filter(cycle=plan.cycle).first() or object_create(
        actor=ACTOR, obj=Revenue(cycle=plan.cycle, year=2029, stream="assessed_contributions",
                                 amount=Decimal("1000.00")))
    for obj in (scenario, revenue):
        url = f"/history/{obj._meta.app_label}.{obj._meta.model_name}/{obj.pk}/"
        refused = client_of(owner).get(url)
        assert refused.status_code == 403, url
        assert "money you may not see" in refused.content.decode()
        assert client_of(superuser).get(url).status_code == 200


def test_a_results_history_leaves_out_cost_lines_of_money_the_user_may_not_see(plan: Plan, owner,
                                                                                superuser):
    # the owner (BDT-DNS) sees the goal above her unit, not what it costs
    goal = next(r for r in plan.results.values() if r.unit.code != "BDT-DNS"
                and r.cost_lines.exists())
    everything = selectors.object_history(goal, user=superuser, limit=500).entries
    seen = selectors.object_history(goal, user=owner, limit=500).entries
    assert any(h.entry.object_type == "finance.costline" for h in everything)
    assert not any(h.entry.object_type == "finance.costline" for h in seen)


def test_the_history_of_a_cost_line_follows_the_money_the_user_sees(plan: Plan, owner):
    mine = CostLine.objects.filter(result=plan.results["OP1.1.1"]).first()
    above = CostLine.objects.filter(result__cycle=plan.cycle, result__unit__code__in=["BDT", "ITU"]).first()
    if above is None:  # a cost on the bureau above her department
        fund = object_create(actor=ACTOR, obj=Fund(cycle=plan.cycle, code="T2", name="Trust"))
        above = object_create(actor=ACTOR, obj=CostLine(
            result=plan.results["O1.1"], year=2029, category="other_direct", source=fund,
            amount=Decimal("5.00")))
    assert mine is not None and above.result.unit.code in ("BDT", "ITU")
    assert client_of(owner).get(f"/history/finance.costline/{mine.pk}/").status_code == 200
    # she sees the result above her unit (viewing reaches upward), not what it costs
    refused = client_of(owner).get(f"/history/finance.costline/{above.pk}/")
    assert refused.status_code == 403 and "money you may not see" in refused.content.decode()
