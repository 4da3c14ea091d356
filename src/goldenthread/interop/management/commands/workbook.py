"""``goldenthread workbook export|import``: the operational plan as an XLSX workbook.

    goldenthread workbook export --cycle SP2028 -o plan.xlsx
    goldenthread workbook import plan.xlsx [--dry-run] [--cycle SP2028]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.core.audit import Actor
from goldenthread.core.commands import cycle_named
from goldenthread.interop.workbook import workbook_export, workbook_import


class Command(BaseCommand):
    help = (
        "Export a cycle's operational plan (results, indicators and targets, cost lines, "
        "allocations, risks) as an XLSX workbook, or import an edited workbook back into "
        "the cycle: every problem is listed by sheet, row and column, and nothing is "
        "written while there is one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="export|import")
        actions.required = True
        export = actions.add_parser("export", help="write the workbook of a cycle")
        export.add_argument("--cycle", required=True, help="code of the cycle")
        export.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        imp = actions.add_parser("import", help="import an edited workbook into its cycle")
        imp.add_argument("file", help="the .xlsx workbook")
        imp.add_argument(
            "--dry-run", action="store_true",
            help="check the workbook and print what would change, without writing anything",
        )
        imp.add_argument(
            "--cycle", help="the cycle to import into (default: the one on the About sheet)"
        )
        imp.add_argument(
            "--all", action="store_true", help="list every change, not only the first 50"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.export(options)
        else:
            self.import_(options)

    def export(self, options: dict[str, Any]) -> None:
        cycle = cycle_named(options["cycle"])
        path = Path(options["output"])
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"the workbook is an .xlsx file, not '{path.name}'")
        data = workbook_export(cycle)
        path.write_bytes(data)
        self.stdout.write(f"Wrote the workbook of {cycle.code} to {path} ({len(data):,} bytes).")

    def import_(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no file '{path}'")
        report = workbook_import(
            options.get("cycle"), path, actor=Actor.cli(), dry_run=options["dry_run"],
            source=path.name,
        )
        lines = report.summary(detail=10**9 if options["all"] else 50)
        if not report.ok:
            for line in lines:
                self.stderr.write(line)
            sys.exit(1)
        for line in lines:
            self.stdout.write(line)
