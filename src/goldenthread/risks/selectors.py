"""Reads of the risk register for the pages, and the bands risk scores fall in."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from goldenthread.plans.models import Cycle, Result
from goldenthread.risks.choices import RiskStatus
from goldenthread.risks.models import Assumption, Risk


@dataclass(frozen=True)
class Band:
    """A band of likelihood x impact scores (1-25) that a risk falls in."""

    key: str
    label: str
    low: int
    high: int


# The usual bands of a 5 x 5 risk matrix, lowest first.
RISK_BANDS = (
    Band("low", "Low", 1, 4),
    Band("medium", "Medium", 5, 9),
    Band("high", "High", 10, 16),
    Band("very_high", "Very high", 17, 25),
)
UNASSESSED = Band("unassessed", "Not assessed", 0, 0)


def score_band(score: int | None) -> Band:
    """The band a likelihood x impact score falls in; unassessed when there is no score."""
    if score is None:
        return UNASSESSED
    for band in RISK_BANDS:
        if band.low <= score <= band.high:
            return band
    raise ValueError(f"{score} is not a likelihood x impact score on 1-5 scales")


@dataclass
class BandCount:
    band: Band
    count: int
    percent: float


def open_risks_by_residual_band(cycle: Cycle, user: object = None) -> list[BandCount]:
    """Open risks (of those ``user`` sees) counted by the band of their residual score,
    highest band first.

    Grouped in the database by residual likelihood and impact (at most 36 rows)."""
    grouped = (
        Risk.objects.visible_to(user).filter(cycle=cycle, status=RiskStatus.OPEN)
        .values_list("residual_likelihood", "residual_impact")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, int] = {}
    for likelihood, impact, n in grouped:
        score = likelihood * impact if likelihood is not None and impact is not None else None
        key = score_band(score).key
        counts[key] = counts.get(key, 0) + n
    total = sum(counts.values())
    bands = [*reversed(RISK_BANDS), UNASSESSED]
    return [
        BandCount(band, counts.get(band.key, 0), 100 * counts.get(band.key, 0) / total if total else 0)
        for band in bands
        if band is not UNASSESSED or counts.get(band.key)
    ]


def result_risks(result: Result, user: object = None) -> list[Risk]:
    """The risks registered against ``result`` that ``user`` sees (a risk belongs to its
    own unit, which may differ from the result's)."""
    return list(
        Risk.objects.visible_to(user).filter(result=result)
        .select_related("unit", "owner", "escalated_from", "escalated_to", "escalated_by")
        .order_by("code")
    )


def result_assumptions(result: Result) -> list[Assumption]:
    return list(Assumption.objects.filter(result=result).order_by("id"))


def exposure(risk: Risk) -> int:
    """The score a risk is judged by: residual when assessed, else inherent."""
    residual = risk.residual_score
    return residual if residual is not None else risk.inherent_score


def red_risks(cycle: Cycle, unit_ids: list[int] | None = None, user: object = None) -> list[Risk]:
    """Open risks (of ``unit_ids``, among those ``user`` sees) whose residual score (the
    inherent one when no residual is assessed) reaches the cycle's risk appetite
    (``Cycle.risk_appetite``, 15 unless the organisation sets another): beyond what it
    accepts, they are *red* and go to the reviews. Worst first; one query."""
    rows = Risk.objects.visible_to(user).filter(cycle=cycle, status=RiskStatus.OPEN)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    appetite = cycle.risk_appetite
    red = [
        r for r in rows.select_related(
            "unit", "owner", "result", "escalated_from", "escalated_to", "escalated_by"
        )
        if exposure(r) >= appetite
    ]
    red.sort(key=lambda r: (-exposure(r), r.code))
    return red


def escalated_risks(cycle: Cycle, unit_ids: list[int] | None = None, user: object = None) -> list[Risk]:
    """Open risks (among those ``user`` sees) marked escalated, into one of ``unit_ids`` or
    out of one, whatever their score; most recently escalated first. One query."""
    rows = Risk.objects.visible_to(user).filter(
        cycle=cycle, status=RiskStatus.OPEN, escalated_at__isnull=False
    )
    if unit_ids is not None:
        rows = rows.filter(Q(unit_id__in=unit_ids) | Q(escalated_from_id__in=unit_ids))
    return list(
        rows.select_related("unit", "owner", "result", "escalated_from", "escalated_to", "escalated_by")
        .order_by("-escalated_at", "code")
    )


def escalation_of(risk: Risk) -> dict[str, object] | None:
    """A risk's escalation as plain data (for snapshots and packs), None when it is not
    escalated. Reads the units and user ``escalated_risks`` and ``red_risks`` join."""
    if not risk.is_escalated:
        return None
    by = risk.escalated_by
    return {
        "from": risk.escalated_from.code if risk.escalated_from else "",
        "to": risk.escalated_to.code if risk.escalated_to else risk.unit.code,
        "at": risk.escalated_at.isoformat() if risk.escalated_at else "",
        "by": (by.get_full_name() if by is not None else "") or risk.escalated_by_label,
        "review": risk.escalated_review_id,
        "reason": risk.escalation_reason,
    }


def risk_register(cycle: Cycle, user: object = None, escalated_only: bool = False) -> list[Risk]:
    """The risks of ``cycle`` that ``user`` sees, open ones first, worst first, with their
    units, result, owner and escalation. One query."""
    rows = Risk.objects.visible_to(user).filter(cycle=cycle)
    if escalated_only:
        rows = rows.filter(escalated_at__isnull=False)
    found = list(rows.select_related(
        "unit", "result", "owner", "escalated_from", "escalated_to", "escalated_by"
    ))
    found.sort(key=lambda r: (r.status != RiskStatus.OPEN, -exposure(r), r.code))
    return found

