"""``goldenthread scores --cycle CODE --period P [--format json|table] [--user USERNAME]``:
every result's score (those ``USERNAME`` may see, with ``--user``)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from goldenthread.core.commands import cycle_viewed, period_in
from goldenthread.indicators.selectors import ResultScore, scoreboard
from goldenthread.plans.models import Result

ROOTS_NAMED = 5000  # with --user, at most this many results are scored by their ids
STATUS_STYLE = {"on_track": "green", "at_risk": "yellow", "off_track": "red", "no_data": "dim"}


def _one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def result_json(result: ResultScore) -> dict[str, Any]:
    """One result as the JSON output's object."""
    return {
        "code": result.code,
        "title": result.title,
        "tier": result.tier,
        "score": _one_decimal(result.score),
        "status": result.status,
        "coverage": round(result.coverage, 3),
        "forecast": {"score": _one_decimal(result.forecast), "likely_to_miss": result.likely_to_miss},
    }


def result_lines(results: list[ResultScore]) -> str:
    """The objects of ``result_json``, one a line, written as ``json.dumps`` writes each
    (same keys, same numbers) but from one template: a hundred thousand ``dumps`` calls
    would take a second. ``tests/indicators/test_scores_command.py`` holds them equal."""
    text = json.encoder.encode_basestring  # type: ignore[attr-defined]  # JSON string, quoted

    def number(value: float | None) -> str:
        return "null" if value is None else repr(round(value, 1))

    return ",\n".join(
        f'{{"code": {text(r.code)}, "title": {text(r.title)}, "tier": {r.tier}, '
        f'"score": {number(r.score)}, "status": "{r.status}", "coverage": {round(r.coverage, 3)!r}, '
        f'"forecast": {{"score": {number(r.forecast)}, '
        f'"likely_to_miss": {"true" if r.likely_to_miss else "false"}}}}}'
        for r in results
    )


class Command(BaseCommand):
    help = (
        "Score every result of a cycle for a period (the roll-up of docs/scoring.md): its score "
        "0-100, status, coverage, and the forecast at the cycle's end year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="code of the cycle")
        parser.add_argument("--period", required=True, help="a year (2029) or a quarter (2029-Q2)")
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument(
            "--user", metavar="USERNAME",
            help="only the results this user may see (default: every result, as the operator)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, cycle = cycle_viewed(options["cycle"], options["user"])
        period = period_in(cycle, options["period"])
        if user is None:
            board = scoreboard(cycle, period)
            results = list(board.results.values())
        else:
            # A result's score is that of everything below it, seen or not (as on the pages);
            # only the results the user sees are printed.
            seen = set(Result.objects.visible_to(user).filter(cycle=cycle).values_list("id", flat=True))
            # Many results are scored as quickly with the whole cycle, and their ids would
            # overflow a query's parameters.
            board = scoreboard(cycle, period, roots=sorted(seen) if len(seen) <= ROOTS_NAMED else None)
            results = [r for r in board.results.values() if r.id in seen]
        stream = getattr(self.stdout, "_out", sys.stdout)
        if options["format"] == "json":
            stream.write("[\n" + result_lines(results) + ("\n]\n" if results else "]\n"))
            return
        table = Table(title=f"{cycle.code} scores for {period}", header_style="bold")
        for name, justify in (("Code", "left"), ("Tier", "right"), ("Title", "left"),
                              ("Score", "right"), ("Status", "left"), ("Coverage", "right"),
                              ("Forecast", "right"), ("Outlook", "left")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for r in results:
            style = STATUS_STYLE.get(r.status, "")
            table.add_row(
                r.code, str(r.tier), r.title[:60],
                "" if r.score is None else f"{r.score:.1f}",
                f"[{style}]{r.status.replace('_', ' ')}[/]",
                f"{r.coverage:.0%}",
                "" if r.forecast is None else f"{r.forecast:.1f}",
                "[red]likely to miss[/]" if r.likely_to_miss else "",
            )
        Console(file=stream, width=160).print(table)
