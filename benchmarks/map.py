"""The strategy map at scale: one unit's map on the L plan, served by Django.

Uses the L plan's database that ``benchmarks/scores.py`` builds (generated and loaded once
into ``--keep DIR``, reused when present), picks the unit whose subtree holds the number of
results closest to ``--results`` (500), signs in a planner of the whole organisation and
asks for ``/cycles/CODE/map/?unit=ID`` through Django's test client several times. Prints
the map's size, the median and 95th percentile of the wall-clock time and of the processor
time per request (target: under 300 ms), and the number of queries of one request.

Then the first map after a write, ``--writes`` times: an approved actual of an indicator of
the unit is changed (through ``indicators.services.actual_set``, audited like any write), and
the next request timed (the kept scores of the cycle are brought up to date). Once, the first
map after a write to the plan's shape (a link's weight): the cycle's results, links and
indicators read again, and the indicators' kept scores rolled up over them.

    python benchmarks/map.py [--keep DIR] [--runs 20] [--writes 7] [--results 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict

from _plan import loaded_plan  # benchmarks/_plan.py, beside this script


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="L", choices=["S", "M", "L"])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--results", type=int, default=500, help="the map's size to aim at")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--writes", type=int, default=7, help="writes, each followed by a timed map")
    parser.add_argument("--keep", help="a directory to keep the database in (reused when present)")
    parser.add_argument("--profile", action="store_true", help="print where one request spends its time")
    args = parser.parse_args()

    cycle = loaded_plan(args.scale, args.seed, args.keep)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from goldenthread.core.audit import Actor
    from goldenthread.org.models import OrgUnit, RoleAssignment
    from goldenthread.org.services import role_grant
    from goldenthread.plans.models import Cycle, Result

    the_cycle = Cycle.objects.get(code=cycle)
    parent_of = dict(OrgUnit.objects.filter(cycle=the_cycle).values_list("id", "parent_id"))
    below: dict[int, int] = defaultdict(int)  # results in each unit's subtree
    for unit_id, count in (Result.objects.filter(cycle=the_cycle).values("unit_id")
                           .annotate(n=Count("id")).values_list("unit_id", "n")):
        node: int | None = unit_id
        while node is not None:
            below[node] += count
            node = parent_of.get(node)
    unit_id = min(below, key=lambda u: (abs(below[u] - args.results), u))
    unit = OrgUnit.objects.get(pk=unit_id)
    top = OrgUnit.objects.get(cycle=the_cycle, parent__isnull=True)

    planner, _ = get_user_model().objects.get_or_create(username="benchmark-planner")
    if not RoleAssignment.objects.filter(user=planner, unit=top, role="planner").exists():
        role_grant(actor=Actor(label="benchmarks/map.py"), user=planner, unit=top, role="planner")
    client = Client(HTTP_HOST="localhost")
    client.force_login(planner)
    url = f"/cycles/{cycle}/map/?unit={unit.pk}"

    sql: list[tuple[float, str]] = []

    def count(execute, query, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append((time.perf_counter() - started, query))

    wall, cpu = time.perf_counter(), time.process_time()
    first = client.get(url)  # the whole cycle's scores for the context cards are kept from here on
    with connection.execute_wrapper(count):
        client.get(url)
    cold, cold_cpu = time.perf_counter() - wall, time.process_time() - cpu
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}")
    html = first.content.decode()
    cards = html.count('class="mcard ')
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
        assert response.status_code == 200

    # The first map after a write of an actual: the kept scores brought up to date.
    from decimal import Decimal

    from goldenthread.indicators.choices import ActualStatus
    from goldenthread.indicators.models import Actual
    from goldenthread.indicators.services import actual_set
    from goldenthread.plans.models import Link
    from goldenthread.plans.selectors import unit_subtree

    actor = Actor(label="benchmarks/map.py")
    units = dict(OrgUnit.objects.filter(cycle=the_cycle).values_list("id", "parent_id"))
    subtree = unit_subtree({pk: (parent, "", "", 0) for pk, parent in units.items()}, unit.pk)
    written = list(Actual.objects.filter(
        indicator__result__unit_id__in=subtree, indicator__computation="", status=ActualStatus.APPROVED,
        value__isnull=False,
    ).select_related("indicator").order_by("id")[:args.writes])
    after_walls, after_cpus = [], []
    for actual in written:
        actual_set(actor=actor, indicator=actual.indicator, period=actual.period,
                   value=actual.value + Decimal(1), status=ActualStatus.APPROVED)
        wall, cpu = time.perf_counter(), time.process_time()
        assert client.get(url).status_code == 200
        after_cpus.append(time.process_time() - cpu)
        after_walls.append(time.perf_counter() - wall)
    link = Link.objects.filter(cycle=the_cycle).order_by("id").first()
    assert link is not None
    from goldenthread.plans.services import link_update

    link_update(actor=actor, link=link, weight=link.weight + (1 if link.weight < 5 else -1))
    wall, cpu = time.perf_counter(), time.process_time()
    assert client.get(url).status_code == 200
    shape_wall, shape_cpu = time.perf_counter() - wall, time.process_time() - cpu

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, url)
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))
        stats.print_stats(30)
        if os.environ.get("CALLERS"):
            stats.print_callers(os.environ["CALLERS"])
        for seconds, query in sql:  # the queries' own time (the second request's)
            print(f"{seconds * 1e3:8.1f} ms  {query[:120]}")
    print()
    print(f"{args.scale}: unit {unit.code} ({unit.name}), {below[unit_id]:,} results in its subtree; "
          f"the map draws {cards} cards ({len(html) / 1e3:,.0f} kB of HTML)")
    print(f"{'what':<30}{'median ms':>10}{'p95 ms':>10}  target")
    print(f"{'map page, wall clock':<30}{statistics.median(walls) * 1e3:>10.0f}"
          f"{percentile(walls, 0.95) * 1e3:>10.0f}  < 300 ms")
    print(f"{'map page, processor':<30}{statistics.median(cpus) * 1e3:>10.0f}"
          f"{percentile(cpus, 0.95) * 1e3:>10.0f}")
    if written:
        print(f"{'first map after an actual':<30}{statistics.median(after_walls) * 1e3:>10.0f}"
              f"{percentile(after_walls, 0.95) * 1e3:>10.0f}  < 300 ms (wall; {len(written)} writes)")
        print(f"{'  the same, processor':<30}{statistics.median(after_cpus) * 1e3:>10.0f}"
              f"{percentile(after_cpus, 0.95) * 1e3:>10.0f}")
    print(f"queries per request: {len(sql)}. The first request of the process scores the whole "
          f"cycle once for the context cards ({cold * 1e3:,.0f} ms wall, {cold_cpu * 1e3:,.0f} ms CPU). "
          f"The first after a write to the plan's shape reads the cycle's results, links and "
          f"indicators again, not their values ({shape_wall * 1e3:,.0f} ms wall, "
          f"{shape_cpu * 1e3:,.0f} ms CPU)")


if __name__ == "__main__":
    main()
