"""Scores on the pages: the strategy map, the result's performance panel and the goals on
the overview, each as far as the user may see."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.pages.conftest import client_of
from tests.pages.plan import Plan

pytestmark = pytest.mark.django_db


def links_of(html: str) -> list[list[int]]:
    found = re.search(r'<script id="smap-links" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the map embeds its links"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_the_map_draws_every_result_by_tier_with_its_status_and_links(
    plan: Plan, signed_in: Client
) -> None:
    html = signed_in.get("/cycles/SP2028/map/").content.decode()
    for code in ("G1", "G2", "O1.1", "OP1.1.1", "A1.1.1.1", "OP9.9"):
        assert f'data-code="{code}"' in html
    # G1's K1: 71.5 against a target of 70 from 67: on track, scored 100
    assert re.search(r'class="mcard mcard--on_track"[^>]*data-code="G1"', html)
    ids = dict(re.findall(r'data-id="(\d+)" data-code="([^"]+)"', html))
    by_code = {code: int(pk) for pk, code in ids.items()}
    assert [by_code["OP1.1.1"], by_code["O2.1"]] in links_of(html)
    assert "Tier 4" in html or "People's work plans" in html


def test_the_map_filters_by_unit_and_keeps_the_thread_above_for_context(
    plan: Plan, signed_in: Client
) -> None:
    unit = plan.units["BDT-DNS"].pk
    html = signed_in.get(f"/cycles/SP2028/map/?unit={unit}").content.decode()
    assert 'data-code="OP1.1.1"' in html and 'data-code="A1.1.1.1"' in html
    assert re.search(r'mcard--context"[^>]*data-code="G1"', html)  # above, for context
    assert 'data-code="O1.2"' not in html  # another bureau's, not on the thread


def test_the_map_filters_by_status(
    plan: Plan, signed_in: Client
) -> None:
    html = signed_in.get("/cycles/SP2028/map/?status=no_data").content.decode()
    assert 'data-code="OP9.9"' in html
    assert re.search(r'mcard--context"[^>]*data-code="G1"', html) or 'data-code="G1"' not in html


def test_the_sunburst_sizes_the_cascade_by_cost_and_colours_it_by_score(
    plan: Plan, signed_in: Client
) -> None:
    html = signed_in.get("/cycles/SP2028/map/?view=sunburst").content.decode()
    found = re.search(r'<script id="sunburst-data" type="application/json">(.*?)</script>', html, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["by"] == "cost" and "G1" in data["labels"]
    g1 = data["labels"].index("G1")
    assert data["parents"][g1] == "" and data["scores"][g1] == 100
    op = data["labels"].index("OP1.1.1")
    # serves O1.1 (weight 0.6) and O2.1 (0.4): drawn under O1.1
    assert data["ids"][data["labels"].index("O1.1")] == data["parents"][op]


def test_a_member_sees_only_their_units_and_those_above_on_the_map(plan: Plan, owner) -> None:
    html = client_of(owner).get("/cycles/SP2028/map/").content.decode()
    assert 'data-code="OP1.1.1"' in html and 'data-code="G1"' in html
    assert 'data-code="OP1.2.1"' not in html  # BR-TSD: another bureau's department


def test_the_map_refuses_an_outsider_an_unknown_unit_and_a_stranger(
    plan: Plan, owner, outsider, client: Client
) -> None:
    assert client_of(outsider).get("/cycles/SP2028/map/").status_code == 403
    other_unit = plan.units["BR-TSD"].pk
    assert client_of(owner).get(f"/cycles/SP2028/map/?unit={other_unit}").status_code == 404
    assert client.get("/cycles/SP2028/map/").status_code == 302  # to the sign-in page


def test_the_result_page_explains_its_score(
    plan: Plan, signed_in: Client
) -> None:
    html = signed_in.get("/cycles/SP2028/results/G1/?period=2028").content.decode()
    assert "Performance in 2028" in html
    assert "What makes the score" in html and "K1" in html
    assert 'id="ichart-' in html  # the indicator's chart data


def test_the_result_page_refuses_a_period_outside_the_cycle(
    plan: Plan, signed_in: Client
) -> None:
    assert signed_in.get("/cycles/SP2028/results/G1/?period=2040").status_code == 404
    assert signed_in.get("/cycles/SP2028/results/G1/?period=soon").status_code == 404


def test_the_overview_leads_with_the_goals_and_what_needs_attention(
    plan: Plan, signed_in: Client
) -> None:
    html = signed_in.get("/cycles/SP2028/").content.decode()
    assert "Strategic goals in 2028" in html
    assert 'id="spark-' in html
    assert "Needs attention" in html and "Nothing reported yet" in html
