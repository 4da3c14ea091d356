"""The strategy map of one unit: the thread above it is drawn with the scores of the whole
cycle (kept between requests until the next audited write), in a fixed number of queries."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from goldenthread.core.audit import Actor
from goldenthread.core.periods import Period
from goldenthread.core.services import object_update
from goldenthread.indicators.models import Actual
from goldenthread.indicators.selectors import cycle_scores, scoreboard
from tests.pages.plan import Plan, build_plan, grant

# session, user, grants (2), cycle, switcher, years reported, units, levels, chosen results,
# links above them, the unit's scores (six), then the whole cycle's kept scores: the audit
# log's latest entry, and on the first request of the process the whole cycle (six)
UNIT_MAP_QUERIES = 18
UNIT_MAP_QUERIES_COLD = UNIT_MAP_QUERIES + 6


def _card(html: str, code: str) -> str:
    found = re.search(rf'<div class="mcard [^"]*"[^>]*data-code="{re.escape(code)}".*?</div>\s*</div>',
                      html, re.S)
    assert found, code
    return found.group(0)


def test_the_goal_above_a_department_shows_its_whole_cycle_score(plan: Plan, signed_in: Client) -> None:
    html = signed_in.get(f"/cycles/SP2028/map/?unit={plan.units['BDT-DNS'].pk}").content.decode()
    goal = scoreboard(plan.cycle, Period(2028)).by_code("G1")
    assert goal is not None and goal.score is not None
    card = _card(html, "G1")
    assert "mcard--context" in card and f"mcard--{goal.status}" in card
    assert f'<span class="mcard__score">{goal.score:.0f}</span>' in card
    assert 'data-code="O1.2"' not in html  # another bureau's outcome: not on the thread


def test_kept_scores_are_read_again_after_an_audited_write(plan: Plan) -> None:
    period = Period(2028)
    first = cycle_scores(plan.cycle, period)
    assert cycle_scores(plan.cycle, period).kept is first.kept  # kept
    actual = Actual.objects.get(indicator__code="K1", year=2028)
    object_update(actor=Actor(label="test"), obj=actual, data={"value": Decimal("68")})
    again = cycle_scores(plan.cycle, period)
    assert again.kept is not first.kept
    goal = next(r for r in again.values() if r.code == "G1")
    assert goal.score == pytest.approx(100 * (68 - 67) / (70 - 67))


@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_a_unit_map_runs_a_fixed_number_of_queries(
    db, user, signed_in: Client, django_assert_num_queries, extra_outputs: int
) -> None:
    built = build_plan(extra_outputs=extra_outputs)
    grant(user, built)
    url = f"/cycles/SP2028/map/?unit={built.units['BDT-DNS'].pk}"
    with django_assert_num_queries(UNIT_MAP_QUERIES_COLD):
        assert signed_in.get(url).status_code == 200
    with django_assert_num_queries(UNIT_MAP_QUERIES):
        response = signed_in.get(url)
    assert 'data-code="OP1.1.1"' in response.content.decode()
    actual = Actual.objects.filter(indicator__cycle=built.cycle).order_by("id").first()
    assert actual is not None
    object_update(actor=Actor(label="test"), obj=actual, data={"value": actual.value + 1})
    # after a write of an actual: the writes since the kept scores, the indicator of the
    # actual changed, then that indicator scored again (four), not the whole cycle
    with django_assert_num_queries(UNIT_MAP_QUERIES + 6):
        assert signed_in.get(url).status_code == 200
    with django_assert_num_queries(UNIT_MAP_QUERIES):
        assert signed_in.get(url).status_code == 200


@pytest.mark.parametrize("view", ["sunburst", "count"])
def test_the_sunburst_closes_its_rings(db, view: str) -> None:
    """On the demo organisation: every wedge's parent is a wedge or the centre, only leaves
    carry a value (so a branch is its leaves and no ring leaves a blank wedge), results that
    serve nothing sit under one explained wedge, and by cost the leaves add up to the cost
    planned on every result of the map."""
    from django.contrib.auth import get_user_model

    from goldenthread.demo.builder import demo_document
    from goldenthread.finance.models import CostLine
    from goldenthread.interop.services import plan_load

    cycle = plan_load(actor=Actor(label="test"), document=demo_document())
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    html = client.get(f"/cycles/{cycle.code}/map/?view={view}").content.decode()
    found = re.search(r'<script id="sunburst-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found.group(1))
    ids, parents, values, labels = data["ids"], data["parents"], data["values"], data["labels"]
    assert len(set(ids)) == len(ids) and len(parents) == len(values) == len(ids)
    assert all(p == "" or p in ids for p in parents)
    branches = set(parents) - {""}
    assert [values[i] for i, key in enumerate(ids) if key in branches] == [0] * len(branches)
    roots = {labels[i] for i, p in enumerate(parents) if p == ""}
    assert roots == {"G1", "G2", "Serving no goal"}
    unlinked = {labels[i] for i, p in enumerate(parents) if p == "unlinked"}
    assert {"OP-X1", "OP-X2"} <= unlinked
    results = dict(zip(ids, data["results"], strict=True))
    # a branch holds its result and every result below it: the three roots hold them all
    assert results["unlinked"] == sum(results[ids[labels.index(code)]] for code in unlinked) > len(unlinked)
    assert sum(results[ids[labels.index(code)]] for code in ("G1", "G2")) + results["unlinked"] == \
        sum(1 for label in labels if label not in ("own cost", "Serving no goal"))
    if view == "count":
        assert set(values) == {0, 1}
    else:
        planned = sum(CostLine.objects.filter(result__cycle=cycle).values_list("amount", flat=True))
        assert sum(values) == pytest.approx(float(planned))
        assert "own cost" in labels
        assert "“own cost” is the part of a result" in html
    assert "Serving no goal” gathers" in html and "Click a card" not in html
