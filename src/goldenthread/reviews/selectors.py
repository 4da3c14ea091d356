"""Reads of reviews and lessons, and the snapshot a review freezes.

The snapshot (``review_snapshot``) is read in a fixed number of bulk queries whatever the
size of the unit: the unit tree, the unit's results, the links (for the thread), the
scores (the roll-up's queries), the indicators' own figures come with the scores, red
risks, the two queries of budget execution, and the overdue reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from goldenthread.core import permissions
from goldenthread.core.periods import Period
from goldenthread.core.permissions import Action
from goldenthread.finance.execution import Execution, ExecutionLine
from goldenthread.finance.selectors import budget_execution, quarter_end
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.scoring import is_flow
from goldenthread.indicators.selectors import scoreboard
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.reviews.models import Decision, FollowUp, Lesson, Review, ReviewNote
from goldenthread.risks.selectors import escalated_risks, escalation_of, exposure, red_risks

SNAPSHOT_VERSION = 3
STATUSES = ("on_track", "at_risk", "off_track", "no_data")


# ------------------------------------------------------------------ units of a review


def unit_tree(cycle: Cycle) -> dict[int, tuple[int | None, str, str]]:
    """Every unit of the cycle: id -> (parent id, code, name). One query."""
    return {
        pk: (parent, code, name)
        for pk, parent, code, name in OrgUnit.objects.filter(cycle=cycle).order_by()
        .values_list("id", "parent_id", "code", "name")
    }


def subtree(tree: dict[int, tuple[int | None, str, str]], root: int) -> set[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, (parent, _, _) in tree.items():
        children[parent].append(pk)
    found, stack = {root}, [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def may_see(user: Any, review: Review, tree: dict[int, tuple[int | None, str, str]]) -> bool:
    """A review covers its unit and every unit below it: a user sees it when they see every
    one of those units (seeing the unit alone, as staff below it do, is not enough)."""
    if permissions.is_unrestricted(user):
        return True
    seen = permissions.unit_ids(user, review.cycle_id, Action.VIEW)
    return subtree(tree, review.unit_id) <= seen


def may_hold(user: Any, unit: OrgUnit) -> bool:
    """Planners and approvers of a unit hold its reviews (create, freeze, note, propose)."""
    return permissions.can(user, Action.PLAN, unit) or permissions.can(user, Action.APPROVE, unit)


def may_record_lesson(user: Any, unit: OrgUnit) -> bool:
    """A lesson of a unit is recorded by whoever holds a role there beyond viewing (a
    reporter, approver, planner, finance officer, risk officer or administrator). Reviews
    have no participants of their own: those who hold them are its planners and approvers."""
    return any(permissions.can(user, action, unit) for action in Action if action != Action.VIEW)


def visible_reviews(cycle: Cycle, user: Any) -> list[Review]:
    """The reviews of ``cycle`` that ``user`` sees, newest period first, with their counts.
    Three queries (the unit tree, the reviews with their counts)."""
    from django.db.models import Count

    tree = unit_tree(cycle)
    reviews = (
        Review.objects.visible_to(user).filter(cycle=cycle).select_related("unit")
        .annotate(
            decision_count=Count("decisions", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("-year", "-quarter", "unit__tier", "unit__code")
    )
    return [r for r in reviews if may_see(user, r, tree)]


# ------------------------------------------------------------------ the snapshot


def _money(value: Decimal) -> str:
    return str(value)


def _line(item: ExecutionLine) -> dict[str, Any]:
    return {
        "key": item.key, "label": item.label, "planned": _money(item.planned),
        "spent": _money(item.spent), "expected": _money(item.expected), "rate": item.rate,
        "pace": item.pace, "burn_rate": _money(item.burn_rate), "projected": _money(item.projected),
    }


def _execution(ex: Execution, currency: str) -> dict[str, Any]:
    return {
        "year": ex.year, "quarter": ex.quarter, "currency": currency, "total": _line(ex.total),
        "by_output": [_line(x) for x in ex.by_output],
        "by_unit": [_line(x) for x in ex.by_unit],
        "by_category": [_line(x) for x in ex.by_category],
    }


def _overdue(cycle: Cycle, unit_ids: Iterable[int], on: dt.date) -> list[dict[str, Any]] | None:
    """The overdue reports of the units on ``on``; None when reporting is not installed."""
    try:
        from goldenthread.reporting.selectors import overdue_reports
    except ImportError:
        return None
    rows = overdue_reports(cycle, list(unit_ids), on)
    return [
        {
            "indicator": r.indicator_code, "name": r.indicator_name, "result": r.result_code,
            "person": r.person_name, "period": str(Period(r.year, r.quarter)),
            "due": r.due.isoformat(), "days_overdue": r.days_overdue, "status": r.status,
        }
        for r in rows
    ]


_RESULT_FIELDS = ("id", "code", "title", "unit_id", "priority", "status", "level__name",
                  "level__kind", "level__rank")


def _thread(cycle: Cycle, own: set[int]) -> set[int]:
    """The results the ``own`` results serve, through the links upward (one query)."""
    parents: dict[int, list[int]] = defaultdict(list)
    for child, parent in Link.objects.filter(cycle=cycle).order_by().values_list("child_id", "parent_id"):
        parents[child].append(parent)
    found: set[int] = set()
    stack = list(own)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in found and parent not in own:
                found.add(parent)
                stack.append(parent)
    return found


def review_snapshot(
    cycle: Cycle, unit: OrgUnit, period: Period, user: Any = None, now: dt.datetime | None = None
) -> dict[str, Any]:
    """What a review of ``unit`` for ``period`` looks at, as JSON (version
    ``SNAPSHOT_VERSION``): the scores and statuses of the results of the unit and of the
    units below it (activities left out) and of the results they serve upward, the
    indicators of its own results, its red risks, its budget execution for the year up to
    the quarter, and its overdue reports. ``user`` limits the thread to what they see."""
    now = now or timezone.now()
    tree = unit_tree(cycle)
    units = subtree(tree, unit.pk)
    own_rows = list(
        Result.objects.filter(cycle=cycle, unit_id__in=units).exclude(level__kind=LevelKind.ACTIVITY)
        .values_list(*_RESULT_FIELDS)
    )
    own = {row[0] for row in own_rows}
    thread = _thread(cycle, own)
    if user is not None and thread:
        thread = set(
            Result.objects.visible_to(user).filter(pk__in=thread).values_list("id", flat=True)
        )
        thread -= own
    thread_rows = list(
        Result.objects.filter(pk__in=thread)
        .values_list(*_RESULT_FIELDS)
    )
    board = scoreboard(cycle, period, roots=sorted(own | thread)) if own or thread else None
    results: list[dict[str, Any]] = []
    for (pk, code, title, unit_id, priority, status, level, kind, rank), is_own in [
        *((row, True) for row in own_rows), *((row, False) for row in thread_rows)
    ]:
        score = board.results.get(pk) if board else None
        results.append({
            "id": pk, "code": code, "title": title,
            "level": level, "kind": kind, "rank": rank, "own": is_own, "unit": tree[unit_id][1],
            "priority": priority, "result_status": status,
            "score": None if score is None or score.score is None else round(score.score, 1),
            "status": score.status if score else "no_data",
            "coverage": round(score.coverage, 3) if score else 0.0,
            "forecast": None if score is None or score.forecast is None else round(score.forecast, 1),
            "likely_to_miss": bool(score and score.likely_to_miss),
        })
    results.sort(key=lambda r: (not r["own"], r["rank"], r["code"]))
    indicators = []
    if board:
        codes = {r["id"]: r["code"] for r in results if r["own"]}
        chosen = sorted((i for i in board.indicators.values() if i.result_id in codes), key=lambda i: i.code)
        aggregation = dict(
            Indicator.objects.filter(pk__in=[i.id for i in chosen]).values_list("id", "aggregation")
        ) if chosen else {}
        for ind in chosen:
            flow = is_flow(ind.unit_of_measure, aggregation.get(ind.id, ""))
            indicators.append({
                "code": ind.code, "name": ind.name, "result": codes[ind.result_id],
                # the figures the score was computed from (a flow's quarter: its share of the
                # yearly baseline, kept beside it)
                "baseline": ind.measured_from, "target": ind.target, "actual": ind.actual,
                "flow": flow, "year_baseline": ind.baseline,
                "score": None if ind.score is None else round(ind.score, 1),
                "status": ind.status, "computed": ind.computed,
            })
    counts = {s: 0 for s in STATUSES}
    for r in results:
        if r["own"]:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
    risks = [
        {
            "code": r.code, "title": r.title, "unit": r.unit.code, "category": r.get_category_display(),
            "result": r.result.code if r.result else "", "owner": r.owner.name if r.owner else "",
            "likelihood": r.residual_likelihood or r.likelihood,
            "impact": r.residual_impact or r.impact, "score": exposure(r),
            "residual": r.residual_score is not None, "treatment": r.treatment,
            "escalation": escalation_of(r),
        }
        for r in red_risks(cycle, sorted(units))
    ]
    escalated = [
        {
            "code": r.code, "title": r.title, "unit": r.unit.code, "score": exposure(r),
            "into": r.unit_id in units, "escalation": escalation_of(r),
        }
        for r in escalated_risks(cycle, sorted(units))
    ]
    execution = budget_execution(cycle, period.year, period.quarter or 4, units)
    on = max(timezone.localdate(now), quarter_end(period.year, period.quarter or 4))
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": now.isoformat(),
        "cycle": {"code": cycle.code, "name": cycle.name, "currency": cycle.currency},
        "unit": {"code": unit.code, "name": unit.name, "units": len(units)},
        "period": str(period),
        "results": results,
        "status_counts": counts,
        "indicators": indicators,
        "risk_appetite": cycle.risk_appetite,
        "risks": risks,
        "escalated": escalated,
        "execution": _execution(execution, cycle.currency),
        "overdue_on": on.isoformat(),
        "overdue": _overdue(cycle, units, on),
    }


# ------------------------------------------------------------------ a review's page


@dataclass
class ReviewPage:
    review: Review
    notes: list[ReviewNote]
    decisions: list[Decision]
    actions: list[FollowUp]
    lessons: list[Lesson]
    people: list[Person]


def review_page(review: Review) -> ReviewPage:
    """What a review's page shows beside its snapshot: four queries (notes, decisions,
    actions with their owners, lessons with their results) and the people who may own
    an action (one more)."""
    return ReviewPage(
        review=review,
        notes=list(review.notes.select_related("author").order_by("created_at", "id")),
        decisions=list(
            review.decisions.select_related("applied_by", "proposed_by").order_by("proposed_at", "id")
        ),
        actions=list(review.actions.select_related("owner").order_by("due", "id")),
        lessons=list(
            review.lessons.prefetch_related(
                Prefetch("results", queryset=Result.objects.only("id", "code", "title", "cycle_id"))
            ).order_by("-created_at")
        ),
        people=list(
            Person.objects.filter(cycle_id=review.cycle_id).select_related("unit")
            .only("id", "code", "name", "unit__code").order_by("name")
        ),
    )


# ------------------------------------------------------------------ lessons


def one_tag(text: str) -> str:
    """A tag as stored: lowercase, dashes for the spaces inside it."""
    return "-".join(text.strip().lower().split())


def normalise_tags(text: str | Iterable[str]) -> str:
    """Tags as stored: one space between them and a space at each end (`` a b ``). Typed
    text is split at commas when it has any (``Targets, Government relations``), else at
    spaces (``targets procurement``)."""
    items = list(text) if not isinstance(text, str) else text.split(",") if "," in text else text.split()
    seen: list[str] = []
    for item in items:
        tag = one_tag(item)
        if tag and tag not in seen:
            seen.append(tag)
    return f" {' '.join(seen)} " if seen else ""


def lessons_search(cycle: Cycle, user: Any, text: str = "", tag: str = "") -> QuerySet[Lesson]:
    """The lessons of ``cycle`` that ``user`` sees, matching ``text`` (in the title, what
    happened, why and next time) and carrying ``tag``, newest first."""
    rows = Lesson.objects.visible_to(user).filter(cycle=cycle)
    for word in text.split():
        rows = rows.filter(
            Q(title__icontains=word) | Q(what_happened__icontains=word) | Q(why__icontains=word)
            | Q(next_time__icontains=word)
        )
    tag = one_tag(tag)
    if tag:
        rows = rows.filter(tags__contains=f" {tag} ")
    return (
        rows.select_related("unit", "review", "review__unit")
        .prefetch_related(
            Prefetch("results", queryset=Result.objects.only("id", "code", "title", "cycle_id"))
        )
        .order_by("-created_at", "-id")
    )


def lesson_tags(cycle: Cycle, user: Any) -> list[tuple[str, int]]:
    """Every tag of the lessons ``user`` sees, with how many carry it, most used first."""
    counts: dict[str, int] = defaultdict(int)
    for tags in Lesson.objects.visible_to(user).filter(cycle=cycle).values_list("tags", flat=True):
        for tag in tags.split():
            counts[tag] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def result_lessons(result: Result, user: Any) -> list[Lesson]:
    """The lessons linked to ``result`` that ``user`` sees, newest first, with the results
    each concerns (two queries)."""
    return list(
        Lesson.objects.visible_to(user).filter(results=result).select_related("review", "review__unit")
        .prefetch_related(
            Prefetch("results", queryset=Result.objects.only("id", "code", "title", "cycle_id"))
        )
        .order_by("-created_at", "-id")
    )


def decision_options(review: Review) -> dict[str, list[tuple[str, str]]]:
    """The choices of the decision forms: what the review covers, as the plan stands now.
    Six queries; only when a decision is being proposed."""
    from goldenthread.finance.models import Fund
    from goldenthread.indicators.choices import UnitOfMeasure
    from goldenthread.indicators.models import Indicator
    from goldenthread.plans.models import Level
    from goldenthread.risks.choices import RiskStatus
    from goldenthread.risks.models import Risk

    cycle = review.cycle
    tree = unit_tree(cycle)
    units = subtree(tree, review.unit_id)
    output_rank = (
        Level.objects.filter(cycle=cycle, kind=LevelKind.OUTPUT).order_by("rank")
        .values_list("rank", flat=True).first()
    )
    above: list[int] = []
    node = tree[review.unit_id][0]
    while node is not None:
        above.append(node)
        node = tree[node][0]

    def unit_label(pk: int) -> tuple[str, str]:
        return tree[pk][1], f"{tree[pk][1]} {tree[pk][2]}"

    return {
        "outputs": [
            (code, f"{code} {title}") for code, title in
            Result.objects.filter(cycle=cycle, unit_id__in=units, level__kind=LevelKind.OUTPUT)
            .order_by("code").values_list("code", "title")
        ],
        "indicators": [
            (code, f"{code} {name}") for code, name in
            Indicator.objects.filter(cycle=cycle, result__unit_id__in=units)
            .exclude(unit_of_measure=UnitOfMeasure.QUALITATIVE).order_by("code")
            .values_list("code", "name")
        ],
        "years": [(str(y), str(y)) for y in cycle.years],
        "funds": list(Fund.objects.filter(cycle=cycle).values_list("code", "name")),
        "parents": [
            (code, f"{code} {title}") for code, title in
            Result.objects.filter(cycle=cycle, level__rank__lt=output_rank if output_rank is not None else 0)
            .order_by("level__rank", "code").values_list("code", "title")
        ],
        "units": sorted((unit_label(pk) for pk in units), key=lambda x: x[0]),
        "risks": [
            (code, f"{code} {title}") for code, title in
            Risk.objects.filter(cycle=cycle, unit_id__in=units, status=RiskStatus.OPEN)
            .order_by("code").values_list("code", "title")
        ],
        "above": [unit_label(pk) for pk in [review.unit_id, *above]]
        + sorted((unit_label(pk) for pk in units if pk != review.unit_id), key=lambda x: x[0]),
    }
