"""What the benchmarks share: a generated plan loaded into a database of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from goldenthread.demo.generator import cycle_code


def loaded_plan(scale: str, seed: str, keep: str | None) -> str:
    """Generate the plan of ``scale`` and load it into a SQLite database under ``keep``
    (reused when it is already there) or a new temporary folder; point this process's
    Django at it; return the cycle's code."""
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="goldenthread-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOLDENTHREAD_DATA_DIR": str(work / "data")}
    env.pop("GOLDENTHREAD_DATABASE_URL", None)
    command = [sys.executable, "-m", "goldenthread"]
    plan = work / f"plan-{scale}.json"
    marker = work / "data" / f"loaded-{scale}-{seed}"
    if not marker.exists():
        subprocess.run([*command, "generate", "--scale", scale, "--seed", seed, "-o", str(plan)],
                       env=env, check=True)
        subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run([*command, "load", str(plan), "--replace"], env=env, check=True)
        marker.touch()
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True)  # a kept database
    os.environ.update({"GOLDENTHREAD_DATA_DIR": env["GOLDENTHREAD_DATA_DIR"],
                       "DJANGO_SETTINGS_MODULE": "goldenthread.settings"})
    os.environ.pop("GOLDENTHREAD_DATABASE_URL", None)
    return cycle_code(scale, int(seed))
