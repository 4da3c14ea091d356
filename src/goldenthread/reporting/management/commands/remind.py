"""``goldenthread remind [--cycle CODE] [--on DATE] [--dry-run]``: email each person a digest
of their returned and overdue reports, and notify them in the product.

Run it once a day (cron, a systemd timer): an item already sent to a person is not sent
again, so each run adds only what is new. Without ``--cycle`` every cycle is reminded.
Emails go through Django's email backend (the console unless
``GOLDENTHREAD_EMAIL_BACKEND`` says otherwise; docs/reporting.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator

from goldenthread.core import clock
from goldenthread.core.commands import cycle_named
from goldenthread.plans.models import Cycle
from goldenthread.reporting.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email each person a digest of their returned and overdue reports and create the "
        "in-app notifications; items already sent are not sent again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", help="code of the cycle (default: every cycle)")
        parser.add_argument("--on", metavar="YYYY-MM-DD",
                            help="the day to judge what is overdue (default: today)")
        parser.add_argument("--dry-run", action="store_true",
                            help="print who would be reminded of what; send and write nothing")
        parser.add_argument("--base-url", default="",
                            help="the product's address, for the link in each email "
                                 "(e.g. https://plans.example.org)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = clock.today()
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"--on: '{options['on']}' is not a date; write YYYY-MM-DD") from None
        base_url = options["base_url"].strip().rstrip("/")
        if base_url:
            try:
                URLValidator(schemes=["http", "https"])(base_url)
            except ValidationError:
                raise CommandError(
                    f"--base-url {base_url}: not a web address; write the product's address with "
                    "its scheme, e.g. https://plans.example.org") from None
        cycles = [cycle_named(options["cycle"])] if options["cycle"] else list(
            Cycle.objects.order_by("code")
        )
        dry = options["dry_run"]
        for cycle in cycles:
            run = reminders_send(cycle=cycle, on=on, dry_run=dry, base_url=base_url)
            for digest in run.digests:
                to = digest.address or "no email address"
                self.stdout.write(f"{cycle.code} {digest.person.name} <{to}>: {len(digest.items)} item(s)")
                for item in digest.items:
                    self.stdout.write(f"  - {item.line}")
            verb = "would remind" if dry else "reminded"
            self.stdout.write(
                f"{cycle.code}: {verb} {len(run.digests)} person(s) as of {on.isoformat()}"
                + ("" if dry else f"; {run.emails} email(s), {run.notifications} notification(s)")
            )
