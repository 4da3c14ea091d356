"""A planner reads the goals, opens the strategy map, lights up a thread, and follows the
biggest drags down from a goal, on the demo organisation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.test_thread import sign_in

pytestmark = pytest.mark.e2e


def test_the_overview_leads_with_the_goals_their_trend_and_what_needs_attention(
    page, live_server, planner, organisation
):
    sign_in(page, live_server)
    goals = page.locator(".goal")
    assert goals.count() == 2
    page.wait_for_selector(".spark .main-svg")
    expect(page.get_by_role("heading", name="Needs attention")).to_be_visible()
    shoot(page, "10-overview-goals", full_page=False)


def test_clicking_a_card_lights_up_its_whole_thread(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Strategy map").click()
    page.wait_for_selector("#smap[data-ready='true']")
    assert page.locator(".smap__lines path").count() > 100  # the links are drawn
    shoot(page, "11-strategy-map", full_page=False)

    card = page.locator(".mcard[data-code='O3.1']")
    card.click(position={"x": 120, "y": 40})
    assert card.get_attribute("aria-pressed") == "true"
    lit = page.locator(".mcard.is-thread")
    codes = set(lit.evaluate_all("cards => cards.map(c => c.dataset.code)"))
    assert "G1" in codes  # up to the goal
    assert any(code.startswith("OP3.1") for code in codes)  # down to its outputs
    assert "O1.2" not in codes  # another outcome's thread stays dim
    assert page.locator(".smap__lines path.is-thread").count() >= len(codes) - 1
    expect(page.locator("#smap-panel")).to_be_visible()
    shoot(page, "12-strategy-map-thread", full_page=False)

    page.keyboard.press("Escape")
    assert page.locator(".mcard.is-thread").count() == 0


def test_the_map_filters_and_the_sunburst(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/cycles/{organisation}/map/?status=off_track")
    page.wait_for_selector("#smap[data-ready='true']")
    statuses = set(
        page.locator(".mcard:not(.mcard--context)").evaluate_all(
            "cards => cards.map(c => c.className.match(/mcard--(on_track|at_risk|off_track|no_data)/)[1])"
        )
    )
    assert statuses == {"off_track"}
    page.get_by_role("link", name="Sunburst by cost").click()
    page.wait_for_selector("#sunburst .main-svg")
    shoot(page, "13-sunburst", full_page=False)


def test_why_is_this_red_follows_the_biggest_drags_down(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/cycles/{organisation}/results/G1/")
    steps = page.locator(".drill li")
    assert steps.count() >= 2
    first = steps.nth(0).locator("a.code").inner_text()
    steps.nth(0).locator("a.code").click()
    page.wait_for_url(re.compile(rf"/results/{re.escape(first)}/"))
    expect(page.get_by_role("heading", name=re.compile("Performance in"))).to_be_visible()
    page.goto(f"{live_server.url}/cycles/{organisation}/results/O1.2/")
    page.wait_for_selector(".ichart .main-svg")  # the indicators' charts
    shoot(page, "14-result-performance", full_page=False)
    page.locator("#indicators").scroll_into_view_if_needed()
    shoot(page, "15-indicator-charts", full_page=False)
