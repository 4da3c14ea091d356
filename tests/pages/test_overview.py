"""The cycle overview shows the plan at a glance."""

from __future__ import annotations

import re

from django.test import Client

from tests.pages.plan import Plan, build_plan, grant


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_sends_home_to_the_newest_cycle(db, user, signed_in: Client):
    grant(user, build_plan(code="SP2024", start_year=2024))
    grant(user, build_plan(code="SP2028", start_year=2028))
    response = signed_in.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/cycles/SP2028/"


def test_it_says_when_no_plan_is_loaded(db, signed_in: Client):
    response = signed_in.get("/")
    assert response.status_code == 200
    assert "No plan is loaded yet" in response.content.decode()


def test_it_shows_the_cycle_its_counts_and_its_cascade(plan: Plan, signed_in: Client):
    response = signed_in.get("/cycles/SP2028/")
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Strategic Plan 2028-2031" in text
    assert "Years 2028\u20132031" in text
    assert "Baseline 2027" in text
    assert "Currency CHF" in text
    # 2 goals (tier 1), 3 outcomes (tier 2), 3 outputs (two tier 3, one tier 2),
    # 2 activities (one tier 3, one owned by a person: tier 4)
    assert "Strategic goal · impact 2 0 0 0 2" in text
    assert "Outcome · outcome 0 3 0 0 3" in text
    assert "Output · output 0 1 2 0 3" in text
    assert "Activity · activity 0 0 1 1 2" in text
    assert "All levels 2 4 3 1 10" in text
    # the cascade shows OP1.1.1 under both outcomes it serves, with each weight
    assert html.count('href="/cycles/SP2028/results/OP1.1.1/"') == 2
    assert "w 0.6" in text and "w 0.4" in text
    # activities are not drawn in the overview's cascade
    assert "/results/A1.1.1.1/" not in html
    # one orphan, and the link to the list of orphans
    assert 'href="/cycles/SP2028/orphans/"' in html
    assert "1 orphan: result serving no parent" in text


def test_it_shows_units_money_risks_and_action_lines(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/").content.decode())
    assert "BDT-DNS Digital Networks and Society Department 1 result · 1 person" in text
    # cost lines: travel 12,000 + consultants 85,000 + equipment 40,000 in 2028
    assert "Cost lines 137,000 15,500 0 0 152,500" in text
    # staff time: 0.25 x P5 262,000 + 0.5 x P4 231,000 in 2028
    assert "Staff time allocated 181,000 0 0 0 181,000" in text
    assert "152.5k CHF planned cost lines" in text
    # R2 residual 16 (high), R1 residual 6 (medium), R3 not assessed
    assert "High score 10\u201316 1" in text
    assert "Medium score 5\u20139 1" in text
    assert "Not assessed no residual score 1" in text
    assert "To be started 1" in text and "Ongoing 2" in text and "Completed 1" in text
    assert "12 indicators" not in text and "2 indicators" in text


def test_it_serves_plotly_from_the_installed_package(plan: Plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/").content.decode()
    match = re.search(r'<script src="(/assets/plotly-[^"]+\.min\.js)"', html)
    assert match is not None
    response = signed_in.get(match.group(1))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert b"plotly" in b"".join(response.streaming_content)[:2000].lower()


def test_it_lists_the_orphans(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/orphans/").content.decode())
    assert "OP9.9 Legacy publication series Output BDT" in text
    assert "OP1.2.1" not in text


def test_it_answers_404_for_an_unknown_cycle(plan: Plan, signed_in: Client):
    assert signed_in.get("/cycles/NOPE/").status_code == 404
