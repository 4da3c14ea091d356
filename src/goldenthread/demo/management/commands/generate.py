"""``goldenthread generate``: write a synthetic organisation's plan file."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.demo.generator import SCALES, write_plan


class Command(BaseCommand):
    help = (
        "Write a valid plan file of a synthetic organisation: S (ITU-sized: ~800 staff, "
        "5,000 results), M, or L (UN-system-sized: ~40,000 staff, 100,000 results). "
        "JSON, or YAML when FILE ends in .yaml/.yml. The same seed gives the same file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), required=True)
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counts = write_plan(options["scale"], options["seed"], options["output"])
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{counts[k]:,} {k}" for k in ("people", "results", "indicators"))
        self.stdout.write(f"Wrote {options['output']}: {summary} in {seconds:.1f} s")
