"""``goldenthread remind``: an email digest per person and in-app notifications, never
the same item twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from goldenthread.reporting import services
from goldenthread.reporting.models import Notification, Reminder
from tests.pages.plan import Plan
from tests.reporting.conftest import k


def remind(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def returned(plan: Plan, reporter, approver):  # type: ignore[no-untyped-def]
    actual = services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1", value="5")
    services.actual_submit(actor=reporter, actual=actual)
    return services.actual_return(actor=approver, actual=actual, reason="Count the Q1 workshop.")


def test_each_person_gets_one_digest_of_returned_and_overdue_items(
    plan: Plan, reporter, returned,
) -> None:  # type: ignore[no-untyped-def]
    printed = remind("--cycle", "SP2028", "--on", "2028-08-15")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["amina@example.org"]
    assert email.subject == "SP2028: 2 reporting items need you"
    assert ("Returned to you for correction:\n"
            "  - K3 2028-Q1 was returned by Rania Benali: Count the Q1 workshop.") in email.body
    assert "Overdue:\n  - K3 2028-Q2 was due on 30 Jul 2028 (16 days ago): not reported" in email.body
    assert "2028-Q1 was due" not in email.body  # returned and late: told once, as returned
    assert "SP2028: reminded 1 person(s) as of 2028-08-15; 1 email(s), 1 notification(s)" in printed
    kinds = sorted(Notification.objects.filter(recipient=reporter).values_list("kind", flat=True))
    assert kinds == ["overdue", "returned"]  # the returned one was made when it was returned


def test_a_second_run_sends_nothing_already_sent(
    plan: Plan, reporter, returned,
) -> None:  # type: ignore[no-untyped-def]
    remind("--cycle", "SP2028", "--on", "2028-08-15")
    notes = Notification.objects.count()
    printed = remind("--cycle", "SP2028", "--on", "2028-08-20")
    assert len(mail.outbox) == 1 and Notification.objects.count() == notes
    assert "reminded 0 person(s)" in printed
    remind("--cycle", "SP2028", "--on", "2028-11-15")  # Q3 is now overdue too: only it is new
    assert len(mail.outbox) == 2
    assert "K3 2028-Q3 was due" in mail.outbox[1].body
    assert "2028-Q2" not in mail.outbox[1].body and "returned" not in mail.outbox[1].body.lower()
    assert Notification.objects.count() == notes + 1
    assert Reminder.objects.filter(person=plan.people["S0001"]).count() == 3


def test_a_dry_run_prints_and_sends_and_writes_nothing(
    plan: Plan, reporter, returned,
) -> None:  # type: ignore[no-untyped-def]
    notes = Notification.objects.count()
    printed = remind("--on", "2028-08-15", "--dry-run")
    assert "Amina Diallo <amina@example.org>: 2 item(s)" in printed
    assert "SP2028: would remind 1 person(s) as of 2028-08-15" in printed
    assert mail.outbox == [] and Notification.objects.count() == notes
    assert not Reminder.objects.exists()


def test_bad_options_are_refused(plan: Plan) -> None:
    with pytest.raises(CommandError, match="--on: 'soon' is not a date"):
        remind("--on", "soon")
    with pytest.raises(CommandError, match="no cycle 'XX'"):
        remind("--cycle", "XX")
    with pytest.raises(CommandError, match="--base-url notaurl: not a web address"):
        remind("--base-url", "notaurl")
    assert not mail.outbox
