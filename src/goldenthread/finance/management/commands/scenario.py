"""``goldenthread scenario --cycle CODE ...``: run, save and compare funding scenarios.

    goldenthread scenario --cycle SP2028 --envelope 2028=60000000 --envelope 2029=61000000
    goldenthread scenario --cycle SP2028 --from-plan --scale-source extrabudgetary=0.8 \\
        --save EB80 --name "Extrabudgetary income falls by 20%"
    goldenthread scenario --cycle SP2028 --source giga:2028=1500000 --rule manual \\
        --rank OP3.1.1=1 --rank OP3.1.4=2
    goldenthread scenario --cycle SP2028 --run EB80
    goldenthread scenario --cycle SP2028 --compare BASE EB80
    goldenthread scenario --cycle SP2028 --list
    goldenthread scenario --cycle SP2028 --delete EB80

See docs/finance.md for the funding rule.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.core.audit import Actor
from goldenthread.core.commands import USER_HELP, cycle_named, refused, user_named
from goldenthread.finance import access, reports, selectors
from goldenthread.finance.access import MoneyScope
from goldenthread.finance.management.commands._common import (
    console_of,
    parse_amount,
    parse_year,
    print_json,
)
from goldenthread.finance.models import Fund, Scenario
from goldenthread.finance.scenarios import (
    EXTRABUDGETARY,
    REGULAR,
    RULES,
    SCORE,
    Envelope,
    ScenarioError,
)
from goldenthread.finance.services import scenario_create, scenario_delete, scenario_update
from goldenthread.plans.models import Cycle


class Command(BaseCommand):
    help = (
        "Run a funding scenario: fund outputs by MoSCoW priority, then by a rule, within "
        "budget envelopes per year (and per funding source); save, list, compare and delete "
        "saved scenarios."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="code of the cycle")
        parser.add_argument(
            "--envelope", action="append", default=[], metavar="YEAR=AMOUNT",
            help="what the scenario may spend in a year from all sources together (repeat)",
        )
        parser.add_argument(
            "--source", action="append", default=[], metavar="FUND[:YEAR]=AMOUNT",
            help="an envelope for one funding source, in one year or (without :YEAR) in "
                 "every year of the cycle (repeat)",
        )
        parser.add_argument(
            "--from-plan", action="store_true",
            help="start from envelopes equal to what the plan's outputs cost on each source "
                 "each year (--source and --envelope then add to or replace them)",
        )
        parser.add_argument(
            "--scale-source", action="append", default=[], metavar="SOURCE=FACTOR",
            help="with --from-plan, multiply a source's envelopes: a fund code, "
                 f"{EXTRABUDGETARY} (every fund but the regular budget) or {REGULAR}; "
                 f"e.g. {EXTRABUDGETARY}=0.8 for 'extrabudgetary income falls by 20%%'",
        )
        parser.add_argument("--rule", choices=RULES, default="cost",
                            help="order within a priority: score, cost (default) or manual")
        parser.add_argument("--rank", action="append", default=[], metavar="OUTPUT=N",
                            help="the manual rank of an output (rule manual; repeat)")
        parser.add_argument("--save", metavar="CODE", help="save the scenario under this code")
        parser.add_argument("--replace", action="store_true",
                            help="with --save, replace a saved scenario of that code")
        parser.add_argument("--name", default="", help="the saved scenario's name")
        parser.add_argument("--description", default="", help="the saved scenario's description")
        parser.add_argument("--run", metavar="CODE", help="run a saved scenario")
        parser.add_argument("--compare", nargs=2, metavar=("A", "B"),
                            help="compare two saved scenarios side by side")
        parser.add_argument("--list", action="store_true", help="list the saved scenarios")
        parser.add_argument("--delete", metavar="CODE", help="delete a saved scenario")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--user", metavar="USERNAME", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        username = options.get("user")
        self.user = user_named(username)
        self.actor = Actor.cli(self.user)
        cycle = cycle_named(options["cycle"], self.user)
        try:
            self.scope = access.money_scope(self.user, cycle)
            if options["delete"] or options["save"]:
                access.require_scenario_write(self.user, cycle)
            return self.act(cycle, options)
        except PermissionDenied as error:
            raise refused(username, error) from None

    def act(self, cycle: Cycle, options: dict[str, Any]) -> None:
        scope: MoneyScope = self.scope
        as_json = options["format"] == "json"
        if options["list"]:
            return self.list_saved(cycle, as_json)
        if options["delete"]:
            scenario = self.saved(cycle, options["delete"])
            scenario_delete(actor=self.actor, scenario=scenario)
            self.stderr.write(f"Deleted scenario {scenario.code} of {cycle.code}.")
            return None
        if options["compare"]:
            a, b = (self.saved(cycle, code) for code in options["compare"])
            scores = selectors.output_scores(cycle) if SCORE in (a.rule, b.rule) else None
            comparison = access.scoped_comparison(selectors.scenario_compare(a, b, scores),
                                                  scope.codes)
            if as_json:
                print_json(self, reports.comparison_json(comparison))
            else:
                reports.print_comparison(console_of(self), comparison)
            return None
        if options["run"]:
            scenario = self.saved(cycle, options["run"])
            scores = selectors.output_scores(cycle) if scenario.rule == SCORE else None
            result = selectors.scenario_run(scenario, scores=scores)
        else:
            result = self.run_new(cycle, options)
        result = access.scoped_scenario(result, scope.codes)
        if as_json:
            print_json(self, reports.scenario_json(result))
        else:
            reports.print_scenario(console_of(self), result)
        return None

    # -- the parts

    def saved(self, cycle: Cycle, code: str) -> Scenario:
        scenario = Scenario.objects.filter(cycle=cycle, code=code).first()
        if scenario is None:
            known = ", ".join(Scenario.objects.filter(cycle=cycle).values_list("code", flat=True))
            raise CommandError(f"no saved scenario '{code}' in {cycle.code}"
                               + (f"; saved: {known}" if known else "; none is saved"))
        return scenario

    def list_saved(self, cycle: Cycle, as_json: bool) -> None:
        saved = selectors.scenario_list(cycle)
        rows = [
            {"code": s.code, "name": s.name, "rule": s.rule, "description": s.description,
             "created_by": s.created_by_label, "created_at": s.created_at.isoformat(),
             "envelopes": [
                 {"year": e.year, "source": e.source, "amount": reports.amount(e.amount)}
                 for e in selectors.scenario_envelopes(s)
             ] if self.scope.whole else []}
            for s in saved
        ]
        if as_json:
            print_json(self, rows)
            return
        console = console_of(self)
        if not rows:
            console.print(f"No scenario is saved in {cycle.code}.")
        for row in rows:
            console.print(f"[bold]{row['code']}[/bold] {row['name']} (rule {row['rule']}; "
                          f"{len(row['envelopes'])} envelope(s); by {row['created_by']})")

    def run_new(self, cycle: Cycle, options: dict[str, Any]) -> Any:
        basis = selectors.scenario_basis(cycle)
        funds = set(Fund.objects.filter(cycle=cycle).values_list("code", flat=True))
        envelopes: dict[tuple[int, str | None], Decimal] = {}
        description = options["description"]
        if options["from_plan"]:
            scale = self.scales(options["scale_source"], funds)
            for env in basis.envelopes_from_plan(scale):
                envelopes[(env.year, env.source)] = env.amount
            if not description:
                scaled = ", ".join(f"{k} x {v}" for k, v in scale.items())
                description = "Envelopes from the plan's costs by source" + (
                    f", {scaled}" if scaled else "")
        elif options["scale_source"]:
            raise CommandError("--scale-source scales the envelopes of --from-plan; add --from-plan")
        for text in options["envelope"]:
            year_text, amount = self.pair(text, "--envelope", "YEAR=AMOUNT", "2028=150000000")
            year = parse_year(year_text, cycle, "--envelope", text)
            envelopes[(year, None)] = parse_amount(amount, "--envelope", text)
        for text in options["source"]:
            key, amount_text = self.pair(text, "--source", "FUND[:YEAR]=AMOUNT", "giga:2028=1500000")
            fund, _, year_text = key.partition(":")
            if fund not in funds:
                raise CommandError(f"--source {text}: no fund '{fund}' in {cycle.code}; "
                                   f"funds: {', '.join(sorted(funds))}")
            value = parse_amount(amount_text, "--source", text)
            years = [parse_year(year_text, cycle, "--source", text)] if year_text else list(cycle.years)
            for year in years:
                envelopes[(year, fund)] = value
        if not envelopes:
            raise CommandError("give at least one envelope: --envelope YEAR=AMOUNT, "
                               "--source FUND[:YEAR]=AMOUNT, or --from-plan")
        ranks = {}
        for text in options["rank"]:
            code, number = self.pair(text, "--rank", "OUTPUT=N", "OP1.1.1=1")
            try:
                ranks[code] = int(number)
            except ValueError:
                raise CommandError(f"--rank {text}: '{number}' is not a whole number") from None
            if ranks[code] < 1:
                raise CommandError(f"--rank {text}: ranks start at 1")
        rank_ids = {}
        for code, rank in ranks.items():
            output = basis.output_id(code)
            if output is None:
                raise CommandError(f"--rank {code}={rank}: no output '{code}' in {cycle.code}")
            rank_ids[output] = rank
        listed = [Envelope(year, source, amount) for (year, source), amount in sorted(
            envelopes.items(), key=lambda item: (item[0][0], item[0][1] or ""))]
        scores = selectors.output_scores(cycle) if options["rule"] == SCORE else None
        code = options["save"] or ""
        name = options["name"] or code
        try:
            result = basis.run(listed, rule=options["rule"], scores=scores, ranks=rank_ids,
                               code=code, name=name)
        except ScenarioError as error:
            raise CommandError(str(error)) from None
        if code:
            self.save(cycle, code, name, options, description, listed, ranks)
        return result

    def save(
        self, cycle: Cycle, code: str, name: str, options: dict[str, Any], description: str,
        envelopes: list[Envelope], ranks: dict[str, int],
    ) -> None:
        existing = Scenario.objects.filter(cycle=cycle, code=code).first()
        try:
            if existing is not None:
                if not options["replace"]:
                    raise CommandError(f"a scenario '{code}' is already saved in {cycle.code}; "
                                       "add --replace to replace it")
                scenario_update(actor=self.actor, scenario=existing, name=name,
                                rule=options["rule"], description=description,
                                envelopes=envelopes, ranks=ranks)
                self.stderr.write(f"Replaced scenario {code} of {cycle.code}.")
            else:
                scenario_create(actor=self.actor, cycle=cycle, code=code, name=name,
                                rule=options["rule"], description=description,
                                envelopes=envelopes, ranks=ranks)
                self.stderr.write(f"Saved scenario {code} of {cycle.code}.")
        except ValidationError as error:
            raise CommandError(f"--save {code}: {' '.join(error.messages)}") from None

    @staticmethod
    def pair(text: str, option: str, shape: str, example: str) -> tuple[str, str]:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CommandError(f"{option} {text}: write {shape}, e.g. {option} {example}")
        return key.strip(), value.strip()

    def scales(self, items: list[str], funds: set[str]) -> dict[str, Decimal]:
        scale: dict[str, Decimal] = {}
        for text in items:
            key, factor = self.pair(text, "--scale-source", "SOURCE=FACTOR", f"{EXTRABUDGETARY}=0.8")
            if key not in funds and key not in (EXTRABUDGETARY, REGULAR):
                raise CommandError(f"--scale-source {text}: no fund '{key}'; give a fund code, "
                                   f"{EXTRABUDGETARY} or {REGULAR}")
            try:
                value = Decimal(factor)
            except InvalidOperation:
                raise CommandError(f"--scale-source {text}: '{factor}' is not a number") from None
            if not value.is_finite() or value < 0:
                raise CommandError(f"--scale-source {text}: a factor is a number, 0 or more")
            scale[key] = value
        return scale
