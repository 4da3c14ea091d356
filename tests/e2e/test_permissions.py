"""On the demo organisation: Lucas, a member of a department of the standardization bureau,
signs in, sees his thread and its history, and is refused another bureau's result; the
administrator searches the audit log."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import shoot

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "goldenthread-demo"


@pytest.fixture
def demo(transactional_db) -> str:  # type: ignore[no-untyped-def]
    """The demo as ``goldenthread demo`` installs it: the plan, the accounts, their roles."""
    from goldenthread.demo.services import demo_install

    return demo_install().code


def _sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cycles/[^/]+/$"))


def _result_of(cycle: str, unit: str, kind: str) -> str:
    from goldenthread.plans.models import Link, Result

    result = (
        Result.objects.filter(cycle__code=cycle, unit__code=unit, level__kind=kind,
                              person__isnull=True)
        .filter(pk__in=Link.objects.values("child_id")).order_by("code").first()
    )
    assert result is not None, (unit, kind)
    return result.code


def test_lucas_sees_his_thread_and_is_refused_another_bureaus_result(page, live_server, demo):
    own = _result_of(demo, "TSB-SGD", "output")
    foreign = _result_of(demo, "BDT-DNS", "output")
    _sign_in(page, live_server, "lucas")
    assert page.url.endswith(f"/cycles/{demo}/")
    units = page.locator("#units").locator("xpath=..").text_content() or ""
    assert "TSB-SGD" in units
    assert "BDT-DNS" not in units and "BR-SSD" not in units
    shoot(page, "20-lucas-overview")

    page.goto(f"{live_server.url}/cycles/{demo}/results/{own}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith(own)
    thread = page.locator("ol.path").first.inner_text()
    assert "ITU" in thread  # up to the organisation's goals
    # the history panel arrives by htmx: the demo load created this result
    history = page.locator("#history-entries .history__entry").first
    history.wait_for()
    assert "demo" in history.inner_text()
    shoot(page, "21-lucas-thread")
    page.locator("#history").scroll_into_view_if_needed()
    shoot(page, "22-lucas-history", full_page=False)

    # an output of his department that also serves another bureau's outcome: that card
    # of the thread is closed (code and unit, no title, no link)
    page.goto(f"{live_server.url}/cycles/{demo}/results/OP5.1.4/")
    closed = page.locator(".rcard--restricted").first
    assert "A result of BDT, outside the units you may see." in closed.inner_text()
    assert closed.locator("a").count() == 0
    closed.scroll_into_view_if_needed()
    shoot(page, "22b-lucas-closed-card", full_page=False)

    response = page.goto(f"{live_server.url}/cycles/{demo}/results/{foreign}/")
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", level=1).inner_text().endswith("Not allowed")
    message = page.locator(".lede").inner_text()
    assert "it belongs to BDT-DNS Digital Networks and Society Department" in message
    assert 'href' not in page.locator(".lede").inner_html()
    shoot(page, "23-lucas-refused")


def test_the_administrator_searches_the_audit_log(page, live_server, demo):
    _sign_in(page, live_server, "admin", "goldenthread-admin")
    page.get_by_role("link", name="Audit log").click()
    page.wait_for_url(re.compile(r"/audit/$"))
    page.get_by_label("Person").fill("demo")
    page.get_by_label("Kind of record").select_option("org.roleassignment")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("#audit-results table.audit > tbody > tr")
    page.wait_for_function(
        "() => document.querySelectorAll('#audit-results table.audit > tbody > tr').length === 7"
    )  # demo/facts.DEMO_ROLES: a role for every account but the administrator
    assert "approver on TSB-SGD" in page.locator("#audit-results").inner_text()
    rows.first.locator("summary").click()
    assert "/audit/?" in page.url  # the search is in the address, to share or come back to
    page.set_viewport_size({"width": 1440, "height": 900})
    shoot(page, "24-audit-log", full_page=False)
