"""The financial plan and a funding scenario at scale, on a generated plan (L by default).

Generates the plan and loads it into a fresh SQLite database (each in its own process,
as ``goldenthread generate`` and ``goldenthread load`` run), then times, in one more
process, from the database each time:

- the financial plan: every cost carried to outputs and outcomes, and its tables by
  outcome, unit, category and funding source;
- a scenario: the plan's outputs with their costs, funded within envelopes where
  extrabudgetary income falls by 20 per cent (``--from-plan --scale-source
  extrabudgetary=0.8``).

Each is run ``--repeat`` times; the best and the median are printed, wall clock and CPU.
Prints a table; asserts nothing.

    python benchmarks/finance.py                     # L, seed 1, in a temporary directory
    python benchmarks/finance.py --scale S
    python benchmarks/finance.py --keep /tmp/gt-bench  # keep (and reuse) the plan and database
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from goldenthread.demo.generator import cycle_code

# The targets on a 2-core machine, in seconds.
TARGETS = {"financial plan": 5.0, "scenario": 2.0}


def _cpu() -> float:
    return time.process_time()


def measure(code: str, repeat: int) -> None:
    """Time the financial plan and a scenario in this process; print JSON figures."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    django.setup()
    from decimal import Decimal

    from goldenthread.finance import selectors
    from goldenthread.finance.costing import DIMENSIONS
    from goldenthread.plans.models import Cycle

    cycle = Cycle.objects.get(code=code)
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in TARGETS}
    facts: dict[str, object] = {}
    for _ in range(repeat):
        started, cpu = time.perf_counter(), _cpu()
        plan = selectors.financial_plan(cycle)
        tables = [plan.table(by) for by in DIMENSIONS]
        figures["financial plan"].append((time.perf_counter() - started, _cpu() - cpu))
        facts.update(total=str(plan.total), outcomes=len(tables[0].rows), cells=len(plan.cells))

        started, cpu = time.perf_counter(), _cpu()
        basis = selectors.scenario_basis(cycle)
        result = basis.run(basis.envelopes_from_plan({"extrabudgetary": Decimal("0.8")}))
        figures["scenario"].append((time.perf_counter() - started, _cpu() - cpu))
        facts.update(outputs=len(result.decisions), funded=len(result.funded),
                     unfunded=len(result.unfunded))
    print(json.dumps({"figures": figures, "facts": facts}))


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="L", choices=["S", "M", "L"])
    parser.add_argument("--seed", default="1", help="generator seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep the plan and its database in DIR, and reuse them next time")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options.measure, options.repeat)
        return

    code = cycle_code(options.scale, int(options.seed))
    command = [sys.executable, "-m", "goldenthread"]
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as tmp:
        work = Path(options.keep) if options.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "GOLDENTHREAD_DATA_DIR": str(work / "data")}
        env.pop("GOLDENTHREAD_DATABASE_URL", None)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        plan = work / f"plan-{options.scale}-{options.seed}.json"
        if not plan.exists():
            print(f"generating the {options.scale} plan…", file=sys.stderr)
            _run([*command, "generate", "--scale", options.scale, "--seed", options.seed,
                  "-o", str(plan)], env)
        marker = work / "data" / f"loaded-{code}"
        if not marker.exists():
            print(f"loading {plan.name}…", file=sys.stderr)
            _run([*command, "migrate", "-v", "0"], env)
            _run([*command, "load", str(plan), "--replace"], env)
            marker.write_text(plan.name, encoding="utf-8")
        else:
            _run([*command, "migrate", "-v", "0"], env)
        print("measuring…", file=sys.stderr)
        out = _run([sys.executable, __file__, "--measure", code, "--repeat",
                    str(options.repeat)], env)
    report = json.loads(out.strip().splitlines()[-1])
    facts = report["facts"]
    print(f"\n{code}: {facts['cells']:,} cost cells, {facts['outcomes']} outcome rows, "
          f"total {facts['total']}; scenario over {facts['outputs']:,} outputs: "
          f"{facts['funded']:,} funded, {facts['unfunded']:,} not")
    print(f"\n{'step':<16}{'best s':>8}{'median s':>10}{'CPU s':>8}  {'target':<8}  verdict")
    for name, runs in report["figures"].items():
        walls = [wall for wall, _ in runs]
        cpus = [cpu for _, cpu in runs]
        best, median, cpu = min(walls), statistics.median(walls), min(cpus)
        target = TARGETS[name] if options.scale == "L" else None
        verdict = "" if target is None else ("meets" if best <= target else "misses")
        shown = f"<= {target:g} s" if target is not None else ""
        print(f"{name:<16}{best:>8.2f}{median:>10.2f}{cpu:>8.2f}  {shown:<8}  {verdict}")
    print("\nEach run reads the plan from the database and computes from scratch. best/median:"
          " wall clock over the runs; CPU s: the best run's processor time, steadier than wall"
          " clock on a busy machine.")


if __name__ == "__main__":
    main()
