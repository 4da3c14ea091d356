"""``goldenthread workbook export`` and ``goldenthread workbook import``."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goldenthread.plans.models import Cycle, Result
from tests.interop.helpers import FIXTURES, table_counts
from tests.interop.test_workbook_support import exported, full_cycle, save, set_cell

pytestmark = pytest.mark.django_db
__all__ = ["full_cycle"]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("workbook", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_writes_the_workbook_and_import_of_it_changes_nothing(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    path = tmp_path / "full.xlsx"
    out, _ = run("export", "--cycle", "FULL2028", "-o", str(path))
    assert out.startswith(f"Wrote the workbook of FULL2028 to {path} (")
    assert path.read_bytes()[:2] == b"PK"
    counts = table_counts()
    out, _ = run("import", str(path))
    assert out == "No changes: full.xlsx matches the plan FULL2028.\n"
    assert table_counts() == counts


def test_import_prints_what_it_changed_and_dry_run_what_it_would(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    book = exported(full_cycle)
    set_cell(book, "Results", "O1", "Status", "active")
    path = save(book, tmp_path)
    out, _ = run("import", str(path), "--dry-run")
    assert out.splitlines() == [
        "Would import plan.xlsx into FULL2028: 0 created, 1 updated, 0 deleted.",
        "  Results: 1 updated",
        "  Results row 3: updated result O1: Status 'draft' → 'active'",
        "Dry run: nothing was written.",
    ]
    assert Result.objects.get(code="O1").status == "draft"
    out, _ = run("import", str(path))
    assert out.splitlines()[0] == "Imported plan.xlsx into FULL2028: 0 created, 1 updated, 0 deleted."
    assert Result.objects.get(code="O1").status == "active"


def test_import_lists_the_problems_and_exits_with_1(full_cycle: Cycle, tmp_path: Path) -> None:
    book = exported(full_cycle)
    set_cell(book, "Cost lines", ("OP1", 2028, "travel_events", "regular_budget"), "Amount", "12,000 CHF")
    path = save(book, tmp_path)
    with pytest.raises(SystemExit) as exited:
        run("import", str(path))
    assert exited.value.code == 1


def test_export_refuses_an_unknown_cycle_and_a_file_that_is_not_xlsx(
    full_cycle: Cycle, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="no cycle 'NOPE'; cycles: FULL2028"):
        run("export", "--cycle", "NOPE", "-o", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError, match=r"an \.xlsx file"):
        run("export", "--cycle", "FULL2028", "-o", str(tmp_path / "x.csv"))


def test_the_installed_command_round_trips_and_reports_problems_on_stderr(
    run_goldenthread: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    assert run_goldenthread("migrate", "--verbosity", "0").returncode == 0
    assert run_goldenthread("load", str(FIXTURES / "full-plan.yaml")).returncode == 0
    path = tmp_path / "plan.xlsx"
    done = run_goldenthread("workbook", "export", "--cycle", "FULL2028", "-o", str(path))
    assert done.returncode == 0, done.stderr
    done = run_goldenthread("workbook", "import", str(path))
    assert (done.returncode, done.stdout) == (0, "No changes: plan.xlsx matches the plan FULL2028.\n")

    book = load_workbook(path)
    book["Risks"]["F3"] = "very"
    book.save(path)
    done = run_goldenthread("workbook", "import", str(path), "--dry-run")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        'Risks!F3 (likelihood): "very" is not a whole number',
        "plan.xlsx: 1 problem; nothing was imported",
    ]
