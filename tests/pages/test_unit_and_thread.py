"""The unit page, a person's thread ("My thread") and the alignment report: what each
shows, who may open them, and a fixed number of queries whatever the plan's size."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.pages.conftest import client_of
from tests.pages.plan import build_plan, grant, tie

pytestmark = pytest.mark.django_db


def cards(html: str) -> set[str]:
    """The codes of the cards on a thread board."""
    return set(re.findall(r'data-code="([^"]+)"', html))


def own_cards(html: str) -> set[str]:
    return set(re.findall(r'mcard--own"[^>]*data-code="([^"]+)"', html))


def test_the_unit_page_draws_its_results_and_the_thread_above_them(plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/units/BDT-DNS/").content.decode()
    assert own_cards(html) == {"OP1.1.1"}  # its own output; the person's activity is theirs
    assert cards(html) == {"OP1.1.1", "O1.1", "O2.1", "G1", "G2"}  # up to both goals (a DAG)
    assert "Amina Diallo" in html and "/people/S0001/" in html  # its people
    assert "Strategic goal" in html and "Outcome" in html  # rows by level


def test_the_unit_page_shows_the_units_below_with_their_statuses(plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/units/BDT/").content.decode()
    assert "/units/BDT-DNS/" in html and "/units/RO-AFR/" in html
    assert "/units/BR-TSD/" not in html  # another bureau's department is not below BDT


def test_my_thread_is_the_persons_work_plan_and_what_it_serves(plan, owner):
    html = client_of(owner).get("/cycles/SP2028/my-thread/").content.decode()
    assert "How your work serves the goals" in html
    assert own_cards(html) == {"A1.1.1.1"}  # owned, and a quarter of 2028 given to it
    assert cards(html) == {"A1.1.1.1", "OP1.1.1", "O1.1", "O2.1", "G1", "G2"}
    assert "25% of the year" in html
    assert "0.25" in html and "of 1.00 FTE allocated in 2028" in html


def test_time_given_to_another_units_output_is_on_the_thread_too(plan, other):
    html = client_of(other).get("/cycles/SP2028/my-thread/").content.decode()
    assert own_cards(html) == {"OP1.2.1"}  # Jonas owns nothing; half his 2028 goes to OP1.2.1
    assert cards(html) == {"OP1.2.1", "O1.2", "G1"}


def test_an_account_tied_to_no_person_is_told_why_its_thread_is_empty(plan, signed_in: Client):
    response = signed_in.get("/cycles/SP2028/my-thread/")
    assert response.status_code == 200
    assert "not tied to a person" in response.content.decode()


def test_a_planner_opens_anyones_work_plan(plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/people/S0002/").content.decode()
    assert "Jonas Berg" in html and own_cards(html) == {"OP1.2.1"}


def test_the_alignment_report_lists_each_check_with_its_reasons(plan, signed_in: Client):
    html = signed_in.get("/cycles/SP2028/alignment/").content.decode()
    assert "Where the thread is broken or weak" in html
    assert "OP9.9" in html  # the orphan
    assert "no definition says what is counted and how" in html  # K2, letter S
    assert 'class="heat"' in html


@pytest.mark.parametrize("url", [
    "/cycles/SP2028/units/BDT-DNS/", "/cycles/SP2028/people/S0001/",
])
def test_a_member_of_another_bureau_is_refused_its_units_and_people(plan, other, url):
    response = client_of(other).get(url)
    assert response.status_code == 403
    assert "Amina" not in response.content.decode()


def test_viewing_reaches_upward_but_not_sideways(plan, other):
    browser = client_of(other)  # BR-TSD
    html = browser.get("/cycles/SP2028/units/ITU/").content.decode()
    assert "/units/BR/" in html and "/units/BDT/" not in html  # only the bureau above them
    alignment = browser.get("/cycles/SP2028/alignment/").content.decode()
    assert "OP9.9" not in alignment and "K2" not in alignment


@pytest.mark.parametrize("url", [
    "/cycles/SP2028/units/ITU/", "/cycles/SP2028/people/S0001/", "/cycles/SP2028/my-thread/",
    "/cycles/SP2028/alignment/",
])
def test_an_outsider_is_refused_and_an_anonymous_visitor_sent_to_sign_in(plan, outsider, url):
    assert client_of(outsider).get(url).status_code == 403
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_units_and_people_are_not_found(plan, signed_in: Client):
    assert signed_in.get("/cycles/SP2028/units/NOPE/").status_code == 404
    assert signed_in.get("/cycles/SP2028/people/S9999/").status_code == 404


# session, user, grants (2), cycle, switcher, then the page's own reads (the unit and thread
# pages read the whole cycle's scores, and first the audit log's latest entry that keys them)
UNIT_QUERIES = 21
THREAD_QUERIES = 22
ALIGNMENT_QUERIES = 14


@pytest.mark.parametrize("extra_outputs", [1, 15])
@pytest.mark.parametrize("url,expected", [
    ("/cycles/SP2028/units/BDT-DNS/", UNIT_QUERIES),
    ("/cycles/SP2028/my-thread/", THREAD_QUERIES),
    ("/cycles/SP2028/alignment/", ALIGNMENT_QUERIES),
])
def test_the_pages_run_a_fixed_number_of_queries(
    db, user, django_assert_num_queries, extra_outputs: int, url: str, expected: int
):
    plan = build_plan(extra_outputs=extra_outputs)
    grant(user, plan)
    tie(user, plan.people["S0001"])
    browser = client_of(user)
    with django_assert_num_queries(expected):
        response = browser.get(url)
    assert response.status_code == 200


def test_what_ones_work_serves_in_another_unit_is_shown_whole_without_its_page(plan, other):
    from decimal import Decimal

    from goldenthread.core.services import object_create
    from goldenthread.finance.models import Allocation
    from tests.pages.plan import ACTOR

    # Jonas (BR-TSD) gives a tenth of 2028 to an activity of BDT-DNS, a bureau he may not see
    object_create(actor=ACTOR, obj=Allocation(person=plan.people["S0002"], year=2028,
                                              result=plan.results["A1.1.1.1"], share=Decimal("0.1")))
    html = client_of(other).get("/cycles/SP2028/my-thread/").content.decode()
    served = re.findall(r'class="mcard mcard--(\w+) mcard--context mcard--served" data-id="\d+" '
                        r'data-code="([^"]+)" data-title="([^"]*)"', html)
    assert served, "the outcome Jonas's output serves, in a bureau he may not see"
    for status, code, title in served:
        result = plan.results[code]
        assert title == result.title and status in {"on_track", "at_risk", "off_track", "no_data"}
        assert f'/results/{code}/' not in html  # its page stays closed to him
        assert client_of(other).get(f"/cycles/SP2028/results/{code}/").status_code == 403
