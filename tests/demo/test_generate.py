"""``goldenthread generate`` writes valid synthetic plans, the same for the same seed."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from goldenthread.core.audit import Actor
from goldenthread.demo.generator import SCALES
from goldenthread.finance.models import Allocation, CostLine
from goldenthread.indicators.models import Indicator
from goldenthread.interop.planfile import read_plan
from goldenthread.interop.services import plan_load
from goldenthread.org.models import Person
from goldenthread.plans.models import Link, Result
from goldenthread.risks.models import Risk

Run = Callable[..., subprocess.CompletedProcess[str]]


def _generate(run: Run, path: Path, *args: str) -> bytes:
    done = run("generate", "--scale", "S", *args, "-o", str(path))
    assert done.returncode == 0, done.stderr
    assert "5,000 results" in done.stdout
    return path.read_bytes()


def test_it_writes_the_same_bytes_for_the_same_seed(run_goldenthread: Run, tmp_path: Path) -> None:
    first = _generate(run_goldenthread, tmp_path / "one.json", "--seed", "7")
    second = _generate(run_goldenthread, tmp_path / "two.json", "--seed", "7")
    assert first == second


def test_it_writes_a_different_plan_for_another_seed(run_goldenthread: Run, tmp_path: Path) -> None:
    first = _generate(run_goldenthread, tmp_path / "one.json", "--seed", "7")
    other = _generate(run_goldenthread, tmp_path / "two.json", "--seed", "8")
    assert first != other


def test_it_writes_yaml_holding_the_same_plan(run_goldenthread: Run, tmp_path: Path) -> None:
    as_json = json.loads(_generate(run_goldenthread, tmp_path / "plan.json", "--seed", "3"))
    as_yaml = yaml.safe_load(_generate(run_goldenthread, tmp_path / "plan.yaml", "--seed", "3"))
    assert as_yaml == as_json


@pytest.mark.slow
@pytest.mark.django_db
def test_a_generated_s_plan_loads_cleanly_at_its_promised_size(
    run_goldenthread: Run, tmp_path: Path
) -> None:
    path = tmp_path / "s.json"
    _generate(run_goldenthread, path)
    cycle = plan_load(actor=Actor(label="test"), document=read_plan(path), source=path.name)
    size = SCALES["S"]
    assert Person.objects.filter(cycle=cycle).count() == size.staff == 800
    results = Result.objects.filter(cycle=cycle).count()
    assert results == size.results == 5000
    assert Indicator.objects.filter(cycle=cycle).count() == size.indicators == 3000
    assert Link.objects.filter(cycle=cycle).count() > results  # some serve several parents
    assert CostLine.objects.filter(result__cycle=cycle).exists()
    assert Allocation.objects.filter(result__cycle=cycle).exists()
    assert Risk.objects.filter(cycle=cycle).exists()
    depth = max(cycle.units.values_list("tier", flat=True))
    assert depth == 4  # organisation > sectors > departments > sections


def test_the_l_scale_is_un_system_sized() -> None:
    size = SCALES["L"]
    assert size.staff == 40_000
    assert size.results == 100_000
    assert size.indicators == 100_000
    assert size.actual_years == 4
