"""On the demo organisation, the reporting workflow end to end in the browser:

Lucas (reporter, TSB-SGD) enters a value with a comment, a link and an uploaded file
(after a refused "N/A") and submits it; Rania (approver, TSB-SGD) returns it with a
reason; Lucas sees the notification, corrects the value and resubmits; Rania approves
it and the period locks; Amina (planner on the organisation) unlocks it with a reason
kept in the value's steps and history. A screenshot at each step.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shoot

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "goldenthread-demo"
AS_OF = "2029-11-15"  # the demo's plan has values up to 2029-Q2: Q3 is overdue by then
INDICATOR = "K-OP2.1.1"
PERIOD = "2029-Q3"


@pytest.fixture
def demo(transactional_db) -> str:  # type: ignore[no-untyped-def]
    from goldenthread.demo.services import demo_install

    return demo_install().code


def _sign_in(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cycles/[^/]+/$"))


def _status(page) -> str:  # type: ignore[no-untyped-def]
    return page.get_by_test_id("status").inner_text().strip()


def test_report_return_correct_approve_and_unlock(page, live_server, demo, tmp_path: Path):  # type: ignore[no-untyped-def]
    from goldenthread.indicators.models import Actual
    from goldenthread.reporting.models import Evidence, Transition

    value_url = f"{live_server.url}/cycles/{demo}/reporting/{INDICATOR}/{PERIOD}/"

    # Lucas: his indicators, the third quarter of 2029 overdue.
    _sign_in(page, live_server, "lucas")
    page.get_by_role("link", name="My reporting").click()
    page.wait_for_url(re.compile(r"/reporting/$"))
    page.goto(f"{live_server.url}/cycles/{demo}/reporting/?on={AS_OF}")
    card = page.locator("article", has_text=INDICATOR)
    assert "Overdue" in card.locator(".rep-next").inner_text()
    assert page.locator(".rep-card").count() == 4  # his department's four output indicators
    shoot(page, "reporting-01-lucas-my-reporting")

    card.get_by_role("link", name="Enter value").click()
    page.wait_for_url(value_url)
    page.get_by_label("Value", exact=True).fill("N/A")
    page.get_by_role("button", name="Save and submit").click()
    assert "is not a number" in page.locator(".field__error").first.inner_text()
    shoot(page, "reporting-02-lucas-na-refused")
    assert not Actual.objects.filter(indicator__code=INDICATOR, year=2029, quarter=3).exists()

    evidence = tmp_path / "sg-meetings-q3.csv"
    evidence.write_text("session,days\nSG2,9\nSG3,12\nSG5,10\n", encoding="utf-8")
    page.get_by_label("Value", exact=True).fill("74")
    page.get_by_label("Comment", exact=True).fill("Meeting days from the TSB events calendar.")
    page.get_by_label("Evidence link").fill("https://www.itu.int/en/ITU-T/studygroups/")
    page.get_by_label("Evidence file").set_input_files(str(evidence))
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_url(value_url)
    assert _status(page) == "Awaiting approval"
    expect(page.get_by_role("link", name="sg-meetings-q3.csv")).to_be_visible()
    shoot(page, "reporting-03-lucas-submitted")

    # Rania: the value waits for her; she returns it with a reason.
    _sign_in(page, live_server, "rania")
    page.goto(f"{live_server.url}/cycles/{demo}/reporting/")
    queue = page.locator("#queue-h").locator("xpath=ancestor::section")
    assert INDICATOR in queue.inner_text()
    shoot(page, "reporting-04-rania-queue")
    queue.get_by_role("link", name="Review").first.click()
    page.wait_for_url(value_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="sg-meetings-q3.csv").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("session,days")
    page.get_by_label("Or return it, saying why").fill(
        "The SG17 meeting in September is missing: three days."
    )
    page.get_by_role("button", name="Return to the reporter").click()
    page.wait_for_url(value_url)
    assert _status(page) == "Returned"
    shoot(page, "reporting-05-rania-returned")

    # Lucas: the notification, the reason, the correction.
    _sign_in(page, live_server, "lucas")
    assert page.locator(".mainnav [data-count]").get_attribute("data-count") == "1"
    page.goto(f"{live_server.url}/notifications/")
    assert "SG17 meeting in September is missing" in page.locator(".rep-notes").inner_text()
    shoot(page, "reporting-06-lucas-notification")
    page.get_by_role("button", name="Open").first.click()
    page.wait_for_url(value_url)
    assert "SG17 meeting in September is missing" in page.locator(".rep-steps").inner_text()
    page.get_by_label("Value", exact=True).fill("77")
    page.get_by_label("Comment", exact=True).fill("Meeting days with SG17's three days in September.")
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_url(value_url)
    assert _status(page) == "Awaiting approval"
    assert page.locator(".mainnav [data-count]").get_attribute("data-count") == "0"  # read
    shoot(page, "reporting-07-lucas-resubmitted")

    # Rania approves: the period locks.
    _sign_in(page, live_server, "rania")
    page.goto(value_url)
    page.get_by_role("button", name="Approve and lock").click()
    page.wait_for_url(value_url)
    assert _status(page) == "Approved, locked"
    assert page.get_by_role("button", name="Unlock").count() == 0  # approvers do not unlock
    shoot(page, "reporting-08-rania-approved")

    # Amina, planner: unlocks with a reason, kept in the steps and the history.
    _sign_in(page, live_server, "amina")
    page.goto(value_url)
    page.get_by_label("Why unlock it").fill("The bureau revised its Q3 calendar after the audit.")
    page.get_by_role("button", name="Unlock").click()
    page.wait_for_url(value_url)
    assert _status(page) == "Draft"
    assert "revised its Q3 calendar" in page.locator(".rep-steps").inner_text()
    page.locator(".history__entry").first.wait_for()
    assert "unlocked: The bureau revised its Q3 calendar" in page.locator(".history").inner_text()
    shoot(page, "reporting-09-amina-unlocked")

    actual = Actual.objects.get(indicator__code=INDICATOR, year=2029, quarter=3)
    assert actual.status == "draft" and actual.value == 77
    assert list(Transition.objects.filter(actual=actual).values_list("step", flat=True)) == [
        "submit",
        "return",
        "submit",
        "approve",
        "unlock",
    ]
    assert Evidence.objects.filter(actual=actual).count() == 1

    page.goto(f"{live_server.url}/cycles/{demo}/reporting/completeness/?on={AS_OF}")
    expect(page.get_by_test_id("completeness")).to_be_visible()
    # at 1280 px the whole cycle fits beside the unit names, written out in full
    fits = page.evaluate(
        "() => { const t = document.querySelector('[data-testid=completeness]');"
        " return [t.scrollWidth, t.parentElement.clientWidth]; }"
    )
    assert fits[0] <= fits[1], fits
    expect(page.get_by_role("columnheader", name="2031", exact=True)).to_be_in_viewport()
    expect(page.get_by_role("rowheader", name="BDT Telecommunication Development Bureau")).to_be_visible()
    shoot(page, "reporting-10-amina-completeness")
