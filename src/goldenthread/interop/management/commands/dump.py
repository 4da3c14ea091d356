"""``goldenthread dump --cycle CODE [--user USERNAME] [--format json|yaml] [-o FILE]``:
write a plan file.

Without ``--user`` the operator of the machine dumps the whole cycle; with it, the file
holds what that user may see (docs/permissions.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from goldenthread.core import permissions
from goldenthread.core.commands import cycle_named
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
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user '{options['user']}'")
        cycle = cycle_named(options["cycle"], user)
        try:
            permissions.require(user, permissions.VIEW, cycle)
        except PermissionDenied as refusal:
            raise CommandError(f"{options['user']}: {refusal}") from None
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
