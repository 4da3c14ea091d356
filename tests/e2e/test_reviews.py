"""A planner holds a quarterly review in the browser: creates it for a unit and a quarter,
reads the frozen snapshot, takes a note, proposes and applies a decision, adds a follow-up
action and a lesson, downloads the PDF pack; the lesson then shows on the result's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot
from tests.e2e.test_thread import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def ledger(organisation: str) -> str:
    """The demo's ledger on top of the demo plan, as ``goldenthread demo`` installs it."""
    from goldenthread.core.audit import Actor
    from goldenthread.demo.builder import demo_document, demo_ledger
    from goldenthread.finance.services import transactions_load
    from goldenthread.plans.models import Cycle

    cycle = Cycle.objects.get(code=organisation)
    transactions_load(actor=Actor(label="test:e2e"), cycle=cycle, rows=demo_ledger(demo_document()))
    return organisation


def test_a_planner_holds_a_quarterly_review(page, live_server, planner, ledger):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    page.wait_for_url(re.compile(r"/reviews/$"))
    expect(page.get_by_text("No review you may see yet.")).to_be_visible()

    # a review of BDT-DNS for the second quarter of 2029
    page.get_by_label("Unit").select_option("BDT-DNS")
    page.get_by_label("Year").select_option("2029")
    page.get_by_label("Quarter").select_option("2")
    page.get_by_role("button", name="Create and freeze the snapshot").click()
    page.wait_for_url(re.compile(r"/reviews/\d+/$"))
    review_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "BDT-DNS quarterly review, 2029-Q2"
    expect(page.get_by_role("heading", name="Scores for 2029-Q2")).to_be_visible()
    expect(page.get_by_role("heading", name="Budget execution, 2029 to Q2")).to_be_visible()
    assert page.locator("svg.rchart").count() >= 3
    spent = page.locator(".rfigures dd").nth(1).inner_text()
    assert re.match(r"[\d,]+ \(\d+%\)", spent), spent  # the ledger shows real spending
    shoot(page, "30-review-snapshot")

    # a note
    note = "Two broadband plans are a year late; ministries asked for time."
    page.get_by_role("textbox", name="Note").fill(note)
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Two broadband plans are a year late")).to_be_visible()

    # a decision: change a target, proposed then applied
    page.get_by_role("link", name="Change a target").click()
    form = page.locator("form#propose")
    form.get_by_label("Indicator").select_option("K-OP3.1.1")
    form.get_by_label("Period").fill("2030")
    form.get_by_label("New target").fill("N/A")
    form.get_by_role("button", name="Propose").click()
    form = page.locator("form#propose")
    expect(form.get_by_text("'N/A' is not a number.")).to_be_visible()  # refused, named
    shoot(page, "31a-review-decision-refused", full_page=False)
    form.get_by_label("New target").fill("74")
    form.get_by_label("Why").fill("Adoption is slower than planned.")
    form.get_by_role("button", name="Propose").click()
    decision = page.locator(".rdecision").first
    expect(decision.get_by_text("Proposed", exact=True)).to_be_visible()
    decision.get_by_role("button", name="Apply").click()
    decision = page.locator(".rdecision").first
    expect(decision.get_by_text("K-OP3.1.1 target for 2030: 78 → 74")).to_be_visible()
    expect(decision.get_by_text("Applied by Pat Planner")).to_be_visible()
    assert page.get_by_role("button", name="Apply").count() == 0
    shoot(page, "31-review-decision-applied")

    # a follow-up action
    form = page.locator("#actions-panel form.rform")
    form.get_by_label("What is to be done").fill("Agree revised adoption dates with the two ministries")
    form.get_by_label("Owner").select_option(index=1)
    form.get_by_label("Due").fill("2029-09-30")
    form.get_by_role("button", name="Add the action").click()
    action = page.get_by_role("rowheader", name="Agree revised adoption dates with the two ministries")
    expect(action).to_be_visible()

    # a lesson linked to the output
    page.get_by_text("Record a lesson").click()
    form = page.locator("#lessons-panel form")
    form.get_by_label("Lesson").fill("Targets must follow the cabinet calendar")
    form.get_by_label("What happened").fill("Two plans were adopted a year later than targeted.")
    form.get_by_label("Why", exact=True).fill("Targets were set without the ministries' cabinet calendars.")
    form.get_by_label("What to do next time").fill("Ask for the cabinet calendar before setting targets.")
    form.get_by_label("Tags").fill("targets, government relations")
    form.get_by_label("Results it concerns").fill("OP3.1.1")
    form.get_by_role("button", name="Record the lesson").click()
    expect(page.get_by_role("heading", name="Targets must follow the cabinet calendar")).to_be_visible()
    shoot(page, "32-review-actions-lessons")

    # the register finds it by tag
    page.get_by_role("link", name="All lessons learned of").click()
    page.get_by_role("link", name="government-relations").first.click()
    expect(page.get_by_role("heading", name="Lessons found")).to_be_visible()
    expect(page.get_by_role("heading", name="Targets must follow the cabinet calendar")).to_be_visible()
    shoot(page, "34-lessons-register", full_page=False)
    page.goto(review_url)

    # the PDF pack
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF pack").click()
    download = info.value
    assert download.suggested_filename == f"review-{ledger}-BDT-DNS-2029-Q2.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # the lesson on the result's page, and the target's history pointing to the review
    page.goto(f"{live_server.url}/cycles/{ledger}/results/OP3.1.1/")
    lessons = page.locator("#result-lessons")
    lessons.get_by_text("Targets must follow the cabinet calendar").wait_for()
    expect(lessons.get_by_text("government-relations")).to_be_visible()
    lessons.scroll_into_view_if_needed()
    shoot(page, "33-result-lessons", full_page=False)
    history = page.locator("#history-entries")
    source = history.get_by_role("link", name="by a decision of a review").first
    source.wait_for()
    source.click()
    page.wait_for_url(review_url)
    page.get_by_role("link", name="Reviews", exact=True).first.click()
    expect(page.get_by_role("link", name="BDT-DNS quarterly review, 2029-Q2")).to_be_visible()
    shoot(page, "35-review-list", full_page=False)
