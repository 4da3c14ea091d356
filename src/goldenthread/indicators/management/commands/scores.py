"""``goldenthread scores --cycle CODE --period P [--format json|table]``: every result's score."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from goldenthread.core.commands import cycle_named, period_in
from goldenthread.indicators.selectors import ResultScore, scoreboard

STATUS_STYLE = {"on_track": "green", "at_risk": "yellow", "off_track": "red", "no_data": "dim"}


def _one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def result_json(result: ResultScore) -> dict[str, Any]:
    return {
        "code": result.code,
        "title": result.title,
        "tier": result.tier,
        "score": _one_decimal(result.score),
        "status": result.status,
        "coverage": round(result.coverage, 3),
        "forecast": {"score": _one_decimal(result.forecast), "likely_to_miss": result.likely_to_miss},
    }


class Command(BaseCommand):
    help = (
        "Score every result of a cycle for a period (the roll-up of docs/scoring.md): its score "
        "0-100, status, coverage, and the forecast at the cycle's end year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="code of the cycle")
        parser.add_argument("--period", required=True, help="a year (2029) or a quarter (2029-Q2)")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = cycle_named(options["cycle"])
        period = period_in(cycle, options["period"])
        board = scoreboard(cycle, period)
        results = list(board.results.values())
        stream = getattr(self.stdout, "_out", sys.stdout)
        if options["format"] == "json":
            # One object a line: readable, and written by the fast encoder (no indent).
            stream.write("[\n")
            stream.write(",\n".join(json.dumps(result_json(r), ensure_ascii=False) for r in results))
            stream.write("\n]\n")
            return
        table = Table(title=f"{cycle.code} scores for {period}", header_style="bold")
        for name, justify in (("Code", "left"), ("Tier", "right"), ("Title", "left"),
                              ("Score", "right"), ("Status", "left"), ("Coverage", "right"),
                              ("Forecast", "right"), ("", "left")):
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
