"""``goldenthread load`` and ``goldenthread dump`` as a user runs them.

In-process runs go through ``call_command`` (Django's ``run_from_argv`` closes the
database connections, which would end a PostgreSQL test's transaction); one test runs
the real command in a subprocess, exit codes and all.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command

from goldenthread.plans.models import Cycle
from tests.interop.helpers import FIXTURES, full_plan, nothing_written, table_counts

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    """Run a command in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_load_prints_a_summary_and_dump_writes_the_plan_back(tmp_path: Path) -> None:
    code, out, _ = run("load", str(FIXTURES / "full-plan.yaml"))
    assert code == 0
    assert "Loaded FULL2028 (Full test plan 2028-2031) from full-plan.yaml" in out
    assert "5 results" in out and "3 actuals" in out

    code, out, _ = run("dump", "--cycle", "FULL2028")
    assert code == 0 and json.loads(out) == full_plan()

    target = tmp_path / "plan.yaml"
    assert run("dump", "--cycle", "FULL2028", "-o", str(target))[0] == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == full_plan()
    code, out, _ = run("dump", "--cycle", "FULL2028", "--format", "yaml")
    assert code == 0 and yaml.safe_load(out) == full_plan()


def test_load_lists_every_error_on_stderr_prefixed_by_the_file_and_exits_non_zero(
    tmp_path: Path,
) -> None:
    plan = full_plan()
    plan["results"][3]["parents"][0]["code"] = "O9.9"
    plan["allocations"][0]["share"] = 1.5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(plan), encoding="utf-8")

    code, _, err = run("load", str(path))
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "bad.json: results[3].parents[0].code: no result 'O9.9' in this file"
    assert lines[1].startswith("bad.json: allocations[0].share: 1.5 is above 1")
    assert lines[2] == "bad.json: 2 errors; nothing was loaded"
    assert table_counts() == nothing_written()


def test_load_reports_broken_yaml_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: goldenthread-plan/1\ncycle: [\n", encoding="utf-8")
    code, _, err = run("load", str(path))
    assert code == 1
    assert err.startswith("broken.yaml: line 3, column 1: broken YAML: ")


def test_load_refuses_an_existing_cycle_unless_told_to_replace() -> None:
    path = str(FIXTURES / "full-plan.json")
    assert run("load", path)[0] == 0
    code, _, err = run("load", path)
    assert code == 1 and "already exists; load with --replace" in err
    code, out, _err = run("load", "--replace", path)
    assert code == 0 and "Kept 0 role(s) and 0 account tie(s)." in out
    assert Cycle.objects.count() == 1


def test_dump_of_an_unknown_cycle_fails_and_names_the_cycles() -> None:
    assert run("load", str(FIXTURES / "design-sample.yaml"))[0] == 0
    with pytest.raises(CommandError, match="no cycle 'NOPE'; cycles: SP2028"):
        call_command("dump", "--cycle", "NOPE")


def test_the_installed_command_loads_dumps_and_exits_non_zero_on_errors(
    run_goldenthread: Callable[..., Any], tmp_path: Path
) -> None:
    assert run_goldenthread("migrate", "-v0").returncode == 0
    loaded = run_goldenthread("load", str(FIXTURES / "full-plan.yaml"))
    assert loaded.returncode == 0, loaded.stderr
    dumped = run_goldenthread("dump", "--cycle", "FULL2028")
    assert dumped.returncode == 0 and json.loads(dumped.stdout) == full_plan()
    again = run_goldenthread("load", str(FIXTURES / "full-plan.yaml"))
    assert again.returncode == 1
    assert again.stderr.startswith("full-plan.yaml: cycle.code: a cycle 'FULL2028' already exists")
    missing = run_goldenthread("dump", "--cycle", "NOPE")
    assert missing.returncode != 0
