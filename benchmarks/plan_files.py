"""Plan files at scale: generate, load and dump synthetic S and L plans.

Each step runs in its own process, as a user would run ``goldenthread generate``,
``goldenthread load`` and ``goldenthread dump``, so each step's peak memory
(maximum resident set size) is its own. Loads go into a fresh SQLite database
in a temporary directory and, when ``GOLDENTHREAD_DATABASE_URL`` names a
PostgreSQL database, into that database too. Prints a table; asserts nothing.

    python benchmarks/plan_files.py                # S and L
    python benchmarks/plan_files.py --scales S     # just S
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from goldenthread.demo.generator import cycle_code

# The targets on a 2-core machine, printed beside the figures.
TARGETS = {("L", "load"): "<= 60 s", ("L", "dump"): "<= 30 s"}
PEAK_TARGET_MB = 2048


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def step(name: str, args: list[str]) -> None:
    """Run one step in this process and print its seconds and peak memory as JSON."""
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
    django.setup()
    if name == "generate":
        scale, seed, path = args
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        call_command("generate", "--scale", scale, "--seed", seed, "-o", path, verbosity=0)
    elif name == "load":
        (path,) = args
        call_command("migrate", interactive=False, verbosity=0)
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        call_command("load", path, "--replace", verbosity=0)
    elif name == "dump":
        cycle, path = args
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        call_command("dump", "--cycle", cycle, "-o", path, verbosity=0)
    else:
        raise SystemExit(f"unknown step {name}")
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb()}))


def _run_step(name: str, args: list[str], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, *args],
        env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"step {name} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", nargs="+", default=["S", "L"], choices=["S", "M", "L"])
    parser.add_argument("--seed", default="1", help="generator seed (default 1)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        step(options.step, options.args)
        return

    database_url = os.environ.get("GOLDENTHREAD_DATABASE_URL", "")
    backends = ["sqlite"] + (["postgresql"] if database_url.startswith("postgres") else [])
    rows: list[tuple[str, str, str, dict[str, float], str]] = []
    with tempfile.TemporaryDirectory(prefix="goldenthread-bench-") as tmp:
        for scale in options.scales:
            plan = Path(tmp) / f"plan-{scale}.json"
            env = {**os.environ, "GOLDENTHREAD_DATA_DIR": str(Path(tmp) / "generate")}
            env.pop("GOLDENTHREAD_DATABASE_URL", None)
            figures = _run_step("generate", [scale, options.seed, str(plan)], env)
            size = f"{plan.stat().st_size / 1e6:.0f} MB"
            rows.append((scale, "generate", "-", figures, size))
            code = cycle_code(scale, int(options.seed))
            for backend in backends:
                env = {**os.environ, "GOLDENTHREAD_DATA_DIR": str(Path(tmp) / f"{scale}-{backend}")}
                if backend == "sqlite":
                    env.pop("GOLDENTHREAD_DATABASE_URL", None)
                rows.append((scale, "load", backend, _run_step("load", [str(plan)], env), ""))
                out = Path(tmp) / f"dump-{scale}-{backend}.json"
                figures = _run_step("dump", [code, str(out)], env)
                rows.append((scale, "dump", backend, figures, f"{out.stat().st_size / 1e6:.0f} MB"))
                print(f"  {scale} {backend}: done", file=sys.stderr)
    print()
    print(f"{'scale':<6}{'step':<10}{'database':<12}{'seconds':>9}  {'target':<9}"
          f"{'CPU s':>7}{'peak MB':>9}  {'target':<10}{'file':>8}")
    for scale, name, backend, figures, size in rows:
        target = TARGETS.get((scale, name), "")
        peak_target = f"< {PEAK_TARGET_MB}" if scale == "L" else ""
        print(f"{scale:<6}{name:<10}{backend:<12}{figures['seconds']:>9.1f}  {target:<9}"
              f"{figures['cpu']:>7.1f}{figures['peak_mb']:>9.0f}  {peak_target:<10}{size:>8}")
    print("\nseconds: wall clock; CPU s: this step's own processor time (user + system),"
          " which is steadier than wall clock on a busy machine.")


if __name__ == "__main__":
    main()
