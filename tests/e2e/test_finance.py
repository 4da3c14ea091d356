"""On the demo organisation, Amina, a planner of the whole organisation, opens the
financial plan and its Sankey diagram, reads the funding gap, runs two scenarios (the
plan as costed, and "extrabudgetary income falls by 20%"), compares them, downloads the
workbook, edits a cell with openpyxl, uploads it, reads the dry run and applies it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.e2e.conftest import SCREENSHOTS, shoot

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "goldenthread-demo"


@pytest.fixture
def demo(transactional_db) -> str:  # type: ignore[no-untyped-def]
    from goldenthread.demo.services import demo_install

    return demo_install().code


def _sign_in(page, live_server, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cycles/[^/]+/$"))


def _shoot_part(locator, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    locator.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _run_preset(page, live_server, cycle: str, preset: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/cycles/{cycle}/finance/scenarios/")
    page.get_by_role("link", name=preset).click()
    page.wait_for_url(re.compile(r"/scenarios/new/\?preset="))
    code = page.get_by_label("Code").input_value()
    assert code
    shoot(page, f"42-scenario-form-{code.lower()}", full_page=False)
    page.get_by_role("button", name="Run and save").click()
    page.wait_for_url(re.compile(rf"/scenarios/{re.escape(code)}/$"))
    page.wait_for_selector("#line-chart[data-drawn='true']")
    return code


def test_amina_costs_the_plan_runs_and_compares_scenarios_and_round_trips_the_workbook(
    page, live_server, demo, tmp_path: Path,
):
    from openpyxl import load_workbook

    from goldenthread.finance.models import Scenario
    from goldenthread.indicators.models import Target

    _sign_in(page, live_server, "amina")

    # The financial plan: tables, stacked bars and the Sankey.
    page.get_by_role("link", name="Finance").click()
    page.wait_for_url(re.compile(rf"/cycles/{demo}/finance/$"))
    page.wait_for_selector("#sankey[data-drawn='true']")
    assert page.locator("#sankey .sankey-node").count() > 10
    assert "O3.1" in page.locator("#plan-table").inner_text()
    shoot(page, "40-financial-plan", full_page=False)
    _shoot_part(page.locator("section[aria-labelledby='flow']"), "40-financial-plan-sankey")
    page.get_by_role("link", name="By funding source").click()
    page.wait_for_selector("#plan-chart[data-drawn='true']")
    assert "Giga school connectivity" in page.locator("#plan-table").inner_text()

    # The gap: the demo's revenue falls short from 2029, in red.
    gap = page.locator("#gap-table")
    gap.scroll_into_view_if_needed()
    page.wait_for_selector("#gap-chart[data-drawn='true']")
    assert gap.locator("td.gap-pos").count() >= 2
    _shoot_part(page.locator("section[aria-labelledby='gap']"), "41-funding-gap")

    # The workforce behind it: the heat map and the over-allocated.
    page.get_by_role("link", name="Workforce").click()
    page.wait_for_selector("#heat-chart[data-drawn='true']")
    assert page.locator("#over-table tbody tr").count() >= 5  # demo/facts.OVER_ALLOCATED
    shoot(page, "47-workforce", full_page=False)

    # Two scenarios: the plan as costed, and extrabudgetary income falling by 20 per cent.
    base = _run_preset(page, live_server, demo, "Start from the plan as costed")
    assert page.locator("#unfunded-count").inner_text() == "0"
    eb80 = _run_preset(page, live_server, demo, "Extrabudgetary income falls by 20%")
    assert int(page.locator("#unfunded-count").inner_text()) > 0
    assert page.locator("tr.row--unfunded").count() > 0
    shoot(page, "43-scenario-eb80", full_page=False)
    page.locator("section[aria-labelledby='scenario-gap']").scroll_into_view_if_needed()
    page.wait_for_selector("#scenario-gap-chart[data-drawn='true']")
    _shoot_part(page.locator("section[aria-labelledby='scenario-gap']"), "43-scenario-eb80-gap")
    assert set(Scenario.objects.filter(cycle__code=demo).values_list("code", flat=True)) == {base, eb80}

    # An unfunded output's cost, and where it came from.
    page.locator("tr.row--unfunded a.code").first.click()
    page.wait_for_url(re.compile(r"/finance/outputs/[^/]+/$"))
    assert page.locator("#origin-lines tbody tr, #origin-staff tbody tr").count() > 0
    shoot(page, "48-output-cost", full_page=False)

    # Compared side by side: what the cut leaves unfunded.
    page.get_by_role("link", name="Compare scenarios").click()
    page.get_by_label("Scenario A").select_option(base)
    page.get_by_label("Scenario B").select_option(eb80)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("#compare-changed")
    changed = page.locator("#compare-changed tbody tr")
    assert changed.count() > 0
    assert "not funded" in changed.first.inner_text()
    page.wait_for_selector("#compare-chart[data-drawn='true']")
    shoot(page, "44-compare", full_page=False)

    # The workbook: download, edit a target with openpyxl, upload, check, apply.
    page.get_by_role("link", name="Workbook").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the workbook (.xlsx)").click()
    path = tmp_path / "plan.xlsx"
    info.value.save_as(path)
    book = load_workbook(path)
    sheet = book["Indicators"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Target 2030") + 1
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, column).value is not None and sheet.cell(r, 1).value)
    code = sheet.cell(row, 1).value
    before = Decimal(str(sheet.cell(row, column).value))
    sheet.cell(row, column).value = float(before + 7)
    book.save(path)

    page.get_by_label("The edited workbook (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Check it").click()
    report = page.locator("#import-report")
    report.wait_for()
    assert "ready to import: 0 created, 1 updated, 0 deleted" in report.inner_text()
    assert code in page.locator("#changes").inner_text()
    target = Target.objects.get(indicator__cycle__code=demo, indicator__code=code, year=2030,
                                quarter=0)
    assert target.value == before  # a dry run writes nothing
    shoot(page, "45-workbook-dry-run", full_page=False)

    page.get_by_role("button", name="Apply these changes").click()
    page.wait_for_selector("text=Imported plan.xlsx")
    target.refresh_from_db()
    assert target.value == before + 7
    shoot(page, "46-workbook-applied", full_page=False)
