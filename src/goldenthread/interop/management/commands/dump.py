"""``goldenthread dump --cycle CODE [--user USERNAME] [--format json|yaml] [-o FILE]``:
write a plan file.

Without ``--user`` the operator of the machine dumps the whole cycle; with it, the file
holds what that user may see (docs/permissions.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.core.commands import cycle_viewed
from goldenthread.interop.planfile import write_json, write_yaml
from goldenthread.interop.scoping import scope_document
from goldenthread.interop.services import plan_dump


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
        parser.add_argument(
            "--user", metavar="USERNAME",
            help="dump only what this user may see (default: everything, as the operator)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, cycle = cycle_viewed(options["cycle"], options["user"])
        output = options["output"]
        fmt = options["format"]
        if fmt is None:
            suffix = Path(output).suffix.lower() if output else ""
            fmt = "yaml" if suffix in (".yaml", ".yml") else "json"
        document = scope_document(plan_dump(cycle), cycle, user)
        write = write_yaml if fmt == "yaml" else write_json
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                write(document, handle)
            seen = f" as {options['user']} sees it" if user is not None else ""
            self.stderr.write(f"Wrote {cycle.code}{seen} to {output} ({fmt}).")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            write(document, stream)
