"""``goldenthread workbook export|import``: the operational plan as an XLSX workbook.

    goldenthread workbook export --cycle SP2028 -o plan.xlsx
    goldenthread workbook import plan.xlsx [--dry-run] [--cycle SP2028]
    goldenthread workbook export --cycle SP2028 -o mine.xlsx --user amina
    goldenthread workbook import mine.xlsx --user amina

With ``--user`` the workbook holds what that user may see, and an import writes only
what their roles allow (``interop/access.py``); each refused row is a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.core import permissions
from goldenthread.core.audit import Actor
from goldenthread.core.commands import USER_HELP, cycle_named, user_named
from goldenthread.interop.workbook import workbook_export, workbook_import
from goldenthread.plans.models import Cycle


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
        export.add_argument("--user", metavar="USERNAME", help=USER_HELP)
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
        imp.add_argument("--user", metavar="USERNAME", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        self.user = user_named(options.get("user"))
        if options["action"] == "export":
            self.export(options)
        else:
            self.import_(options)

    def export(self, options: dict[str, Any]) -> None:
        cycle = cycle_named(options["cycle"], self.user)
        self.require(cycle, permissions.VIEW, options)
        path = Path(options["output"])
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"the workbook is an .xlsx file, not '{path.name}'")
        data = workbook_export(cycle, Actor.cli(self.user))
        path.write_bytes(data)
        self.stdout.write(f"Wrote the workbook of {cycle.code} to {path} ({len(data):,} bytes).")

    def import_(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no file '{path}'")
        target: str | Cycle | None = options.get("cycle")
        if self.user is not None:
            from goldenthread.interop.views import may_import

            code = options.get("cycle") or self.about_cycle(path)
            if not code:
                raise CommandError("say which cycle to import into: --cycle CODE")
            target = cycle_named(code, self.user)
            self.require(target, permissions.VIEW, options)
            if not may_import(self.user, target):
                raise CommandError(
                    f"{options['user']}: none of your roles in {target.code} lets you change "
                    "results, costs, staff time or risks"
                )
        report = workbook_import(
            target, path, actor=Actor.cli(self.user), dry_run=options["dry_run"],
            source=path.name,
        )
        lines = report.summary(detail=10**9 if options["all"] else 50)
        if not report.ok:
            for line in lines:
                self.stderr.write(line)
            sys.exit(1)
        for line in lines:
            self.stdout.write(line)

    def require(self, cycle: Cycle, action: str, options: dict[str, Any]) -> None:
        try:
            permissions.require(self.user, action, cycle)
        except PermissionDenied as error:
            raise CommandError(f"{options['user']}: {error}") from None

    @staticmethod
    def about_cycle(path: Path) -> str:
        """The cycle code on the workbook's About sheet ("" when there is none)."""
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True)
        except Exception:  # the import reports an unreadable file, with the reason
            return ""
        if "About" not in book.sheetnames:
            return ""
        for row in book["About"].iter_rows(values_only=True):
            if row and row[0] == "Cycle" and len(row) > 1:
                return str(row[1] or "").strip()
        return ""
