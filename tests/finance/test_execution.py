"""Budget execution (planned cost lines against the ledger) and the ledger's own rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.finance.execution import Planned, Spent, execution, line
from goldenthread.finance.models import Fund, Transaction
from goldenthread.finance.selectors import budget_execution, quarter_end
from goldenthread.finance.services import transaction_create, transactions_load
from tests.pages.plan import build_plan, grant

ACTOR = Actor(label="test:ledger")
D = Decimal


def test_a_line_sets_spent_against_planned_and_the_calendar():
    # 100,000.00 planned; 30,000.00 spent by the end of Q2
    x = line("OP1", "Output 1", 10_000_000, 3_000_000, 2)
    assert (x.planned, x.spent, x.expected) == (D("100000.00"), D("30000.00"), D("50000.00"))
    assert x.rate == pytest.approx(0.3) and x.pace == pytest.approx(0.6)
    assert x.burn_rate == D("15000.00")  # a quarter
    assert x.projected == D("60000.00")  # straight line to the year's end
    assert x.projected_rate == pytest.approx(0.6)


def test_a_line_rounds_to_the_cent_and_copes_with_nothing_planned():
    x = line("", "No output", 0, 1001, 3)  # 10.01 spent in three quarters, nothing planned
    assert x.rate is None and x.pace is None and x.projected_rate is None
    assert x.burn_rate == D("3.34") and x.projected == D("13.36")
    with pytest.raises(ValueError, match="a quarter is 1 to 4, not 5"):
        line("", "", 1, 1, 5)


def test_execution_adds_up_by_output_unit_and_category():
    planned = [Planned("OP1", "U1", "travel_events", 40_000), Planned("OP1", "U1", "personnel", 60_000),
               Planned("OP2", "U2", "travel_events", 100_000)]
    spent = [Spent("OP1", "U1", "travel_events", 50_000), Spent("", "U2", "other_direct", 7_000)]
    result = execution(2029, 4, planned, spent, labels={"OP1": "One"},
                       category_labels={"personnel": "Personnel", "travel_events": "Travel"})
    assert (result.total.planned, result.total.spent) == (D("2000.00"), D("570.00"))
    assert [(x.key, x.label, x.spent) for x in result.by_output] == [
        ("", "No output", D("70.00")), ("OP1", "One", D("500.00")), ("OP2", "OP2", D("0.00"))]
    assert [(x.key, x.planned, x.spent) for x in result.by_unit] == [
        ("U1", D("1000.00"), D("500.00")), ("U2", D("1000.00"), D("70.00"))]
    # categories in the order given, then the others by key
    assert [x.key for x in result.by_category] == ["personnel", "travel_events", "other_direct"]
    for lines in (result.by_output, result.by_unit, result.by_category):
        assert sum(x.planned for x in lines) == result.total.planned
        assert sum(x.spent for x in lines) == result.total.spent


def test_quarters_end_on_their_last_day():
    assert [quarter_end(2028, q) for q in (1, 2, 3, 4)] == [
        dt.date(2028, 3, 31), dt.date(2028, 6, 30), dt.date(2028, 9, 30), dt.date(2028, 12, 31)]


@pytest.fixture
def plan(db: None):  # type: ignore[no-untyped-def]
    return build_plan()


def row(**extra: str) -> dict[str, str]:
    return {"date": "2028-05-04", "amount": "1500.00", "category": "travel_events",
            "source": "regular_budget", "unit": "BDT-DNS", "output": "OP1.1.1", **extra}


def test_the_selector_reads_the_ledger_up_to_the_quarter_and_for_the_units_given(plan):
    transactions_load(actor=ACTOR, cycle=plan.cycle, rows=[
        row(), row(date="2028-06-30", amount="500"), row(date="2028-07-01", amount="999"),
        row(unit="BR-TSD", output="OP1.2.1", category="equipment_it", amount="10000"),
        row(date="2029-01-01", amount="7"),
    ])
    half = budget_execution(plan.cycle, 2028, 2)
    assert half.total.planned == D("137000.00")  # every cost line of 2028
    assert half.total.spent == D("12000.00")  # 1,500 + 500 + 10,000, not July, not 2029
    units = [plan.units["BDT-DNS"].pk]
    mine = budget_execution(plan.cycle, 2028, 4, units)
    assert (mine.total.planned, mine.total.spent) == (D("97000.00"), D("2999.00"))
    assert [x.key for x in mine.by_output] == ["OP1.1.1"]


def test_the_ledger_refuses_a_bad_row_naming_it_and_writes_nothing(plan):
    for bad, message in [
        (row(output="O1.1"), "output: O1.1 is not an output"),
        (row(output="OP404"), "output: no result 'OP404' in SP2028"),
        (row(amount="0"), "amount: A transaction moves money: the amount cannot be zero."),
        (row(amount="lots"), "amount: “lots” value must be a decimal number."),
        (row(date="2035-01-01"), "date: 2035-01-01 is outside the cycle 2028-2031."),
        (row(source="nowhere", unit="XX"),
         "unit: no unit 'XX' in SP2028; source: no fund 'nowhere' in SP2028"),
        (row(currency="chf"), "currency: Use a three-letter ISO 4217 code such as CHF."),
    ]:
        with pytest.raises(ValidationError) as caught:
            transactions_load(actor=ACTOR, cycle=plan.cycle, rows=[row(), bad])
        assert caught.value.messages == [f"ledger row 2: {message}; nothing was recorded"]
    assert not Transaction.objects.exists()
    assert not AuditEntry.objects.filter(object_type="finance.transaction").exists()


def test_a_transaction_is_recorded_by_the_finance_role_and_audited(plan, django_user_model):
    user = django_user_model.objects.create_user("fiona", password="a-long-test-passphrase")
    fields = {"cycle": plan.cycle, "date": dt.date(2028, 3, 1), "amount": D("250.00"), "currency": "CHF",
              "category": "travel_events", "source": Fund.objects.get(cycle=plan.cycle, is_regular=True),
              "unit": plan.units["BDT-DNS"], "output": plan.results["OP1.1.1"], "vendor": "Air A"}
    with pytest.raises(PermissionDenied):
        transaction_create(actor=user, **fields)
    grant(user, plan, "BDT", "finance")
    made = transaction_create(actor=user, **fields)
    entry = AuditEntry.objects.get(object_type="finance.transaction", object_id=str(made.pk))
    assert entry.action == "create" and entry.after["amount"] == "250.00"
