"""``goldenthread load`` and ``goldenthread dump`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from goldenthread.cli import main
from goldenthread.plans.models import Cycle
from tests.interop.helpers import FIXTURES, full_plan, nothing_written, table_counts

pytestmark = pytest.mark.django_db


def test_load_prints_a_summary_and_dump_writes_the_plan_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["load", str(FIXTURES / "full-plan.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Loaded FULL2028 (Full test plan 2028-2031) from full-plan.yaml" in out
    assert "5 results" in out and "3 actuals" in out

    assert main(["dump", "--cycle", "FULL2028"]) == 0
    assert json.loads(capsys.readouterr().out) == full_plan()

    target = tmp_path / "plan.yaml"
    assert main(["dump", "--cycle", "FULL2028", "-o", str(target)]) == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == full_plan()
    assert main(["dump", "--cycle", "FULL2028", "--format", "yaml"]) == 0
    assert yaml.safe_load(capsys.readouterr().out) == full_plan()


def test_load_lists_every_error_on_stderr_prefixed_by_the_file_and_exits_non_zero(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = full_plan()
    plan["results"][3]["parents"][0]["code"] = "O9.9"
    plan["allocations"][0]["share"] = 1.5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(plan), encoding="utf-8")

    assert main(["load", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "bad.json: results[3].parents[0].code: no result 'O9.9' in this file"
    assert lines[1].startswith("bad.json: allocations[0].share: 1.5 is above 1")
    assert lines[2] == "bad.json: 2 errors; nothing was loaded"
    assert table_counts() == nothing_written()


def test_load_reports_broken_yaml_with_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: goldenthread-plan/1\ncycle: [\n", encoding="utf-8")
    assert main(["load", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("broken.yaml: line 3, column 1: broken YAML: ")


def test_load_refuses_an_existing_cycle_unless_told_to_replace(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(FIXTURES / "full-plan.json")
    assert main(["load", path]) == 0
    assert main(["load", path]) == 1
    assert "already exists; load with --replace" in capsys.readouterr().err
    assert main(["load", "--replace", path]) == 0
    assert Cycle.objects.count() == 1


def test_dump_of_an_unknown_cycle_fails_and_names_the_cycles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["load", str(FIXTURES / "design-sample.yaml")]) == 0
    assert main(["dump", "--cycle", "NOPE"]) == 1
    assert "no cycle 'NOPE'; cycles: SP2028" in capsys.readouterr().err
