"""Reading, dismissing and reading all notifications are writes like any other: each goes
through a service that leaves an audit row, and nobody touches someone else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from goldenthread.core.audit import Actor
from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Actual
from goldenthread.reporting import services
from goldenthread.reporting.models import Notification
from tests.pages.conftest import client_of
from tests.pages.plan import Plan
from tests.reporting.conftest import k


def _rows(note: Notification) -> list[tuple[str, str, dict, dict]]:
    """The changes audited on a notification since it was made."""
    return [
        (row.action, row.message, row.before, row.after) for row in
        AuditEntry.objects.filter(object_type="reporting.notification", object_id=str(note.pk))
        .exclude(action="create").order_by("at", "id")
    ]


def _awaiting(plan: Plan, reporter, approver, period: str = "2028-Q1") -> Notification:  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period=period, value="5")
    services.actual_submit(actor=reporter, actual=actual)
    # the notification of this very submission, by its key: the approver may hold others
    # of the same period (a reminder, an earlier submission of another value)
    step = actual.transitions.filter(step="submit").latest("id")
    return Notification.objects.get(recipient=approver, key=f"awaiting:{step.pk}")


def test_opening_a_notification_marks_it_read_with_an_audit_row(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    note = _awaiting(plan, reporter, approver)
    assert client_of(approver).post(f"/notifications/{note.pk}/open/").status_code == 302
    note.refresh_from_db()
    (action, message, before, after), = _rows(note)
    assert (action, message, before) == ("update", "notification read", {"read_at": None})
    assert after == {"read_at": note.read_at.isoformat()}
    entry = AuditEntry.objects.get(object_type="reporting.notification", object_id=str(note.pk),
                                   action="update", message="notification read")
    assert entry.actor == approver and entry.cycle_code == "SP2028"
    # opening it again changes nothing, so it writes nothing
    client_of(approver).post(f"/notifications/{note.pk}/open/")
    assert len(_rows(note)) == 1


def test_dismissing_a_notification_is_audited(plan: Plan, reporter, approver) -> None:  # type: ignore[no-untyped-def]
    note = _awaiting(plan, reporter, approver)
    client_of(approver).post(f"/notifications/{note.pk}/dismiss/")
    note.refresh_from_db()
    assert note.dismissed_at is not None
    (action, message, before, after), = _rows(note)
    assert (action, message) == ("update", "notification dismissed")
    assert before == {"read_at": None, "dismissed_at": None}
    assert set(after) == {"read_at", "dismissed_at"}


def test_reading_all_writes_one_audit_row_per_notification_it_marks(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    first = _awaiting(plan, reporter, approver, "2028-Q1")
    second = _awaiting(plan, reporter, approver, "2028-Q2")
    services.notification_read(actor=approver, notification=first)
    assert client_of(approver).post("/notifications/read/").status_code == 302
    second.refresh_from_db()
    assert second.read_at is not None
    assert [r[1] for r in _rows(first)] == ["notification read"]  # already read: untouched
    (action, message, before, _), = _rows(second)
    assert (action, message, before) == ("update", "notification read (all read)", {"read_at": None})
    assert services.notifications_read_all(actor=approver) == 0


def test_a_decision_marks_the_approvers_requests_read_with_an_audit_row(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    note = _awaiting(plan, reporter, approver)
    services.actual_return(actor=approver, actual=note_actual(note), reason="Wrong quarter")
    note.refresh_from_db()
    assert note.read_at is not None
    (_, message, _, _), = _rows(note)
    assert message == "decided: K3 2028-Q1 no longer awaits approval"


def note_actual(note: Notification) -> Actual:
    return Actual.objects.get(indicator=note.indicator, year=note.year, quarter=note.quarter)


def test_someone_elses_notification_is_refused_and_nothing_is_written(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    note = _awaiting(plan, reporter, approver)
    with pytest.raises(PermissionDenied):
        services.notification_read(actor=reporter, notification=note)
    assert client_of(reporter).post(f"/notifications/{note.pk}/dismiss/").status_code == 403
    note.refresh_from_db()
    assert note.read_at is None and note.dismissed_at is None
    assert _rows(note) == []


def test_a_notification_made_by_a_step_is_audited_as_made_by_its_actor(
    plan: Plan, reporter, approver,
) -> None:  # type: ignore[no-untyped-def]
    note = _awaiting(plan, reporter, approver)
    made = AuditEntry.objects.get(object_type="reporting.notification", object_id=str(note.pk),
                                  action="create")
    assert made.actor == reporter and made.cycle_code == "SP2028" and made.message == "notified"
    assert made.after["recipient_id"] == approver.pk and made.after["kind"] == "awaiting"


def test_the_reminder_audits_the_notifications_and_the_record_of_what_it_sent(
    plan: Plan, reporter,
) -> None:  # type: ignore[no-untyped-def]
    run = services.reminders_send(cycle=plan.cycle, on=dt.date(2028, 8, 15))
    assert run.notifications == 2 and run.emails == 1  # Q1 and Q2 overdue
    rows = AuditEntry.objects.filter(message="reminded", action="create")
    assert sorted(rows.values_list("object_type", flat=True)) == [
        "reporting.notification", "reporting.notification", "reporting.reminder", "reporting.reminder",
    ]
    assert {row.actor_label for row in rows} == {Actor.cli().label}
    assert set(rows.values_list("cycle_code", flat=True)) == {"SP2028"}
    # nothing new on a second run: nothing written, nothing audited
    services.reminders_send(cycle=plan.cycle, on=dt.date(2028, 8, 20))
    assert AuditEntry.objects.filter(message="reminded").count() == 4
