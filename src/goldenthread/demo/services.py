"""Installing the demo organisation: the plan, then the sign-in accounts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_update
from goldenthread.demo.builder import demo_document
from goldenthread.demo.facts import CYCLE, DEMO_ACCOUNTS
from goldenthread.org.models import Person
from goldenthread.plans.models import Cycle

DEMO_ACTOR = Actor(label="demo")


def demo_installed() -> bool:
    """Whether this database already holds the demo plan."""
    return Cycle.objects.filter(code=CYCLE["code"]).exists()


@transaction.atomic
def demo_install() -> Cycle:
    """Load the demo plan and create its accounts, all in one transaction.

    Staff accounts are tied to their person in the plan (``Person.user``)
    through the audited generic update, so they see their own thread.
    """
    from goldenthread.interop.services import plan_load

    cycle = plan_load(actor=DEMO_ACTOR, document=demo_document(), source="demo")
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        if account.superuser:
            User.objects.create_superuser(
                username=account.username, password=account.password, email=""
            )
            continue
        person = Person.objects.get(cycle=cycle, name=account.person_name, unit__code=account.unit)
        given, _, family = account.person_name.partition(" ")
        user = User.objects.create_user(
            username=account.username, password=account.password, email=person.email,
            first_name=given, last_name=family,
        )
        object_update(
            actor=DEMO_ACTOR, obj=person, data={"user": user},
            message=f"demo account '{account.username}' tied to this person",
        )
    return cycle
