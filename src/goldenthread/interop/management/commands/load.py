"""``goldenthread load FILE [--replace]``: load a whole plan from a plan file."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from goldenthread.core.audit import Actor
from goldenthread.interop.planfile import PlanFileError, read_plan
from goldenthread.interop.services import plan_counts, plan_load


class Command(BaseCommand):
    help = (
        "Load a plan file (goldenthread-plan/1, JSON or YAML) into a new cycle. "
        "Nothing is written if the file has any error; every error is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the plan file, .json or .yaml")
        parser.add_argument(
            "--replace", action="store_true",
            help="replace a cycle with the same code (the old plan is archived first)",
        )
        parser.add_argument(
            "--discard-entered", action="store_true",
            help="with --replace: also delete the reviews, lessons, ledger and reporting "
                 "evidence entered in the cycle (a plan file does not carry them)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        began = time.monotonic()
        with _Progress(enabled=_stderr_is_tty(self)) as progress:
            try:
                progress("reading", 0, 1)
                document = read_plan(path)
                cycle = plan_load(
                    actor=Actor.cli(), document=document, replace=options["replace"],
                    discard_entered=options["discard_entered"],
                    source=path.name, progress=progress,
                )
            except PlanFileError as exc:
                progress.stop()
                for error in exc.errors:
                    self.stderr.write(f"{path.name}: {error}")
                count = len(exc.errors)
                self.stderr.write(
                    f"{path.name}: {count} error{'s' if count != 1 else ''}; nothing was loaded"
                )
                sys.exit(1)
        counts = plan_counts(cycle)
        shown = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items() if n)
        self.stdout.write(
            f"Loaded {cycle.code} ({cycle.name}) from {path.name} in "
            f"{time.monotonic() - began:.1f} s: {shown}."
        )
        if options["replace"]:
            self._say_access(cycle)

    def _say_access(self, cycle: Any) -> None:
        """After a replacement: the roles and account ties kept, and those whose unit or
        person the new plan no longer has."""
        from goldenthread.core.models import AuditEntry

        entry = AuditEntry.objects.filter(cycle_code=cycle.code, action="load").order_by("-id").first()
        kept = (entry.after or {}) if entry is not None else {}
        if "roles_kept" not in kept:
            return
        self.stdout.write(f"Kept {kept['roles_kept']} role(s) and {kept['ties_kept']} account tie(s).")
        for role in kept["roles_dropped"]:
            self.stderr.write(f"role not kept: {role} (no such unit in the new plan)")
        for person in kept["ties_dropped"]:
            self.stderr.write(f"account tie not kept: person {person} (not in the new plan)")


def _stderr_is_tty(command: BaseCommand) -> bool:
    stream = getattr(command.stderr, "_out", sys.stderr)
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Progress:
    """A rich progress line on a terminal; silent when stderr is a file or a pipe."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("reading", total=1)
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=stage, completed=done, total=total)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __exit__(self, *exc: object) -> None:
        self.stop()
