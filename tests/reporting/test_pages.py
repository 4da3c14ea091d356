"""The reporting pages: who may open them, what they show, and their reads in bulk."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.reporting import services
from goldenthread.reporting.models import Evidence, Notification
from tests.pages.plan import Plan
from tests.reporting.conftest import client_of, k

ACTOR = Actor(label="test")
ON = "?on=2029-06-01"


def _pages(cycle: str = "SP2028") -> list[str]:
    return [
        f"/cycles/{cycle}/reporting/", f"/cycles/{cycle}/reporting/approvals/",
        f"/cycles/{cycle}/reporting/completeness/", f"/cycles/{cycle}/reporting/K3/2028-Q1/",
        "/notifications/", "/reporting/",
    ]


def test_anonymous_visitors_are_sent_to_sign_in(plan: Plan, client: Client) -> None:
    evidence = _evidence(plan)
    for url in [*_pages(), f"/reporting/evidence/{evidence.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_an_outsider_is_refused_every_page(plan: Plan, outsider) -> None:  # type: ignore[no-untyped-def]
    browser = client_of(outsider)
    evidence = _evidence(plan)
    for url in [*_pages()[:4], "/reporting/", f"/reporting/evidence/{evidence.pk}/"]:
        assert browser.get(url).status_code == 403, url
    assert browser.get("/notifications/").status_code == 200  # their own, empty


def test_another_units_member_is_refused_the_values_and_evidence_of_a_unit(
    plan: Plan, other,
) -> None:  # type: ignore[no-untyped-def]
    browser = client_of(other)
    evidence = _evidence(plan)
    response = browser.get("/cycles/SP2028/reporting/K3/2028-Q1/")
    assert response.status_code == 403
    assert "BDT-DNS" in response.content.decode()
    assert browser.post("/cycles/SP2028/reporting/K3/2028-Q1/",
                        {"action": "save", "value": "3"}).status_code == 403
    assert browser.get(f"/reporting/evidence/{evidence.pk}/").status_code == 403
    assert browser.get("/cycles/SP2028/reporting/approvals/").status_code == 403
    # their own pages show their own work only
    mine = browser.get("/cycles/SP2028/reporting/" + ON).content.decode()
    assert "K4" in mine and "K3" not in mine
    completeness = browser.get("/cycles/SP2028/reporting/completeness/" + ON).content.decode()
    assert "BR-TSD" in completeness and "BDT-DNS" not in completeness


def _evidence(plan: Plan) -> Evidence:
    actual = object_create(actor=ACTOR, obj=Actual(indicator=k(plan, "K3"), year=2028, quarter=1,
                                                   value=Decimal(5)))
    return object_create(actor=ACTOR, obj=Evidence(actual=actual, link="https://example.org/a"))


def test_the_evidence_file_is_served_only_through_the_checked_view(
    plan: Plan, reporter, approver, django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):  # the file is stored on commit
        actual = services.actual_enter(
            actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5",
            upload=SimpleUploadedFile("sheet.csv", b"name,days\nA,3\n", "text/csv"),
        )
    evidence = Evidence.objects.get(actual=actual)
    response = client_of(approver).get(f"/reporting/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"name,days\nA,3\n"  # type: ignore[attr-defined]
    assert 'attachment; filename="sheet.csv"' in response["Content-Disposition"]
    assert Client().get(f"/media/{evidence.file}").status_code in (302, 404)


def test_the_page_takes_a_value_and_shows_a_refusal_beside_the_field(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    browser = client_of(reporter)
    url = "/cycles/SP2028/reporting/K3/2028-Q2/"
    response = browser.post(url, {"action": "save_submit", "value": "N/A"})
    assert response.status_code == 400
    assert "&#x27;N/A&#x27; is not a number: K3 takes a number" in response.content.decode()
    assert not Actual.objects.filter(indicator__code="K3", year=2028, quarter=2).exists()
    response = browser.post(url, {"action": "save_submit", "value": "12", "comment": "Sheets"})
    assert response.status_code == 302
    assert Actual.objects.get(indicator__code="K3", year=2028, quarter=2).status == "submitted"


def test_the_approver_returns_from_the_page_and_a_missing_reason_is_shown(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    browser = client_of(approver)
    url = "/cycles/SP2028/reporting/K3/2028-Q1/"
    response = browser.post(url, {"action": "return", "reason": ""})
    assert response.status_code == 400 and "the reason is required" in response.content.decode()
    assert browser.post(url, {"action": "return", "reason": "Wrong quarter"}).status_code == 302
    page = client_of(reporter).get("/cycles/SP2028/reporting/" + ON).content.decode()
    assert "Returned: “Wrong quarter”" in page


def test_my_reporting_shows_what_is_due_and_overdue(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    page = client_of(reporter).get("/cycles/SP2028/reporting/?on=2028-08-15").content.decode()
    # K3 quarterly: Q1 due 30 April (overdue), Q2 ended 30 June (due until 30 July: overdue
    # too by 15 August), Q3 upcoming; K1 annual: 2028 approved in the plan, 2029 upcoming.
    assert 'aria-label="2028-Q1: Overdue, overdue"' in page
    assert 'aria-label="2028-Q3: Upcoming"' in page
    assert 'aria-label="2028: Approved, locked"' in page
    on_time = client_of(reporter).get("/cycles/SP2028/reporting/?on=2028-07-10").content.decode()
    assert 'aria-label="2028-Q2: Due"' in on_time


def test_notifications_are_opened_read_and_dismissed(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    browser = client_of(approver)
    assert 'data-count="1"' in browser.get("/notifications/badge/").content.decode()
    note = Notification.objects.get(recipient=approver)
    assert client_of(reporter).post(f"/notifications/{note.pk}/open/").status_code == 403
    response = browser.post(f"/notifications/{note.pk}/open/")
    assert response["Location"] == "/cycles/SP2028/reporting/K3/2028-Q1/"
    note.refresh_from_db()
    assert note.read_at is not None
    browser.post(f"/notifications/{note.pk}/dismiss/", {"next": "https://elsewhere.example/"})
    note.refresh_from_db()
    assert note.dismissed_at is not None
    assert "awaits your approval" not in browser.get("/notifications/").content.decode()
    assert 'data-count="0"' in browser.get("/notifications/badge/").content.decode()


# ------------------------------------------------------------------ query counts


def _grow(plan: Plan, submitter, prefix: str, n: int) -> None:  # type: ignore[no-untyped-def]
    """``n`` more quarterly indicators for Amina, each with two values submitted by
    ``submitter`` (so they wait in an approver's queue)."""
    for i in range(n):
        ind = object_create(actor=ACTOR, obj=Indicator(
            cycle=plan.cycle, code=f"{prefix}{i}", result=plan.results["OP1.1.1"],
            name=f"Measure {i}", frequency="quarterly", responsible=plan.people["S0001"],
        ))
        for quarter in (1, 2):
            object_create(actor=ACTOR, obj=Actual(indicator=ind, year=2028, quarter=quarter,
                                                  value=Decimal(i), status="submitted",
                                                  reported_by=submitter))


def _count(browser: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


# session, user, grants (2), cycle, then: My reporting: the unread count, my
# indicators, their actuals, return reasons, the approval queue, new notifications;
# approvals: the queue (and the cycle switcher); completeness: indicators, actuals, units
# (and the cycle switcher)
QUERIES = {"mine": 11, "approvals": 7, "completeness": 9}


@pytest.mark.parametrize(("url", "page"), [
    ("/cycles/SP2028/reporting/" + ON, "mine"),
    ("/cycles/SP2028/reporting/approvals/", "approvals"),
    ("/cycles/SP2028/reporting/completeness/" + ON, "completeness"),
])
def test_the_pages_read_a_fixed_number_of_queries(
    plan: Plan, reporter, approver, url: str, page: str,
) -> None:  # type: ignore[no-untyped-def]
    from tests.pages.plan import grant

    grant(reporter, plan, "BDT-DNS", "approver")  # so the reporter also has a queue
    browser = client_of(reporter)
    _grow(plan, approver, "KQ", 2)
    small = _count(browser, url)
    _grow(plan, approver, "KR", 12)
    assert _count(browser, url) == small == QUERIES[page]
