"""Installing the demo organisation: the plan, then the sign-in accounts and their roles."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_update
from goldenthread.demo.builder import demo_document, demo_ledger
from goldenthread.demo.facts import CYCLE, DEMO_ACCOUNTS, DEMO_ROLES, DRAWN_ACCOUNTS
from goldenthread.org.choices import Role
from goldenthread.org.models import OrgUnit, Person, RoleAssignment
from goldenthread.org.services import role_grant
from goldenthread.plans.models import Cycle

DEMO_ACTOR = Actor(label="demo")
DEMO_PASSWORD = "goldenthread-demo"


#: The demo organisation has reported up to 2029-Q3: it is shown as of this date (the
#: product's "today", core/clock.py), so that reports are due, late and approved in it.
DEMO_TODAY = dt.date(2029, 11, 15)


def demo_installed() -> bool:
    """Whether this database already holds the demo plan."""
    return Cycle.objects.filter(code=CYCLE["code"]).exists()


def _tie(person: Person, username: str, password: str) -> None:
    given, _, family = person.name.partition(" ")
    user = get_user_model().objects.create_user(
        username=username, password=password, email=person.email,
        first_name=given, last_name=family,
    )
    object_update(
        actor=DEMO_ACTOR, obj=person, data={"user": user},
        message=f"demo account '{username}' tied to this person",
    )


@transaction.atomic
def demo_install() -> Cycle:
    """Load the demo plan, create its accounts and give them their roles, all in one
    transaction.

    Staff accounts are tied to their person in the plan (``Person.user``) through the
    audited generic update, so they see their own thread; roles are granted through
    the audited role service.
    """
    from goldenthread.finance.services import transactions_load
    from goldenthread.interop.services import plan_load

    document = demo_document()
    cycle = plan_load(actor=DEMO_ACTOR, document=document, source="demo")
    transactions_load(actor=DEMO_ACTOR, cycle=cycle, rows=demo_ledger(document), message="demo ledger")
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        if account.superuser:
            User.objects.create_superuser(
                username=account.username, password=account.password, email=""
            )
            continue
        person = Person.objects.get(cycle=cycle, name=account.person_name, unit__code=account.unit)
        _tie(person, account.username, account.password)
    for drawn in DRAWN_ACCOUNTS:
        found = Person.objects.filter(cycle=cycle, name=drawn.person_name, unit__code=drawn.unit).first()
        if found is None:
            raise LookupError(
                f"the demo has no {drawn.person_name} in {drawn.unit} for the account "
                f"'{drawn.username}' (facts.DRAWN_ACCOUNTS names the people the builder draws)"
            )
        _tie(found, drawn.username, DEMO_PASSWORD)
    units = {u.code: u for u in OrgUnit.objects.filter(cycle=cycle)}
    for username, unit, role in DEMO_ROLES:
        role_grant(actor=DEMO_ACTOR, user=User.objects.get(username=username), unit=units[unit],
                   role=Role(role), message="demo account")
    return cycle


def demo_logins() -> list[str]:
    """The demo's sign-in lines: user name, password, who they are and their roles.
    Read from the database, so they show the accounts as the demo left them."""
    passwords = {a.username: a.password for a in DEMO_ACCOUNTS}
    lines = []
    people = {
        p.user_id: p for p in Person.objects.filter(cycle__code=CYCLE["code"], user__isnull=False)
        .select_related("unit", "user")
    }
    roles: dict[int, list[str]] = {}
    assignments = RoleAssignment.objects.filter(unit__cycle__code=CYCLE["code"]).select_related("unit")
    for assignment in assignments.order_by("unit__tier", "unit__code", "role"):
        roles.setdefault(assignment.user_id, []).append(
            f"{assignment.get_role_display().lower()} on {assignment.unit.code}"
        )
    order = {username: i for i, username in enumerate(
        dict.fromkeys([a.username for a in DEMO_ACCOUNTS] + [r.username for r in DEMO_ROLES])
    )}
    for account in DEMO_ACCOUNTS:
        if account.superuser:
            lines.append(f"{account.username} / {account.password}  (administrator: sees everything)")
    for person in sorted(
        people.values(), key=lambda p: (order.get(p.user.username, len(order)), p.code)
    ):
        password = passwords.get(person.user.username, DEMO_PASSWORD)
        held = "; ".join(roles.get(person.user_id, [])) or "no role: sees their own unit"
        lines.append(
            f"{person.user.username} / {password}  ({person.name}, {person.unit.code}: {held})"
        )
    return lines
