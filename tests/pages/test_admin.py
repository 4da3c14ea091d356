"""The admin covers every model and writes only through the audited services."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from goldenthread.core.models import AuditEntry
from goldenthread.finance.models import Fund
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.org.models import OrgUnit
from goldenthread.plans.models import Cycle, Link
from tests.pages.plan import Plan, build_plan

MODELS = [
    "plans.cycle", "plans.level", "plans.result", "plans.link",
    "org.orgunit", "org.grade", "org.gradecost", "org.person",
    "indicators.indicator", "indicators.target", "indicators.actual",
    "finance.fund", "finance.costline", "finance.allocation",
    "risks.risk", "risks.assumption",
    "mobilisation.revenue", "mobilisation.actionline",
    "core.auditentry",
]



@pytest.fixture(scope="module")
def module_plan(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Plan]:
    """The plan, built once for this module in a transaction rolled back at its end.

    Each test still runs in its own savepoint inside it (pytest-django's ``db``), so what
    a test writes through the admin is undone after it and the next test sees the plan as
    built: the same isolation as a plan per test, without building it ~45 times."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_plan()
        transaction.set_rollback(True)


@pytest.fixture
def plan(module_plan: Plan, db: None) -> Plan:
    return module_plan


@pytest.fixture
def superuser(db: None) -> Any:
    """The superuser of tests/pages/conftest.py, without a password to hash (the tests
    sign in with ``force_login``; hashing one takes longer than most of these tests)."""
    return get_user_model().objects.create_superuser("admin", "admin@example.org", None)


def test_every_model_of_every_app_has_an_admin():
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("model", MODELS)
def test_its_changelist_opens_for_a_superuser(plan: Plan, admin_signed_in: Client, model: str):
    app, name = model.split(".")
    response = admin_signed_in.get(f"/admin/{app}/{name}/")
    assert response.status_code == 200
    response = admin_signed_in.get(f"/admin/{app}/{name}/?q=1")
    assert response.status_code == 200


READ_ONLY = {"core.auditentry", "indicators.actual"}  # the log; actuals go through reporting


@pytest.mark.parametrize("model", [m for m in MODELS if m not in READ_ONLY])
def test_its_add_form_opens_for_a_superuser(plan: Plan, admin_signed_in: Client, model: str):
    app, name = model.split(".")
    assert admin_signed_in.get(f"/admin/{app}/{name}/add/").status_code == 200


def test_actuals_are_read_only_in_the_admin_even_for_a_superuser(plan: Plan, admin_signed_in: Client):
    """Entering, approving and unlocking actuals keeps to the reporting pages' checks and locks."""
    actual = Actual.objects.filter(indicator__cycle=plan.cycle).first()
    assert actual is not None
    assert admin_signed_in.get("/admin/indicators/actual/add/").status_code == 403
    page = admin_signed_in.get(f"/admin/indicators/actual/{actual.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    response = admin_signed_in.post(f"/admin/indicators/actual/{actual.pk}/change/", {"status": "draft"})
    assert response.status_code == 403
    before = actual.status
    actual.refresh_from_db()
    assert actual.status == before


def test_an_admin_edit_writes_an_audit_row_with_before_and_after(
    plan: Plan, admin_signed_in: Client, superuser
):
    indicator = Indicator.objects.get(code="K2")
    url = f"/admin/indicators/indicator/{indicator.pk}/change/"
    form = admin_signed_in.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({
        "name": "Countries with a national broadband plan",
        "targets-TOTAL_FORMS": "0", "targets-INITIAL_FORMS": "0",
        "actuals-TOTAL_FORMS": "0", "actuals-INITIAL_FORMS": "0",
    })
    response = admin_signed_in.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.filter(object_type="indicators.indicator", action="update").get()
    assert entry.actor == superuser
    assert entry.actor_label == "admin"
    assert entry.object_id == str(indicator.pk)
    assert entry.before == {"name": "Countries adopting a national broadband plan with ITU support"}
    assert entry.after == {"name": "Countries with a national broadband plan"}
    assert entry.cycle_code == "SP2028"


def test_an_inline_row_added_in_the_admin_is_audited(plan: Plan, admin_signed_in: Client):
    indicator = Indicator.objects.get(code="K2")
    url = f"/admin/indicators/indicator/{indicator.pk}/change/"
    form = admin_signed_in.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    target = indicator.targets.get()
    data.update({
        "targets-TOTAL_FORMS": "2", "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(target.pk), "targets-0-indicator": str(indicator.pk),
        "targets-0-year": "2028", "targets-0-quarter": "0", "targets-0-value": "6",
        "targets-1-indicator": str(indicator.pk),
        "targets-1-year": "2031", "targets-1-quarter": "0", "targets-1-value": "12",
        "actuals-TOTAL_FORMS": "0", "actuals-INITIAL_FORMS": "0",
    })
    response = admin_signed_in.post(url, data)
    assert response.status_code == 302
    new = Target.objects.get(indicator=indicator, year=2031)
    entry = AuditEntry.objects.get(object_type="indicators.target", object_id=str(new.pk))
    assert entry.action == "create"
    assert entry.after["value"] == "12.000000"


def test_an_admin_delete_is_audited(plan: Plan, admin_signed_in: Client):
    link = Link.objects.get(child__code="A1.1.1.2", parent__code="OP1.1.1")
    response = admin_signed_in.post(
        f"/admin/plans/link/{link.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Link.objects.filter(pk=link.pk).exists()
    entry = AuditEntry.objects.get(object_type="plans.link", action="delete")
    assert entry.before["weight"] == "0.5000"


def test_the_admin_refuses_a_link_that_closes_a_loop(plan: Plan, admin_signed_in: Client):
    child, parent = plan.results["G1"], plan.results["A1.1.1.1"]
    before = AuditEntry.objects.count()
    response = admin_signed_in.post(
        "/admin/plans/link/add/",
        {"child": child.pk, "parent": parent.pk, "weight": "1", "assumption": ""},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [
        "Linking G1 to A1.1.1.1 would close a loop: G1 → A1.1.1.1 → OP1.1.1 → O1.1 → G1."
    ]
    assert not Link.objects.filter(child=child, parent=parent).exists()
    assert AuditEntry.objects.count() == before


def test_the_admin_creates_a_link_through_the_service(plan: Plan, admin_signed_in: Client):
    child, parent = plan.results["OP9.9"], plan.results["O1.1"]
    response = admin_signed_in.post(
        "/admin/plans/link/add/",
        {"child": child.pk, "parent": parent.pk, "weight": "0.25", "assumption": ""},
    )
    assert response.status_code == 302
    link = Link.objects.get(child=child, parent=parent)
    assert link.cycle_id == plan.cycle.pk
    assert AuditEntry.objects.filter(object_type="plans.link", object_id=str(link.pk),
                                     action="create").exists()


def test_the_admin_places_a_new_unit_in_its_tier(plan: Plan, admin_signed_in: Client):
    response = admin_signed_in.post("/admin/org/orgunit/add/", {
        "cycle": plan.cycle.pk, "code": "BDT-NEW", "name": "New department",
        "parent": plan.units["BDT"].pk,
    })
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="BDT-NEW").tier == 3


def test_the_admin_creates_a_cycle_with_its_regular_budget(db, admin_signed_in: Client):
    response = admin_signed_in.post("/admin/plans/cycle/add/", {
        "code": "SP2032", "name": "Strategic Plan 2032-2035", "description": "",
        "start_year": "2032", "end_year": "2035", "baseline_year": "2031", "currency": "CHF",
        "on_track_threshold": "0.9", "at_risk_threshold": "0.7", "risk_appetite": "15",
        "levels-TOTAL_FORMS": "1", "levels-INITIAL_FORMS": "0",
        "levels-0-rank": "0", "levels-0-code": "goal", "levels-0-name": "Goal",
        "levels-0-kind": "impact",
    })
    assert response.status_code == 302
    cycle = Cycle.objects.get(code="SP2032")
    assert Fund.objects.get(cycle=cycle).is_regular
    assert cycle.levels.get().code == "goal"
    assert AuditEntry.objects.filter(object_type="plans.level", action="create").exists()


def test_a_rule_broken_beyond_the_form_refuses_the_whole_save(plan: Plan, admin_signed_in: Client):
    """A new indicator's target outside the cycle is only caught when the row is saved:
    the admin says why and writes nothing."""
    result = plan.results["O1.1"]
    before = AuditEntry.objects.count()
    response = admin_signed_in.post("/admin/indicators/indicator/add/", {
        "cycle": plan.cycle.pk, "code": "K9", "result": result.pk, "name": "A measure",
        "unit_of_measure": "number", "direction": "increase", "aggregation": "sum",
        "weight": "1", "frequency": "annual",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0",
        "targets-0-year": "2040", "targets-0-quarter": "0", "targets-0-value": "5",
        "actuals-TOTAL_FORMS": "0", "actuals-INITIAL_FORMS": "0",
    }, follow=True)
    assert response.status_code == 200
    assert "2040 is outside the cycle 2028-2031." in [str(m) for m in response.context["messages"]]
    assert not Indicator.objects.filter(code="K9").exists()
    assert AuditEntry.objects.count() == before


def test_the_audit_trail_is_read_only_and_searchable(plan: Plan, admin_signed_in: Client):
    entry = AuditEntry.objects.filter(object_repr__startswith="OP1.1.1").first()
    assert entry is not None
    assert admin_signed_in.get("/admin/core/auditentry/add/").status_code == 403
    response = admin_signed_in.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert admin_signed_in.post(f"/admin/core/auditentry/{entry.pk}/delete/",
                                {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    found = admin_signed_in.get("/admin/core/auditentry/?q=test:builder")
    assert found.context["cl"].result_count == AuditEntry.objects.count()
    found = admin_signed_in.get("/admin/core/auditentry/?q=OP1.1.1&action__exact=create")
    assert found.context["cl"].result_count >= 1
    by_date = admin_signed_in.get(
        f"/admin/core/auditentry/?at__year={entry.at.year}&at__month={entry.at.month}"
    )
    assert by_date.status_code == 200
    assert by_date.context["cl"].result_count == AuditEntry.objects.count()
