"""A member of staff follows their work up to the goals; a planner walks the units and
reads the alignment report, on the demo organisation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.test_thread import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def tied(planner, organisation):  # type: ignore[no-untyped-def]
    """The planner's account tied to the demo's busiest person, Amina Diallo."""
    from goldenthread.org.models import Person

    Person.objects.filter(cycle__code=organisation, name="Amina Diallo").update(user=planner)
    return organisation


def test_my_thread_climbs_from_my_activities_to_the_goals(page, live_server, planner, tied):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My thread").click()
    page.wait_for_selector("#smap[data-ready='true']")
    expect(page.get_by_role("heading", name="How your work serves the goals")).to_be_visible()
    rows = page.locator(".tboard__row h3").all_inner_texts()
    assert rows[0].startswith("Strategic goal") and rows[-1].startswith("Activity")
    mine = page.locator(".mcard--own")
    assert mine.count() >= 3
    shoot(page, "30-my-thread", full_page=True)

    activity = page.locator(".tboard__row").last.locator(".mcard--own").first
    activity.click(position={"x": 120, "y": 40})
    lit = set(page.locator(".mcard.is-thread").evaluate_all("cards => cards.map(c => c.dataset.code)"))
    goals = set(
        page.locator(".tboard__row")
        .first.locator(".mcard")
        .evaluate_all("cards => cards.map(c => c.dataset.code)")
    )
    assert lit & goals  # the activity's thread reaches a goal
    assert page.locator(".smap__lines path.is-thread").count() >= 3
    shoot(page, "31-my-thread-lit", full_page=False)


def test_a_planner_walks_down_the_units_to_a_persons_work_plan(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/cycles/{organisation}/units/TSB/")
    page.wait_for_selector("#smap[data-ready='true']")
    shoot(page, "32-unit-bureau", full_page=True)
    page.locator(".unit-bars a.code", has_text="TSB-SGD").click()
    page.wait_for_url(re.compile(r"/units/TSB-SGD/"))
    assert page.locator(".mcard--own").count() >= 1
    page.locator(".people a").first.click()
    page.wait_for_url(re.compile(r"/people/[^/]+/"))
    page.wait_for_selector("#smap[data-ready='true']")
    assert page.locator(".mcard--own").count() >= 1
    shoot(page, "33-person-work-plan", full_page=False)


def test_the_alignment_report_shows_the_findings_by_unit_and_letter(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alignment").click()
    expect(page.get_by_role("heading", name="Where the thread is broken or weak")).to_be_visible()
    assert page.locator(".letter-bars li").count() == 5
    assert page.locator("table.heat tbody tr").count() >= 1
    shoot(page, "34-alignment", full_page=False)
    page.locator("#check-smart").scroll_into_view_if_needed()
    shoot(page, "35-alignment-smart", full_page=False)
