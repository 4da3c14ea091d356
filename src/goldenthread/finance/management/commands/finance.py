"""``goldenthread finance plan|gap|output|revenue --cycle CODE``: the money in a plan.

- ``plan --by outcome|unit|category|source [--year Y]``: the financial plan;
- ``gap``: cost against revenue by year and by outcome;
- ``output CODE``: one output's cost and where it came from;
- ``revenue``: expected revenue by stream, and what is earmarked to outcomes.

Each takes ``--format json|table`` (table by default).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.core import permissions
from goldenthread.core.commands import USER_HELP, cycle_named, refused, user_named
from goldenthread.finance import access, reports, selectors
from goldenthread.finance.costing import DIMENSIONS
from goldenthread.finance.management.commands._common import (
    console_of,
    parse_year,
    print_json,
)
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Result


class Command(BaseCommand):
    help = "The money in a plan: the financial plan, the funding gap, an output's cost, revenue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="plan|gap|output|revenue")

        def report(name: str, text: str) -> CommandParser:
            p = sub.add_parser(name, help=text, description=text)
            p.add_argument("--cycle", required=True, help="code of the cycle")
            p.add_argument("--format", choices=["json", "table"], default="table")
            p.add_argument("--user", metavar="USERNAME", help=USER_HELP)
            return p  # type: ignore[no-any-return]

        plan = report("plan", "Costs by outcome, unit, category or funding source, and year.")
        plan.add_argument("--by", choices=DIMENSIONS, default="outcome",
                          help="the dimension of the rows (default outcome)")
        plan.add_argument("--year", help="show one year of the cycle")
        report("gap", "The funding gap: cost against revenue, by year and by outcome.")
        output = report("output", "One output's cost by year, category and source, and its origins.")
        output.add_argument("output", help="code of the output")
        report("revenue", "Expected revenue by stream and year; voluntary contributions earmarked "
                          "to outcomes.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options.get("user")
        user = user_named(username)
        cycle = cycle_named(options["cycle"], user)
        try:
            self.report(cycle, user, options)
        except PermissionDenied as error:
            raise refused(username, error) from None

    def report(self, cycle: Any, user: Any, options: dict[str, Any]) -> None:
        scope = access.money_scope(user, cycle)
        as_json = options["format"] == "json"
        name = options["report"]
        if name == "plan":
            year = None
            if options.get("year"):
                year = parse_year(options["year"], cycle, "--year", options["year"])
            plan = access.scoped_plan(selectors.financial_plan(cycle), scope, user)
            if as_json:
                print_json(self, reports.plan_json(plan, options["by"], year))
            else:
                reports.print_plan(console_of(self), plan, options["by"], year, cycle.code)
        elif name == "gap":
            if not scope.whole:
                raise PermissionDenied(
                    "the funding gap sets all revenue against all costs, so it is shown to "
                    "those who see the whole organisation's money; you see the money of "
                    + ", ".join(scope.roots)
                )
            gap = selectors.funding_gap(cycle)
            if as_json:
                print_json(self, reports.gap_json(gap))
            else:
                reports.print_gap(console_of(self), gap, cycle.code)
        elif name == "output":
            result = (Result.objects.filter(cycle=cycle, code=options["output"])
                      .select_related("level").first())
            if result is None:
                raise CommandError(f"no result '{options['output']}' in {cycle.code}")
            permissions.require(user, permissions.VIEW, result)
            if result.level.kind != LevelKind.OUTPUT:
                raise CommandError(_not_an_output(result, user))
            cost = selectors.output_costs(cycle, options["output"])
            if as_json:
                print_json(self, reports.output_cost_json(cost))
            else:
                reports.print_output_cost(console_of(self), cost, cycle.currency)
        else:
            table = selectors.revenue(cycle)
            if as_json:
                print_json(self, {
                    "streams": reports.table_json(table.streams),
                    "earmarked": reports.earmarks_json(table),
                })
            else:
                console = console_of(self)
                reports.print_cost_table(console, f"Revenue of {cycle.code}", table.streams,
                                         cycle.currency)
                for e in table.earmarked:
                    console.print(f"  earmarked to {e.outcome} ({e.title}): {reports.money(e.total)}")


def _not_an_output(result: Result, user: Any) -> str:
    """Why ``result`` has no cost of its own to show, and which outputs to ask for."""
    kind, name = result.level.kind, result.level.name.lower()
    article = "an" if name[:1] in "aeiou" else "a"
    said = f"{result.code} is {article} {name}" + (f" ({kind})" if name != kind else "")
    said += ", not an output"
    if kind == LevelKind.ACTIVITY:
        served = (Result.objects.visible_to(user)
                  .filter(child_links__child=result, level__kind=LevelKind.OUTPUT)
                  .order_by("code").values_list("code", flat=True))
        where = ", ".join(served) or "no output"
        return f"{said}: its cost is counted on the output(s) it serves ({where}); give one of them."
    return (f"{said}: outputs carry the costs that reach it; see 'finance plan --by outcome' "
            f"or give the code of an output.")
