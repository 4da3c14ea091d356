"""``goldenthread dump --cycle CODE [--format json|yaml] [-o FILE]``: write a plan file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.interop.planfile import write_json, write_yaml
from goldenthread.interop.services import plan_dump
from goldenthread.plans.models import Cycle


class Command(BaseCommand):
    help = (
        "Write a cycle as a plan file (goldenthread-plan/1), to standard output or a file. "
        "The output is deterministic and loads back to the same plan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="code of the cycle to dump")
        parser.add_argument(
            "--format", choices=["json", "yaml"],
            help="json (default) or yaml; by default taken from the -o file's extension",
        )
        parser.add_argument("-o", "--output", help="the file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            cycle = Cycle.objects.get(code=options["cycle"])
        except Cycle.DoesNotExist:
            known = ", ".join(Cycle.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(
                f"no cycle '{options['cycle']}'" + (f"; cycles: {known}" if known else "")
            ) from None
        output = options["output"]
        fmt = options["format"]
        if fmt is None:
            suffix = Path(output).suffix.lower() if output else ""
            fmt = "yaml" if suffix in (".yaml", ".yml") else "json"
        document = plan_dump(cycle)
        write = write_yaml if fmt == "yaml" else write_json
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                write(document, handle)
            self.stderr.write(f"Wrote {cycle.code} to {output} ({fmt}).")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            write(document, stream)
