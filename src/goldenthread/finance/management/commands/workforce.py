"""``goldenthread workforce --cycle CODE [--all-people] [--format json|table]``.

Allocated against available FTE per unit (with the units below it) and year, the people
allocated beyond their capacity, demand by grade, and the share and cost of the flexible
workforce (consultants, temporary staff, remote staff).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser

from goldenthread.core.commands import USER_HELP, cycle_named, refused, user_named
from goldenthread.finance import access, reports
from goldenthread.finance.management.commands._common import console_of, print_json


class Command(BaseCommand):
    help = (
        "The workforce behind a plan: allocated against available FTE per unit and year, "
        "over-allocated people, demand by grade, the flexible workforce's share and cost."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="code of the cycle")
        parser.add_argument("--all-people", action="store_true",
                            help="list every person in the JSON, not only the over-allocated")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--user", metavar="USERNAME", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_named(options["user"])
        cycle = cycle_named(options["cycle"], user)
        try:
            scope = access.money_scope(user, cycle)
        except PermissionDenied as error:
            raise refused(options["user"], error) from None
        report = access.scoped_workforce(cycle, scope)
        if options["format"] == "json":
            print_json(self, reports.workforce_json(report, all_people=options["all_people"]))
        else:
            reports.print_workforce(console_of(self), report, cycle.code)
