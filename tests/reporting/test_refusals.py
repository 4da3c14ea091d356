"""Every refusal of the reporting workflow: a clear message, and nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Actual
from goldenthread.reporting import services
from goldenthread.reporting.models import Evidence, Notification, Transition
from tests.pages.plan import Plan
from tests.reporting.conftest import k


def _state() -> tuple[Any, ...]:
    return (
        sorted(Actual.objects.values_list("id", "status", "value", "comment", "reported_by_id")),
        Transition.objects.count(), Evidence.objects.count(), Notification.objects.count(),
        AuditEntry.objects.count(),
    )


def refused(call: Callable[[], object], error: type[Exception], message: str) -> None:
    """``call`` is refused with ``error`` saying ``message``, and nothing changed."""
    before = _state()
    with pytest.raises(error) as caught:
        call()
    error_value = caught.value
    shown = " ".join(error_value.messages) if isinstance(error_value, ValidationError) else str(error_value)
    assert message in shown
    assert _state() == before


@pytest.fixture
def submitted(plan: Plan, reporter) -> Actual:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42")
    return services.actual_submit(actor=reporter, actual=actual)


@pytest.fixture
def approved(submitted: Actual, approver) -> Actual:  # type: ignore[no-untyped-def]
    return services.actual_approve(actor=approver, actual=submitted)


def test_entering_a_locked_period_is_refused(
    plan: Plan, reporter, approved: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                                          value="50"),
            ValidationError, "K3 2028-Q1 is approved and locked: a planner must unlock it")


def test_submitting_a_locked_period_is_refused(
    reporter, approved: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_submit(actor=reporter, actual=approved),
            ValidationError, "is approved and locked")


def test_returning_a_locked_period_is_refused(
    approver, approved: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_return(actor=approver, actual=approved, reason="Late change"),
            ValidationError, "is approved and locked")


def test_approving_twice_is_refused(approver, approved: Actual) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_approve(actor=approver, actual=approved),
            ValidationError, "is already approved")


def test_nobody_approves_their_own_submission(plan: Plan, approver) -> None:  # type: ignore[no-untyped-def]
    # The approver of BDT may also report; what they submit needs someone else.
    actual = services.actual_enter(actor=approver, indicator=k(plan, "K3"), period="2028-Q2", value="41")
    services.actual_submit(actor=approver, actual=actual)
    refused(lambda: services.actual_approve(actor=approver, actual=actual),
            PermissionDenied, "You submitted K3 2028-Q2 yourself: another approver must approve it")


def test_a_reporter_may_not_approve(reporter, submitted: Actual) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_approve(actor=reporter, actual=submitted),
            PermissionDenied, "You may not approve or return this value: it belongs to BDT-DNS")


def test_returning_without_a_reason_is_refused(
    approver, submitted: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_return(actor=approver, actual=submitted, reason="   "),
            ValidationError, "Say why you return it: the reason is required.")


def test_a_draft_is_not_approved_or_returned(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    draft = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q3", value="4")
    refused(lambda: services.actual_approve(actor=approver, actual=draft), ValidationError,
            "is draft, not submitted")
    refused(lambda: services.actual_return(actor=approver, actual=draft, reason="No"), ValidationError,
            "is draft, not submitted")


def test_a_submitted_value_does_not_change_until_returned(
    plan: Plan, reporter, submitted: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                                          value="50"),
            ValidationError, "K3 2028-Q1 is awaiting approval")
    refused(lambda: services.actual_submit(actor=reporter, actual=submitted), ValidationError,
            "is already awaiting approval")


def test_a_reporter_writing_outside_their_unit_is_refused(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K4"), period="2028",
                                          value="3"),
            PermissionDenied, "You may not report on this indicator: it belongs to BR-TSD")


def test_another_units_member_may_not_submit_or_approve(
    other, submitted: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_submit(actor=other, actual=submitted), PermissionDenied,
            "it belongs to BDT-DNS")
    refused(lambda: services.actual_approve(actor=other, actual=submitted), PermissionDenied,
            "it belongs to BDT-DNS")


def test_an_outsider_may_not_enter_anything(plan: Plan, outsider) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=outsider, indicator=k(plan, "K3"), period="2028-Q1",
                                          value="3"),
            PermissionDenied, "You may not report on this indicator")


def test_unlocking_by_a_non_planner_is_refused(
    reporter, approver, approved: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_unlock(actor=approver, actual=approved, reason="Typo"),
            PermissionDenied, "You may not change this actual")
    refused(lambda: services.actual_unlock(actor=reporter, actual=approved, reason="Typo"),
            PermissionDenied, "You may not change this actual")


def test_unlocking_without_a_reason_or_what_is_not_locked_is_refused(
    planner, approved: Actual, submitted: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_unlock(actor=planner, actual=approved, reason=""),
            ValidationError, "Say why you unlock it")


def test_unlocking_a_value_that_is_not_locked_is_refused(
    planner, submitted: Actual,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_unlock(actor=planner, actual=submitted, reason="Why not"),
            ValidationError, "is not locked")


@pytest.mark.parametrize(("code", "raw", "message"), [
    ("K3", "N/A", "'N/A' is not a number: K3 takes a number"),
    ("K1", "112", "K1 is a percentage: 112% is above 100"),
])
def test_a_value_of_the_wrong_kind_is_refused(
    plan: Plan, reporter, code: str, raw: str, message: str,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, code), period="2029",
                                          value=raw),
            ValidationError, message)


def test_a_yes_no_indicator_refuses_other_answers(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    from goldenthread.indicators.models import Indicator

    Indicator.objects.filter(cycle=plan.cycle, code="K3").update(unit_of_measure="yes_no")
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2029-Q1",
                                          value="partly"),
            ValidationError, "K3 is a yes/no indicator: answer yes or no, not 'partly'")


def test_a_computed_indicator_refuses_typed_actuals(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    from goldenthread.indicators.models import Indicator

    Indicator.objects.filter(cycle=plan.cycle, code="K3").update(computation="sum")
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2029-Q1",
                                          value="4"),
            ValidationError, "its actuals are computed and cannot be typed in")


def test_a_bad_link_or_a_period_outside_the_cycle_is_refused(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2029-Q1",
                                          value="4", link="javascript:alert(1)"),
            ValidationError, "is not a web address")
    refused(lambda: services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2035-Q1",
                                          value="4"),
            ValidationError, "2035-Q1 is outside the cycle 2028-2031")
