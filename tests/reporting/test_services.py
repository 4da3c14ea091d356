"""The reporting workflow's services: every transition, audited, with its notifications."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Actual
from goldenthread.reporting import services
from goldenthread.reporting.models import Evidence, Notification, Transition
from tests.pages.plan import Plan
from tests.reporting.conftest import k


def _audit(actual: Actual) -> list[tuple[str, str]]:
    return list(
        AuditEntry.objects.filter(object_type="indicators.actual", object_id=str(actual.pk))
        .order_by("at", "id").values_list("action", "message")
    )


def test_a_reporter_enters_a_draft_with_a_comment_a_link_and_a_file(
    plan: Plan, reporter, django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("training-list.pdf", b"%PDF-1.4 list of trainees", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the file is stored on commit
        actual = services.actual_enter(
            actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42",
            comment="From the attendance sheets.", link="https://example.org/q1", upload=upload,
        )
    actual.refresh_from_db()
    assert (actual.value, actual.status) == (Decimal(42), "draft")
    assert actual.comment == "From the attendance sheets."
    assert actual.reported_by == reporter
    evidence = Evidence.objects.get(actual=actual)
    assert evidence.link == "https://example.org/q1" and evidence.file_name == "training-list.pdf"
    assert evidence.file.startswith(f"evidence/{plan.cycle.pk}/")
    with default_storage.open(evidence.file) as stored:
        assert stored.read() == b"%PDF-1.4 list of trainees"
    assert _audit(actual) == [("create", "")]
    assert AuditEntry.objects.filter(object_type="reporting.evidence", action="create").count() == 1


def test_submitting_notifies_the_approvers_of_the_unit_above(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42")
    services.actual_submit(actor=reporter, actual=actual)
    actual.refresh_from_db()
    assert actual.status == "submitted"
    assert [t.step for t in Transition.objects.filter(actual=actual)] == ["submit"]
    note = Notification.objects.get(recipient=approver)
    assert note.kind == "awaiting" and "K3 2028-Q1 awaits your approval" in note.message
    assert not Notification.objects.filter(recipient=reporter).exists()
    assert _audit(actual)[-1] == ("update", "submitted for approval")


def test_approving_locks_and_tells_the_reporter(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42")
    services.actual_submit(actor=reporter, actual=actual)
    services.actual_approve(actor=approver, actual=actual)
    actual.refresh_from_db()
    assert actual.status == "approved"
    assert list(Transition.objects.filter(actual=actual).values_list("step", "by__username")) == [
        ("submit", "amina"), ("approve", "rania")]
    assert Notification.objects.get(recipient=reporter).kind == "approved"
    assert Notification.objects.get(recipient=approver, kind="awaiting").read_at is not None
    assert _audit(actual)[-1] == ("update", "approved; the period is locked")


def test_returning_keeps_the_reason_and_the_reporter_corrects_and_resubmits(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42")
    services.actual_submit(actor=reporter, actual=actual)
    services.actual_return(actor=approver, actual=actual, reason="  The Q1 workshop is missing. ")
    actual.refresh_from_db()
    assert actual.status == "returned"
    step = Transition.objects.get(actual=actual, step="return")
    assert step.reason == "The Q1 workshop is missing."
    note = Notification.objects.get(recipient=reporter)
    assert note.kind == "returned" and note.message.endswith("The Q1 workshop is missing.")
    assert _audit(actual)[-1] == ("update", "returned: The Q1 workshop is missing.")

    services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="45",
                          comment="With the workshop.")
    services.actual_submit(actor=reporter, actual=actual)
    actual.refresh_from_db()
    assert (actual.status, actual.value) == ("submitted", Decimal(45))


def test_a_planner_unlocks_with_a_reason_kept_in_the_steps_and_the_audit(
    plan: Plan, reporter, approver, planner,
) -> None:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="42")
    services.actual_submit(actor=reporter, actual=actual)
    services.actual_approve(actor=approver, actual=actual)
    services.actual_unlock(actor=planner, actual=actual, reason="Figures revised by the audit.")
    actual.refresh_from_db()
    assert actual.status == "draft"
    assert Transition.objects.get(actual=actual, step="unlock").reason == "Figures revised by the audit."
    assert _audit(actual)[-1] == ("update", "unlocked: Figures revised by the audit.")
    assert Notification.objects.filter(recipient=reporter, kind="unlocked").exists()
    # unlocked, it can be corrected and submitted again
    services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="40")
    services.actual_submit(actor=reporter, actual=actual)


def test_a_value_far_from_its_history_needs_a_confirming_comment(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    k3 = k(plan, "K3")
    for quarter, value in enumerate(["40", "42", "41", "43"], start=1):
        services.actual_enter(actor=reporter, indicator=k3, period=f"2028-Q{quarter}", value=value)
    from django.core.exceptions import ValidationError

    try:
        services.actual_enter(actor=reporter, indicator=k3, period="2029-Q1", value="420")
    except ValidationError as refused:
        assert "comment" in refused.message_dict
        assert "420 is far from K3's earlier values" in refused.message_dict["comment"][0]
    else:
        raise AssertionError("a far value without a comment was accepted")
    assert not Actual.objects.filter(indicator=k3, year=2029).exists()
    actual = services.actual_enter(actor=reporter, indicator=k3, period="2029-Q1", value="420",
                                   comment="Regional campaign: ten times the usual intake.")
    assert actual.value == 420


def test_the_annual_total_is_not_judged_against_quarters(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    k3 = k(plan, "K3")
    for quarter, value in enumerate(["40", "42", "41", "43"], start=1):
        services.actual_enter(actor=reporter, indicator=k3, period=f"2028-Q{quarter}", value=value)
    assert services.actual_enter(actor=reporter, indicator=k3, period="2028", value="166").value == 166


def test_the_approvers_are_those_with_approval_on_the_unit_or_above(
    plan: Plan, approver, reporter, other,
) -> None:  # type: ignore[no-untyped-def]
    from tests.pages.plan import grant
    from tests.reporting.conftest import account

    head = account("head", "Hana", "Head")
    grant(head, plan, "ITU", "admin")
    elsewhere = account("brapp", "Bo", "Approver")
    grant(elsewhere, plan, "BR", "approver")
    below = account("roapp", "Ro", "Approver")
    grant(below, plan, "RO-AFR", "approver")
    assert services.approvers_of(k(plan, "K3")) == sorted([approver.pk, head.pk])
