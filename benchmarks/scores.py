"""Scores at scale: the pure roll-up over arrays, and ``goldenthread scores`` end to end.

Generates the L plan (100,000 results), loads it into a fresh SQLite database in a
temporary directory, then prints:

- the pure roll-up (``indicators.rollup.roll_up``) over the plan's arrays, beside a plain
  numpy weighted sum over the same arrays (``np.bincount`` of weight x score by result),
  best of several runs; the target is at most 3 times the plain sum;
- the one-off preparation of the cascade's arrays (``rollup.prepare``), for reference;
- ``goldenthread scores --format json`` end to end in its own process (target <= 10 s).

    python benchmarks/scores.py [--scale L] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from goldenthread.demo.generator import cycle_code


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="L", choices=["S", "M", "L"])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--period", default="2029")
    parser.add_argument("--keep", help="a directory to keep the database in (reused when present)")
    args = parser.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="goldenthread-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOLDENTHREAD_DATA_DIR": str(work / "data")}
    env.pop("GOLDENTHREAD_DATABASE_URL", None)
    command = [sys.executable, "-m", "goldenthread"]
    cycle = cycle_code(args.scale, int(args.seed))
    plan = work / f"plan-{args.scale}.json"
    if not (work / "data" / "loaded").exists():
        subprocess.run([*command, "generate", "--scale", args.scale, "--seed", args.seed, "-o", str(plan)],
                       env=env, check=True)
        subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True)
        subprocess.run([*command, "load", str(plan), "--replace"], env=env, check=True)
        (work / "data" / "loaded").touch()

    os.environ.update({"GOLDENTHREAD_DATA_DIR": env["GOLDENTHREAD_DATA_DIR"],
                       "DJANGO_SETTINGS_MODULE": "goldenthread.settings"})
    os.environ.pop("GOLDENTHREAD_DATABASE_URL", None)
    import django

    django.setup()
    import numpy as np

    from goldenthread.core.periods import Period
    from goldenthread.indicators import rollup
    from goldenthread.indicators.selectors import scoreboard
    from goldenthread.plans.models import Cycle

    board = scoreboard(Cycle.objects.get(code=cycle), Period.parse(args.period))
    graph = board.graph
    scores = np.array([np.nan if i.score is None else i.score for i in board.indicators.values()])
    # The plain sum: every item's weight x score added up by the result it feeds.
    item_scores = np.nan_to_num(
        np.where(graph.item_indicator >= 0, scores[np.maximum(graph.item_indicator, 0)], 50.0)
    )

    def plain() -> None:
        np.bincount(graph.item_parent, weights=graph.item_weight * item_scores, minlength=graph.n)

    plain_s = best_of(20, plain)
    rollup_s = best_of(20, lambda: rollup.roll_up(graph, scores))
    prepare_s = best_of(3, lambda: rollup.prepare(
        graph.n, np.zeros(graph.n, dtype=np.int64),
        graph.item_parent[graph.indicator_pos], graph.item_weight[graph.indicator_pos],
        graph.item_child[graph.item_child >= 0], graph.item_parent[graph.item_child >= 0],
        graph.item_weight[graph.item_child >= 0],
    ))

    started = time.perf_counter()
    out = subprocess.run([*command, "scores", "--cycle", cycle, "--period", args.period, "--format", "json"],
                         env=env, check=True, stdout=subprocess.PIPE)
    end_to_end = time.perf_counter() - started

    print()
    print(f"{args.scale}: {graph.n:,} results, {len(board.indicators):,} scored indicators, "
          f"{len(graph.item_parent):,} items, {len(graph.layers)} heights")
    print(f"{'what':<34}{'seconds':>10}  target")
    print(f"{'plain numpy weighted sum':<34}{plain_s:>10.4f}")
    print(f"{'roll-up over arrays':<34}{rollup_s:>10.4f}  <= 3 x plain ({rollup_s / plain_s:.1f} x)")
    print(f"{'preparing the arrays (once)':<34}{prepare_s:>10.4f}")
    print(f"{'goldenthread scores, end to end':<34}{end_to_end:>10.2f}  <= 10 s "
          f"({len(out.stdout) / 1e6:.1f} MB of JSON)")


if __name__ == "__main__":
    main()
