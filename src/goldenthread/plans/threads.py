"""The thread a unit's or a person's work serves, for the unit page and "My thread".

A *thread board* starts from some results (a unit's own, or a person's work plan: the
results they own and the activities they give time to) and climbs the cascade to the
goals, level by level, each result with its score and status for a period. Reads are
in bulk: the links once, the results on the board once, and the cycle's scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from goldenthread.core import permissions
from goldenthread.core.periods import Period
from goldenthread.indicators import selectors as indicators
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.plans.selectors import STATUSES, unit_subtree, with_ancestors

UnitRows = dict[int, tuple[int | None, str, str, int]]


@dataclass
class ThreadCard:
    """A result on a thread board."""

    id: int
    code: str
    title: str
    unit_code: str
    status: str
    score: float | None
    coverage: float
    likely_to_miss: bool
    own: bool  # one of the starting results (the unit's or the person's own work)
    restricted: bool  # of a unit the viewer may not see: shown by code and unit only
    share: Decimal | None = None  # the person's share of a year on it, for a work plan
    # of a unit the viewer may not see, but served by the board's own work: the thread is
    # shown whole (title, status, score), its page stays closed
    served: bool = False


@dataclass
class ThreadRow:
    """The cards of one framework level, top level first."""

    level_id: int
    name: str
    kind: str
    cards: list[ThreadCard]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [(s, sum(1 for c in self.cards if c.status == s)) for s in STATUSES]


@dataclass
class ThreadBoard:
    rows: list[ThreadRow]
    links: list[tuple[int, int]]  # (child, parent) between cards on the board
    scores: Mapping[int, Any]  # result id -> indicators.selectors.ResultScore, the whole cycle

    @property
    def size(self) -> int:
        return sum(len(r.cards) for r in self.rows)

    @property
    def own(self) -> list[ThreadCard]:
        return [c for r in self.rows for c in r.cards if c.own]

    @property
    def own_counts(self) -> list[tuple[str, int]]:
        own = self.own
        return [(s, sum(1 for c in own if c.status == s)) for s in STATUSES]

    @property
    def goals(self) -> list[ThreadCard]:
        """The cards of the top row the work reaches: what it serves in the end."""
        return self.rows[0].cards if self.rows else []


def cycle_links(cycle: Cycle) -> list[tuple[int, int]]:
    return list(Link.objects.filter(cycle=cycle).values_list("child_id", "parent_id"))


def thread_board(
    cycle: Cycle, own: Collection[int], period: Period, user: Any,
    shares: dict[int, Decimal] | None = None, links: list[tuple[int, int]] | None = None,
) -> ThreadBoard:
    """The board of ``own`` results and everything above them, scored for ``period``.

    A goal's score depends on the whole plan below it, so the board reads the whole
    cycle's scores (``indicators.selectors.cycle_scores``, kept until the next write)."""
    links = cycle_links(cycle) if links is None else links
    shown = with_ancestors(set(own), links)
    scores = indicators.cycle_scores(cycle, period)
    visible = None if permissions.is_unrestricted(user) else permissions.unit_ids(user, cycle)
    unit_code = dict(Result.objects.filter(pk__in=shown).values_list("id", "unit__code"))
    levels = {lv.pk: lv for lv in Level.objects.filter(cycle=cycle)}
    by_level: dict[int, list[ThreadCard]] = defaultdict(list)
    own_set = set(own)
    for pk in sorted(shown, key=lambda pk: scores[pk].code):
        r = scores[pk]
        hidden = visible is not None and r.unit_id not in visible
        # Everything on a board but its own results is what they serve: a person sees what
        # their work serves, in any unit (docs/permissions.md), though not its page.
        served = hidden and pk not in own_set
        closed = hidden and not served
        by_level[r.level_id].append(ThreadCard(
            id=r.id, code=r.code, title="" if closed else r.title, unit_code=unit_code.get(pk, ""),
            status=r.status, score=None if closed else r.score, coverage=r.coverage,
            likely_to_miss=r.likely_to_miss and not closed, own=pk in own_set, restricted=hidden,
            share=(shares or {}).get(pk), served=served,
        ))
    ordered = sorted(by_level, key=lambda lv: levels[lv].rank)
    return ThreadBoard(
        rows=[ThreadRow(lv, levels[lv].name, levels[lv].kind, by_level[lv]) for lv in ordered],
        links=[(c, p) for c, p in links if c in shown and p in shown],
        scores=scores,
    )


