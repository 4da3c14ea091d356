"""Scenario pages: saving one (audited), the extrabudgetary -20% preset, the result
around the line, the comparison, deleting; who may write, who may read what."""

from __future__ import annotations

from decimal import Decimal

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Scenario
from goldenthread.finance.scenarios import Envelope
from goldenthread.finance.services import scenario_create
from goldenthread.plans.models import Cycle
from tests.finance.pages import ACTOR, client_for

URL = "/cycles/FIN/finance/scenarios/"
D = Decimal


def _save(cycle: Cycle, code: str, amount: str, year: int = 2028) -> Scenario:
    return scenario_create(actor=ACTOR, cycle=cycle, code=code, name=f"Scenario {code}",
                           envelopes=[Envelope(year, None, D(amount))])


def test_a_planner_saves_a_scenario_through_the_form_and_it_is_audited(planner, fin: Cycle):
    response = client_for(planner).post(f"{URL}new/", {
        "code": "S250", "name": "Tight 2028", "rule": "cost", "env_2028": "250,000",
        "ranks": "",
    })
    assert response.status_code == 302 and response["Location"].endswith(f"{URL}S250/")
    scenario = Scenario.objects.get(cycle=fin, code="S250")
    assert scenario.created_by == planner
    assert [(e.year, e.source, e.amount) for e in scenario.envelopes.all()] == [
        (2028, None, D("250000.00"))
    ]
    entry = AuditEntry.objects.get(object_type="finance.scenario", object_id=str(scenario.pk))
    assert entry.action == "create" and entry.actor == planner
    assert entry.after["envelopes"] == [{"year": 2028, "source": None, "amount": "250000.00"}]


def test_the_extrabudgetary_preset_fills_every_fund_at_80_per_cent_of_its_cost(planner, fin):
    html = client_for(planner).get(f"{URL}new/", {"preset": "eb80"}).content.decode()
    assert 'value="EB80"' in html and "Extrabudgetary income falls by 20%" in html
    # F1 pays OP2's 30,000 a year: 24,000 in the envelope; the regular budget stays whole
    assert 'name="src_F1_2028" value="24,000.00"' in html
    assert 'name="src_regular_budget_2028" value="320,000.00"' in html  # what outputs cost on it


def test_bad_envelopes_and_ranks_are_refused_naming_the_cell(planner, fin):
    client = client_for(planner)
    html = client.post(f"{URL}new/", {"code": "BAD", "name": "Bad", "rule": "manual",
                                      "env_2028": "abc", "src_F1_2029": "-5",
                                      "ranks": "OP1=first"}).content.decode()
    assert "All sources, 2028: &#x27;abc&#x27; is not an amount" in html
    assert "F1, 2029: an envelope cannot be negative" in html
    assert "Line 1: &#x27;first&#x27; is not a whole number." in html
    html = client.post(f"{URL}new/", {"code": "NONE", "name": "Empty", "rule": "cost"}).content.decode()
    assert "Give at least one envelope" in html
    html = client.post(f"{URL}new/", {"code": "R", "name": "R", "rule": "manual",
                                      "env_2028": "1", "ranks": "A1=1"}).content.decode()
    assert "No output A1 in FIN." in html
    assert not Scenario.objects.filter(cycle=fin).exists()


def test_a_code_already_saved_is_refused(planner, fin):
    _save(fin, "S1", "100")
    html = client_for(planner).post(f"{URL}new/", {"code": "S1", "name": "Again", "rule": "cost",
                                                   "env_2028": "100"}).content.decode()
    assert "A scenario S1 is saved already" in html


def test_the_scenario_page_shows_the_line_the_unfunded_output_and_the_empty_outcome(planner, fin):
    _save(fin, "S250", "250000")
    html = client_for(planner).get(f"{URL}S250/").content.decode()
    # must OP1 (215,000) is funded; should OP2 (75,000) does not fit in the 35,000 left;
    # could OP3 (10,000) still does; won't OP4 is never funded
    assert 'id="unfunded-count">1<' in html
    assert 'class="row--unfunded" data-code="OP2"' in html
    assert 'class="row--wont" data-code="OP4"' in html
    assert "does not fit" in html
    assert 'id="line-chart-data"' in html and "the line: the envelope" in html
    outcomes = html[html.index('id="empty-outcome-list"'):]
    assert "O2" in outcomes[:200]  # OP2 and OP4 serve O2; neither is funded


def test_two_scenarios_compare_side_by_side(planner, fin):
    _save(fin, "S250", "250000")
    _save(fin, "S400", "400000")
    html = client_for(planner).get(f"{URL}compare/", {"a": "S250", "b": "S400"}).content.decode()
    changed = html[html.index('id="compare-changed"'):]
    assert "OP2" in changed[:1500] and "not funded" in changed[:1500]
    assert 'id="compare-gaps"' in html
    assert "<td class=\"num\">2028</td><td class=\"num\">2028</td>" in html  # the years each covers
    assert "differs where their years do" not in html  # same years: the same costs
    _save(fin, "S29", "400000", year=2029)
    html = client_for(planner).get(f"{URL}compare/", {"a": "S250", "b": "S29"}).content.decode()
    assert "<td class=\"num\">2028</td><td class=\"num\">2029</td>" in html
    assert "differs where their years do" in html
    error = client_for(planner).get(f"{URL}compare/", {"a": "S250", "b": "S250"}).content.decode()
    assert "Choose two different scenarios." in error


def test_the_finance_officer_may_save_and_delete(finance_officer, fin):
    client = client_for(finance_officer)
    assert client.post(f"{URL}new/", {"code": "F", "name": "F", "rule": "cost",
                                      "env_2028": "1"}).status_code == 302
    assert client.post(f"{URL}F/delete/").status_code == 302
    assert not Scenario.objects.filter(cycle=fin, code="F").exists()
    assert AuditEntry.objects.filter(object_type="finance.scenario", action="delete").count() == 1


def test_viewers_and_members_read_scenarios_but_may_not_write_them(head_a, member_b, fin):
    _save(fin, "S250", "250000")
    for user in (head_a, member_b):
        client = client_for(user)
        assert client.get(f"{URL}new/").status_code == 403
        assert client.post(f"{URL}new/", {"code": "X", "name": "X", "rule": "cost",
                                          "env_2028": "1"}).status_code == 403
        assert client.post(f"{URL}S250/delete/").status_code == 403
        assert client.get(URL).status_code == 200
    assert Scenario.objects.filter(cycle=fin).count() == 1


def test_a_department_sees_its_own_outputs_in_a_scenario_and_no_organisation_figures(head_a, fin):
    _save(fin, "S250", "250000")
    html = client_for(head_a).get(f"{URL}S250/").content.decode()
    assert 'data-code="OP1"' in html and 'data-code="OP3"' in html
    assert 'data-code="OP2"' not in html and 'data-code="OP4"' not in html
    assert 'id="envelope-use"' not in html and 'id="scenario-gap-table"' not in html
    listing = client_for(head_a).get(URL).content.decode()
    assert "S250" in listing and "250,000" not in listing


def test_an_unknown_scenario_is_not_found(planner, fin):
    assert client_for(planner).get(f"{URL}NOPE/").status_code == 404
