"""Administrators search the whole audit log by person, kind of record, record, action,
cycle and dates; everyone else is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.core.selectors import AUDIT_PAGE
from goldenthread.core.services import object_update
from tests.pages.conftest import client_of
from tests.pages.plan import Plan, build_plan, grant

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _rows(client: Client, **query: str) -> list[AuditEntry]:
    response = client.get("/audit/", query)
    assert response.status_code == 200
    return [h.entry for h in response.context["entries"]]


@pytest.fixture
def changed(plan: Plan, owner, superuser) -> Plan:
    """Two changes on a page by the superuser, one by Amina's account, one from the CLI."""
    object_update(actor=superuser, obj=plan.results["OP1.1.1"], data={"priority": "should"})
    object_update(actor=superuser, obj=plan.results["G1"], data={"title": "Connectivity for all"})
    object_update(actor=owner, obj=plan.results["A1.1.1.1"], data={"description": "Three countries"})
    object_update(actor=Actor(label="cli:ops"), obj=plan.units["BR"], data={"name": "Radio Bureau"})
    return plan


def test_it_lists_every_change_newest_first_for_a_superuser(changed: Plan, admin_signed_in: Client):
    rows = _rows(admin_signed_in)
    assert [r.object_repr for r in rows[:4]] == [
        "BR Radio Bureau", "A1.1.1.1 Advise three countries on their broadband plans",
        "G1 Connectivity for all", "OP1.1.1 National broadband plans adopted with ITU support",
    ]
    page = admin_signed_in.get("/audit/").context["page"]
    assert page.paginator.count == AuditEntry.objects.count()
    assert len(page.object_list) == AUDIT_PAGE


def test_it_filters_by_person(changed: Plan, admin_signed_in: Client):
    assert [r.object_repr[:8] for r in _rows(admin_signed_in, actor="amina")] == ["A1.1.1.1"]
    assert [r.object_repr[:8] for r in _rows(admin_signed_in, actor="Diallo")] == ["A1.1.1.1"]
    assert [r.actor_label for r in _rows(admin_signed_in, actor="cli:ops")] == ["cli:ops"]


def test_it_filters_by_kind_of_record_text_and_action(changed: Plan, admin_signed_in: Client):
    rows = _rows(admin_signed_in, object_type="org.orgunit", action="update")
    assert [r.object_repr for r in rows] == ["BR Radio Bureau"]
    rows = _rows(admin_signed_in, text="connectivity", action="update")
    assert [r.object_repr for r in rows] == ["G1 Connectivity for all"]
    result_id = str(changed.results["OP1.1.1"].pk)
    rows = _rows(admin_signed_in, object_type="plans.result", text=result_id)
    assert {r.action for r in rows} == {"create", "update"}
    assert _rows(admin_signed_in, action="delete") == []


def test_it_filters_by_dates_in_whole_days(changed: Plan, admin_signed_in: Client):
    old = AuditEntry.objects.get(object_repr="BR Radio Bureau")
    old.at = timezone.make_aware(dt.datetime(2027, 3, 15, 23, 30))
    old.save()
    assert [r.pk for r in _rows(admin_signed_in, date_from="2027-03-15", date_to="2027-03-15")] == [
        old.pk
    ]
    assert _rows(admin_signed_in, date_from="2027-03-16", date_to="2027-03-20") == []
    assert old.pk not in [r.pk for r in _rows(admin_signed_in, date_to="2027-03-14")]


def test_it_refuses_an_end_date_before_the_start_with_a_message(changed: Plan, admin_signed_in: Client):
    response = admin_signed_in.get("/audit/", {"date_from": "2028-02-01", "date_to": "2028-01-01"})
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "The end date is before the start date." in text
    assert "Correct the filters above to search." in text
    assert response.context["entries"] == []


def test_it_shows_each_change_before_and_after(changed: Plan, admin_signed_in: Client):
    text = _text(admin_signed_in.get("/audit/", {"text": "OP1.1.1", "action": "update"}).content.decode())
    assert "Must have → Should have" in text
    assert "priority" in text


def test_it_keeps_the_filters_on_the_next_page(changed: Plan, admin_signed_in: Client):
    html = admin_signed_in.get("/audit/", {"action": "create"}).content.decode()
    assert "?action=create&amp;page=2" in html


def test_htmx_gets_only_the_results(changed: Plan, admin_signed_in: Client):
    response = admin_signed_in.get("/audit/", {"actor": "amina"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert "A1.1.1.1" in html


@pytest.mark.parametrize("persona", ["owner", "other", "outsider", "planner", "bureau_admin"])
def test_it_refuses_everyone_but_administrators_of_the_organisation(
    changed: Plan, persona: str, request: pytest.FixtureRequest, user
):
    if persona == "planner":
        account = user  # a planner on the whole organisation
    elif persona == "bureau_admin":
        account = request.getfixturevalue("outsider")
        grant(account, changed, "BDT", "admin")  # administers a bureau, not the organisation
    else:
        account = request.getfixturevalue(persona)
    browser = client_of(account)
    response = browser.get("/audit/")
    assert response.status_code == 403
    assert "The audit log is for administrators" in response.content.decode()
    assert 'href="/audit/"' not in browser.get("/cycles/SP2028/").content.decode()


def test_an_administrator_of_the_organisation_searches_their_cycle_only(changed: Plan, outsider):
    grant(outsider, changed, "ITU", "admin")
    other_cycle = build_plan(code="SP2032", start_year=2032)
    browser = client_of(outsider)
    assert 'href="/audit/"' in browser.get("/cycles/SP2028/").content.decode()
    response = browser.get("/audit/")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == AuditEntry.objects.filter(cycle_code="SP2028").count()
    assert _rows(browser, cycle="SP2032") == []
    assert AuditEntry.objects.filter(cycle_code=other_cycle.cycle.code).exists()
    assert "You see the log of SP2028" in _text(response.content.decode())


@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_audit_log_runs_a_fixed_number_of_queries(
    db, superuser, admin_signed_in: Client, django_assert_num_queries, extra_outputs: int
):
    build_plan(extra_outputs=extra_outputs)
    # session, user, cycles of the filter, the switcher's cycles, the count, the page of
    # rows, then one per kind of record the changed keys point to (level, unit, person),
    # and the names for the person filter
    with django_assert_num_queries(10):
        response = admin_signed_in.get("/audit/", {"object_type": "plans.result"})
    assert response.status_code == 200
    assert len(response.context["entries"]) == 10 + 2 * extra_outputs  # one create per result


@pytest.mark.parametrize("extra_outputs", [1, 15])
def test_the_audit_log_of_an_organisation_admin_runs_a_fixed_number_of_queries(
    db, user, django_assert_num_queries, extra_outputs: int
):
    grant(user, build_plan(extra_outputs=extra_outputs), "ITU", "admin")
    browser = client_of(user)
    # session, user, roles, units, the switcher's cycles, the count, the page of rows,
    # level, unit, person, and the names for the person filter
    with django_assert_num_queries(11):
        response = browser.get("/audit/", {"object_type": "plans.result"})
    assert response.status_code == 200
