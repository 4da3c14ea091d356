"""A planner reads the goals, opens the strategy map, lights up a thread, and follows the
biggest drags down from a goal, on the demo organisation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.test_thread import sign_in

pytestmark = pytest.mark.e2e

# The lines that end inside a card (more than a pixel from its edges), or that cross the body
# of either card they join (or of its closed unit box), sampled along their length.
INSIDE_A_CARD = """() => {
    const map = document.getElementById('smap'), box = map.getBoundingClientRect(), bad = [];
    const closed = c => c.closest('details:not([open])');
    const rects = [...map.querySelectorAll('.mcard, details:not([open])')]
        .filter(c => c.tagName === 'DETAILS' || !closed(c)).map(c => c.getBoundingClientRect())
        .filter(r => r.width > 0);
    const within = (r, x, y) => x > r.left + 1 && x < r.right - 1 && y > r.top + 1 && y < r.bottom - 1;
    const anchor = id => {
        const card = map.querySelector(`.mcard[data-id="${id}"]`);
        return (closed(card) || card).getBoundingClientRect();
    };
    map.querySelectorAll('.smap__lines path').forEach(path => {
        const ends = path.dataset.link.split('-').map(anchor), length = path.getTotalLength();
        for (let i = 0; i <= 40; i++) {
            const p = path.getPointAtLength(length * i / 40), x = p.x + box.left, y = p.y + box.top;
            const edge = i === 0 || i === 40;
            if ((edge && rects.some(r => within(r, x, y))) || ends.some(r => within(r, x, y))) {
                bad.push(path.dataset.link);
                break;
            }
        }
    });
    return bad;
}"""


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
    # the lines lie beneath the cards, which are opaque, and run from edge to edge
    assert page.evaluate("""() => {
        const map = document.getElementById('smap'), svg = map.querySelector('.smap__lines');
        const tier = map.querySelector('.smap__tier');
        return map.firstElementChild === svg
            && +getComputedStyle(svg).zIndex < +getComputedStyle(tier).zIndex;
    }""")
    assert page.evaluate(INSIDE_A_CARD) == []
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
    dimmed = page.locator(".mcard[data-code='O1.2']")
    assert dimmed.evaluate("c => getComputedStyle(c).opacity") == "1"  # faded, still hiding the lines
    assert dimmed.evaluate("c => getComputedStyle(c).backgroundColor").startswith("rgb(")  # no alpha
    # the thread runs on into closed unit groups: they are lit and say how much of it they hold
    closed = page.locator("details.smap__group:not([open])")
    assert closed.count() > 0
    lit = page.locator("details.smap__group.is-thread:not([open])")
    assert lit.count() >= 1
    index = lit.first.evaluate("g => [...document.querySelectorAll('details.smap__group')].indexOf(g)")
    first = page.locator("details.smap__group").nth(index)
    held = first.locator(".mcard.is-thread").count()
    expect(first.locator("[data-lit]")).to_have_text(f"{held} on this thread")
    assert held >= 1
    assert first.evaluate("g => getComputedStyle(g).borderTopStyle") == "solid"
    unlit = page.locator("details.smap__group:not(.is-thread):not([open])")
    assert unlit.count() > 0 and unlit.first.locator("[data-lit]").is_hidden()
    assert page.evaluate(INSIDE_A_CARD) == []
    shoot(page, "12-strategy-map-thread", full_page=False)
    first.scroll_into_view_if_needed()
    shoot(page, "12b-strategy-map-lit-group", full_page=False)
    first.locator("summary").click()  # opened, it shows its lit cards instead of the count
    expect(first.locator("[data-lit]")).to_be_hidden()
    expect(first.locator(".mcard.is-thread").first).to_be_visible()

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
    expect(page.locator("[data-intro='map']")).to_contain_text("Click a card")
    page.get_by_role("link", name="Sunburst by cost").click()
    page.wait_for_selector("#sunburst .main-svg")
    # each tab its own intro: the map's words about cards do not stay over the rings
    expect(page.locator("[data-intro='map']")).to_have_count(0)
    expect(page.locator("[data-intro='sunburst']")).to_contain_text("sized by planned cost")
    expect(page.get_by_role("heading", level=1)).to_have_text("The cascade as rings")
    expect(page.locator(".legend-inline")).to_have_count(0)
    page.goto(f"{live_server.url}/cycles/{organisation}/map/?view=sunburst")
    page.wait_for_selector("#sunburst .main-svg")
    expect(page.locator("#sunburst").locator("text=Serving no goal")).to_have_count(1)
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