# --- A person's work plan ---------------------------------------------------------------


@dataclass
class WorkPlan:
    person: Person
    owned: list[int]  # results the person owns (their e-PMDS objectives)
    shares: dict[int, Decimal]  # result id -> share of a year given to it (the year asked)
    year: int
    indicators: int  # indicators the person is responsible for
    allocated: Decimal  # the year's allocations, in FTE
    by_year: list[tuple[int, Decimal]] = field(default_factory=list)

    @property
    def work(self) -> list[int]:
        return sorted({*self.owned, *self.shares})

    @property
    def over_allocated(self) -> bool:
        return self.allocated > self.person.capacity


def person_of(user: Any, cycle: Cycle) -> Person | None:
    """The person ``user`` is in ``cycle``, if their account is tied to one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(cycle=cycle, user=user).select_related("unit", "grade").first()


def work_plan(person: Person, year: int) -> WorkPlan:
    from goldenthread.finance.models import Allocation
    from goldenthread.indicators.models import Indicator

    owned = list(Result.objects.filter(person=person).values_list("id", flat=True))
    per_year = {y: total for y, total in Allocation.objects.filter(person=person).values("year")
                .annotate(total=Sum("share")).order_by("year").values_list("year", "total")}
    shares = {pk: share for pk, share in Allocation.objects.filter(person=person, year=year)
              .values_list("result_id", "share")}
    return WorkPlan(
        person=person, owned=owned, shares=shares, year=year,
        indicators=Indicator.objects.filter(responsible=person).count(),
        allocated=per_year.get(year, Decimal(0)), by_year=sorted(per_year.items()),
    )


# --- A unit ------------------------------------------------------------------------------


@dataclass
class SubUnit:
    id: int
    code: str
    name: str
    tier: int
    results: int
    counts: list[tuple[str, int]]
    score: float | None  # the mean score of its subtree's scored results


@dataclass
class UnitView:
    unit: OrgUnit
    path: list[tuple[str, str]]  # (code, name) of the units above, top first
    own: list[int]  # the unit's own results (not its people's work plans)
    subtree: set[int]  # every result of the unit and the units below, people included
    people: list[Person]


def unit_view(cycle: Cycle, unit: OrgUnit, units: UnitRows) -> UnitView:
    """What the unit page needs besides scores. Three queries."""
    path: list[tuple[str, str]] = []
    parent = units[unit.pk][0]
    while parent is not None and parent in units:
        p_parent, code, name, _tier = units[parent]
        path.append((code, name))
        parent = p_parent
    below = unit_subtree(units, unit.pk)
    rows = list(Result.objects.filter(cycle=cycle, unit_id__in=below)
                .values_list("id", "unit_id", "person_id"))
    return UnitView(
        unit=unit, path=path[::-1],
        own=[pk for pk, unit_id, person in rows if unit_id == unit.pk and person is None],
        subtree={pk for pk, _u, _p in rows},
        people=list(Person.objects.filter(unit=unit).select_related("grade").order_by("name")),
    )


def sub_units(
    units: UnitRows, unit_id: int, scores: Mapping[int, Any], visible: frozenset[int] | None
) -> list[SubUnit]:
    """The units just below ``unit_id`` with the statuses of everything in their subtree."""
    children = [pk for pk, (parent, *_r) in units.items() if parent == unit_id
                and (visible is None or pk in visible)]
    by_unit: dict[int, list[Any]] = defaultdict(list)
    for r in scores.values():
        by_unit[r.unit_id].append(r)
    out = []
    for pk in sorted(children, key=lambda pk: units[pk][1]):
        scored = [r for unit in unit_subtree(units, pk) for r in by_unit.get(unit, ())]
        numbers = [r.score for r in scored if r.score is not None]
        out.append(SubUnit(
            id=pk, code=units[pk][1], name=units[pk][2], tier=units[pk][3], results=len(scored),
            counts=[(s, sum(1 for r in scored if r.status == s)) for s in STATUSES],
            score=sum(numbers) / len(numbers) if numbers else None,
        ))
    return out
