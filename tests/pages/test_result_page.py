"""A result's page shows its thread up to the top and down to its children."""

from __future__ import annotations

import re

from django.test import Client

from tests.pages.plan import Plan


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _paths(html: str) -> list[list[str]]:
    """The result codes of each drawn upward path, top first."""
    return [re.findall(r'class="code"[^>]*>([^<]+)<', path)
            for path in re.findall(r'<ol class="path".*?</ol>', html, flags=re.S)]


def test_it_draws_every_upward_path_from_the_top(plan: Plan, signed_in: Client):
    response = signed_in.get("/cycles/SP2028/results/A1.1.1.2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert sorted(_paths(html)) == [
        ["G1", "O1.1", "OP1.1.1", "A1.1.1.2"],
        ["G2", "O2.1", "OP1.1.1", "A1.1.1.2"],
    ]
    text = _text(html)
    assert "serves the plan by 2 paths" in text
    # the weight on the link from OP1.1.1 to each outcome, and from the activity to OP1.1.1
    assert "weight 0.6" in text and "weight 0.4" in text and "weight 0.5" in text
    # the result itself is the highlighted card, with its unit and tier
    current = re.search(r'<article class="rcard rcard--current".*?</article>', html, flags=re.S)
    assert current is not None
    assert "RO-AFR · Regional Office for Africa" in current.group(0)
    assert "T3" in _text(current.group(0))


def test_it_lists_the_children_with_units_tiers_and_weights(plan: Plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    children = re.search(r'<ul class="children">.*?</ul>', html, flags=re.S)
    assert children is not None
    text = _text(children.group(0))
    assert re.search(r"weight 1 Activity A1\.1\.1\.1 T4 .*BDT-DNS .*Amina Diallo", text)
    assert re.search(r"weight 0\.5 Activity A1\.1\.1\.2 T3 .*RO-AFR", text)


def test_it_shows_indicators_costs_people_risks_and_assumptions(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/results/OP1.1.1/").content.decode())
    assert "K2 Countries adopting a national broadband plan with ITU support" in text
    assert "Baseline 4 (2027)" in text
    assert "2028 6 5 Submitted" in text
    assert "Travel and events 12,000 15,500 0 0 27,500" in text
    assert "Consultants and contractual services 85,000 0 0 0 85,000" in text
    assert "Regular budget 12,000 15,500 0 0 27,500" in text
    assert "EU Connectivity Fund 85,000 0 0 0 85,000" in text
    assert "R1 Partner governments delay plan adoption" in text
    assert "Inherent 16 High → Residual 6 Medium" in text
    assert "✓ Holds Member states keep broadband in their national priorities." in text
    assert "? Uncertain Donor funding arrives on time." in text


def test_it_shows_the_reference_sheet_and_values_by_period(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/results/G1/").content.decode())
    assert "Unit of measure Percent" in text
    assert "SDG indicator 9.c.1" in text
    assert "Responsible Amina Diallo" in text
    assert "Means of verification ITU World Telecommunication/ICT Indicators database" in text
    assert "2028 70 71.5 Approved" in text
    assert "2031 80 \u2013" in text
    assert "A result of the top level: the thread starts here." in text


def test_it_costs_staff_time_by_grade(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/results/A1.1.1.1/").content.decode())
    assert "Amina Diallo S0001 BDT-DNS P5 2028 25% 65,500" in text


def test_it_marks_an_orphan(plan: Plan, signed_in: Client):
    text = _text(signed_in.get("/cycles/SP2028/results/OP9.9/").content.decode())
    assert "Orphan. This result serves no parent" in text


def test_it_answers_404_for_an_unknown_result(plan: Plan, signed_in: Client):
    response = signed_in.get("/cycles/SP2028/results/O9.9/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


def test_it_answers_404_for_a_result_of_another_cycle(plan: Plan, user, signed_in: Client):
    from tests.pages.plan import build_plan, grant

    grant(user, build_plan(code="SP2032", start_year=2032))
    assert signed_in.get("/cycles/SP2032/results/OP1.1.1/").status_code == 200
    assert signed_in.get("/cycles/SP2032/results/OP9.9/").status_code == 200
    assert signed_in.get("/cycles/SP2032/results/OPX.1/").status_code == 404
