"""The financial plan and an output's cost, as pages: figures, charts, and what each
persona sees (docs/finance.md, "Who sees which money")."""

from __future__ import annotations

import json
import re

from goldenthread.plans.models import Cycle
from tests.finance.pages import client_for

URL = "/cycles/FIN/finance/"


def _chart(html: str, name: str) -> dict:  # type: ignore[type-arg]
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_the_planner_sees_the_whole_plan_by_outcome_with_its_total_sankey_and_gap(planner):
    html = client_for(planner).get(URL).content.decode()
    # 490,000 a year over four years (tests/finance/plan.py)
    assert "1,960,000" in html
    table = html[html.index('id="plan-table"'):html.index("</table>", html.index('id="plan-table"'))]
    for code in ("O1", "O2", "Unattributed"):
        assert code in table
    sankey = _chart(html, "sankey-data")["data"][0]
    assert "Trust fund one" in sankey["node"]["label"] and "DEPA" in sankey["node"]["label"]
    assert sum(sankey["link"]["value"]) == 2 * 1_960_000  # every cent twice: source->outcome->unit
    # revenue 320,000 a year against 490,000: a gap of 170,000 a year, shown in red
    assert 'id="gap-table"' in html and "680,000" in html and "gap-pos" in html


def test_each_dimension_has_its_own_table_and_chart(planner):
    client = client_for(planner)
    for by, expected in [("unit", "Department B"), ("category", "Travel and events"),
                         ("source", "Trust fund one")]:
        html = client.get(URL, {"by": by}).content.decode()
        assert expected in html
        chart = _chart(html, "plan-chart-data")
        assert chart["layout"]["barmode"] == "stack"
        assert sum(sum(trace["y"]) for trace in chart["data"]) == 1_960_000


def test_an_unknown_dimension_falls_back_to_outcomes(planner):
    html = client_for(planner).get(URL, {"by": "colour"}).content.decode()
    assert 'aria-current="page">By outcome' in html


def test_a_department_head_sees_only_their_departments_money_and_no_gap(head_a):
    html = client_for(head_a).get(URL).content.decode()
    # DEPA owns OP1 (215,000), OP3 (10,000) and A3 (140,000) a year
    assert "1,460,000" in html and "1,960,000" not in html
    assert "Output two" not in html and ">O2<" not in html
    assert 'id="gap-table"' not in html
    assert "You see the money of DEPA" in html


def test_a_member_of_department_b_sees_department_b(member_b):
    html = client_for(member_b).get(URL).content.decode()
    assert "500,000" in html and "1,960,000" not in html
    assert "You see the money of DEPB" in html


def test_the_output_page_says_where_each_part_of_the_cost_came_from(planner):
    html = client_for(planner).get(f"{URL}outputs/OP1/").content.decode()
    assert "860,000" in html  # 215,000 a year
    staff = html[html.index('id="origin-staff"'):]
    assert "Sam One" in staff and "Sue Two" in staff
    assert "1/4" in staff  # a quarter of A2 (weights 1 and 3) reaches OP1
    assert "15,000.00" in staff  # 0.6 x 100,000 / 4
    assert "O1" in html and "100.0%" in html


def test_an_output_of_another_department_is_refused_and_an_unknown_one_not_found(member_b, planner):
    assert client_for(member_b).get(f"{URL}outputs/OP1/").status_code == 403
    assert client_for(planner).get(f"{URL}outputs/NOPE/").status_code == 404


def test_outsiders_are_refused_and_anonymous_visitors_sent_to_sign_in(outsider, fin: Cycle):
    for path in ("", "outputs/OP1/", "scenarios/", "scenarios/compare/", "workforce/"):
        assert client_for(outsider).get(URL + path).status_code == 403
        response = client_for(None).get(URL + path)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_finance_officer_sees_everything(finance_officer):
    assert "1,960,000" in client_for(finance_officer).get(URL).content.decode()


def test_an_outputs_page_links_to_its_cost_and_an_activitys_does_not(planner):
    client = client_for(planner)
    assert "/cycles/FIN/finance/outputs/OP1/" in client.get("/cycles/FIN/results/OP1/").content.decode()
    assert "/finance/outputs/" not in client.get("/cycles/FIN/results/A1/").content.decode()


def test_a_large_plans_sankey_keeps_its_largest_outcomes_and_gathers_the_rest():
    from goldenthread.finance.costing import FinancialPlan, Label
    from goldenthread.finance.views import MAX_SANKEY_NODES, _sankey

    n = MAX_SANKEY_NODES + 6
    plan = FinancialPlan(
        currency="CHF", years=[2028],
        cells={(o, 1, 2028, "other_direct", 1): 100 * (o + 1) for o in range(n)},
        outcomes={o: Label(f"O{o}", f"Outcome {o}") for o in range(n)},
        units={1: Label("U", "Unit")}, funds={1: Label("RB", "Regular budget")},
        unattributed=[], uncosted=[], output_total_cents=0, off_output_cents=0,
    )
    sankey = _sankey(plan)["data"][0]
    labels = sankey["node"]["label"]
    assert "6 other outcomes" in labels and "O0" not in labels and f"O{n - 1}" in labels
    assert len(labels) == 1 + MAX_SANKEY_NODES + 1 + 1  # source, outcomes, the rest, unit
    total = sum(100 * (o + 1) for o in range(n)) / 100
    assert sum(sankey["link"]["value"]) == 2 * total
