"""Every page shows a user only what their roles let them see, and refuses the rest with a
403 page that names the unit (not a blank page); anonymous visitors are sent to sign in.

The plan (tests/pages/plan.py): ITU > BDT > {BDT-DNS, RO-AFR}, ITU > BR > BR-TSD, ITU > TSB.
The owner is a member of BDT-DNS, the other a member of BR-TSD, the outsider has no role.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client

from tests.pages.conftest import client_of
from tests.pages.plan import Plan, grant

OVERVIEW = "/cycles/SP2028/"
ORPHANS = "/cycles/SP2028/orphans/"


def _result(code: str) -> str:
    return f"/cycles/SP2028/results/{code}/"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# -- anonymous


@pytest.mark.parametrize("url", ["/", OVERVIEW, ORPHANS, _result("OP1.1.1"), "/audit/"])
def test_it_sends_an_anonymous_visitor_to_sign_in_first(plan: Plan, client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={quote(url)}"


# -- the outsider: no role, no person


@pytest.mark.parametrize("url", [OVERVIEW, ORPHANS, _result("G1"), _result("OP1.1.1")])
def test_it_refuses_every_page_of_the_cycle_to_an_outsider(plan: Plan, outsider, url: str):
    response = client_of(outsider).get(url)
    assert response.status_code == 403
    text = _text(response.content.decode())
    assert "Not allowed" in text
    assert "you have no role in this cycle" in text


def test_it_tells_an_outsider_on_the_home_page_that_they_have_no_role(plan: Plan, outsider):
    response = client_of(outsider).get("/")
    assert response.status_code == 403
    assert "Your account has no role in any plan yet" in response.content.decode()


def test_it_offers_an_outsider_no_cycle_in_the_switcher(plan: Plan, outsider):
    html = client_of(outsider).get("/").content.decode()
    assert "SP2028" not in html
    assert "No cycle loaded yet" in html


def test_it_answers_404_not_403_for_a_cycle_that_does_not_exist(plan: Plan, outsider):
    assert client_of(outsider).get("/cycles/NOPE/").status_code == 404


# -- the owner: a member of BDT-DNS


def test_it_sends_the_owner_home_to_their_cycle(plan: Plan, owner):
    response = client_of(owner).get("/")
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW


def test_the_owner_sees_their_unit_and_the_units_above_it_only(plan: Plan, owner):
    text = _text(client_of(owner).get(OVERVIEW).content.decode())
    for code in ("ITU", "BDT", "BDT-DNS"):
        assert f" {code} " in text
    for code in ("BR-TSD", "RO-AFR", "TSB"):
        assert f" {code} " not in text


def test_the_overview_counts_only_what_the_owner_sees(plan: Plan, owner):
    response = client_of(owner).get(OVERVIEW)
    context = response.context
    # G1, G2 (ITU), O1.1, OP9.9 (BDT), OP1.1.1, A1.1.1.1 (BDT-DNS)
    assert context["counts"].total == 6
    assert context["units"].unit_count == 3
    assert context["units"].people_count == 1  # Amina; Jonas is in BR-TSD
    assert context["indicator_count"] == 2  # K1 on G1, K2 on OP1.1.1
    assert context["orphan_count"] == 1  # OP9.9
    # cost lines of OP1.1.1 only (BR-TSD's equipment is another bureau's)
    assert context["costs"].total == 12000 + 85000 + 15500
    # open risks R1 (BDT) and R3 (ITU); R2 is BR's
    assert context["risk_total"] == 2
    cascade_codes = {node.code for goal in context["cascade"] for node in goal.children}
    assert cascade_codes == {"O1.1"}
    # action lines belong to nobody in particular: the organisation's, seen by all
    assert context["action_total"] == 4


def test_the_owner_opens_a_result_of_their_unit(plan: Plan, owner):
    response = client_of(owner).get(_result("OP1.1.1"))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "National broadband plans adopted with ITU support" in text
    assert "Partner governments delay plan adoption" in text


def test_the_owner_opens_the_goals_and_their_bureaus_objectives(plan: Plan, owner):
    browser = client_of(owner)
    assert browser.get(_result("G1")).status_code == 200
    assert browser.get(_result("O1.1")).status_code == 200


@pytest.mark.parametrize("code,unit", [
    ("OP1.2.1", "BR-TSD Terrestrial Services Department"),
    ("O1.2", "BR Radiocommunication Bureau"),
    ("A1.1.1.2", "RO-AFR Regional Office for Africa"),
])
def test_it_refuses_the_owner_a_result_of_another_unit_naming_it(plan: Plan, owner, code, unit):
    response = client_of(owner).get(_result(code))
    assert response.status_code == 403
    text = _text(response.content.decode())
    assert f"You may not see this result: it belongs to {unit}" in text
    assert plan.results[code].title not in text


def test_the_thread_closes_a_card_of_a_unit_the_owner_may_not_see(plan: Plan, owner):
    html = client_of(owner).get(_result("OP1.1.1")).content.decode()
    text = _text(html)
    # OP1.1.1 serves O1.1 (BDT, seen) and O2.1 (TSB, not seen)
    assert "Broadband networks reach the unconnected" in text
    assert "Digital services are affordable and trusted" not in text
    assert "A result of TSB, outside the units you may see." in text
    assert "rcard--restricted" in html
    assert 'href="/cycles/SP2028/results/O2.1/"' not in html


def test_the_thread_counts_children_the_owner_may_not_see(plan: Plan, owner):
    text = _text(client_of(owner).get(_result("OP1.1.1")).content.decode())
    assert "Advise three countries on their broadband plans" in text  # A1.1.1.1, BDT-DNS
    assert "Regional workshop on infrastructure sharing" not in text  # A1.1.1.2, RO-AFR
    assert "1 more result of units outside the ones you may see contributes to this one" in text


def test_the_owner_lists_only_their_orphans(plan: Plan, owner):
    page = client_of(owner).get(ORPHANS).context["page"]
    assert [r.code for r in page.object_list] == ["OP9.9"]


# -- the other: a member of another bureau's department


def test_the_other_member_sees_their_own_bureau_not_the_owners(plan: Plan, other):
    browser = client_of(other)
    assert browser.get(_result("OP1.2.1")).status_code == 200
    assert browser.get(_result("G1")).status_code == 200
    refused = browser.get(_result("OP1.1.1"))
    assert refused.status_code == 403
    assert "BDT-DNS Digital Networks and Society Department" in refused.content.decode()
    assert browser.get(ORPHANS).context["page"].paginator.count == 0


# -- roles widen what one sees


def test_a_viewer_on_a_bureau_sees_all_its_departments(plan: Plan, outsider):
    grant(outsider, plan, "BDT", "viewer")
    browser = client_of(outsider)
    assert browser.get(_result("A1.1.1.2")).status_code == 200  # RO-AFR, below BDT
    assert browser.get(_result("OP1.2.1")).status_code == 403  # BR-TSD


def test_a_superuser_sees_everything(plan: Plan, admin_signed_in: Client):
    for code in plan.results:
        assert admin_signed_in.get(_result(code)).status_code == 200
    assert admin_signed_in.get(OVERVIEW).context["counts"].total == len(plan.results)


def test_a_planner_on_the_organisation_sees_everything(plan: Plan, signed_in: Client):
    assert signed_in.get(OVERVIEW).context["counts"].total == len(plan.results)
    assert signed_in.get(_result("OP1.2.1")).status_code == 200
