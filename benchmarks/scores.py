"""Scores at scale: the pure roll-up over arrays, and ``goldenthread scores`` end to end.

Generates the L plan (100,000 results), loads it into a fresh SQLite database in a
temporary directory, then prints:

- the pure roll-up (``indicators.rollup.roll_up``) over the plan's arrays, beside a plain
  numpy weighted sum over the same arrays (``np.bincount`` of weight x score by result),
  best of several runs, in wall-clock and processor time; the target is at most 3 times
  the plain sum. It is timed twice: on the plan's scores, and with a third of them missing
  (no data), which the roll-up must leave out of sums and coverage;
- the one-off preparation of the cascade's arrays (``rollup.prepare``), for reference;
- ``goldenthread scores --format json`` end to end in its own process, Django's start-up
  included, the median of ``--runs`` runs, wall clock and the process's own processor
  time (user + system; steadier on a busy machine). Target: at most 10 s.

    python benchmarks/scores.py [--scale L] [--keep DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

from _plan import loaded_plan  # benchmarks/_plan.py, beside this script


def best_of(runs: int, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The best wall-clock and the best processor time of ``runs`` calls of ``fn``."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


def timed_process(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run ``command``: its wall-clock seconds, its own processor seconds, and the size of
    what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, len(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="L", choices=["S", "M", "L"])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--period", default="2029")
    parser.add_argument("--keep", help="a directory to keep the database in (reused when present)")
    parser.add_argument("--runs", type=int, default=3, help="runs of the command end to end")
    args = parser.parse_args()

    cycle = loaded_plan(args.scale, args.seed, args.keep)
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

    plain_s = best_of(50, plain)
    rollup_s = best_of(50, lambda: rollup.roll_up(graph, scores))
    holes = scores.copy()
    holes[np.random.default_rng(1).random(len(holes)) < 1 / 3] = np.nan
    holes_s = best_of(50, lambda: rollup.roll_up(graph, holes))
    prepare_s = best_of(3, lambda: rollup.prepare(
        graph.n, np.zeros(graph.n, dtype=np.int64),
        graph.item_parent[graph.indicator_pos], graph.item_weight[graph.indicator_pos],
        graph.item_child[graph.item_child >= 0], graph.item_parent[graph.item_child >= 0],
        graph.item_weight[graph.item_child >= 0],
    ))

    command = [sys.executable, "-m", "goldenthread", "scores", "--cycle", cycle, "--period", args.period,
               "--format", "json"]
    runs = [timed_process(command, dict(os.environ)) for _ in range(args.runs)]
    end_wall = statistics.median(r[0] for r in runs)
    end_cpu = statistics.median(r[1] for r in runs)

    print()
    print(f"{args.scale}: {graph.n:,} results, {len(board.indicators):,} scored indicators, "
          f"{len(graph.item_parent):,} items, {len(graph.layers)} heights")
    print(f"{'what':<40}{'wall s':>10}{'CPU s':>10}  target")
    print(f"{'plain numpy weighted sum':<40}{plain_s[0]:>10.4f}{plain_s[1]:>10.4f}")
    for name, (wall, cpu) in (("roll-up over arrays", rollup_s), ("roll-up, a third without data", holes_s)):
        print(f"{name:<40}{wall:>10.4f}{cpu:>10.4f}  <= 3 x plain "
              f"({wall / plain_s[0]:.1f} x wall, {cpu / plain_s[1]:.1f} x CPU)")
    print(f"{'preparing the arrays (once)':<40}{prepare_s[0]:>10.4f}{prepare_s[1]:>10.4f}")
    print(f"{'goldenthread scores, end to end':<40}{end_wall:>10.2f}{end_cpu:>10.2f}  <= 10 s "
          f"(median of {len(runs)}; {runs[0][2] / 1e6:.1f} MB of JSON)")


if __name__ == "__main__":
    main()
