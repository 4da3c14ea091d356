"""Writes to indicators: values for a period, and how a computed indicator is computed.

Every write is audited in its transaction. ``actual_set`` and ``target_set`` set
one value for one period; the reporting workflow (submit, approve, return)
builds on ``actual_set``. A computed indicator's actuals are refused here:
they come from its sources (docs/scoring.md, "Computed indicators").
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from goldenthread.core.audit import Actor, ActorLike
from goldenthread.core.periods import Period
from goldenthread.core.services import object_create, object_delete, object_update
from goldenthread.indicators.choices import ActualStatus, Computation, UnitOfMeasure
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.plans.graph import format_loop, path_between

ONE = Decimal(1)


def _period(period: Period | str | int) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def _checked_value(indicator: Indicator, value: Decimal | None, text: str) -> tuple[Decimal | None, str]:
    """A value as the indicator's unit takes it: text for a qualitative one, else a number
    (0 or 1 for yes/no)."""
    if indicator.unit_of_measure == UnitOfMeasure.QUALITATIVE:
        if value is not None:
            raise ValidationError(f"{indicator.code} is qualitative: give text, not a number.")
        if not text.strip():
            raise ValidationError(f"{indicator.code} is qualitative: the text is empty.")
        return None, text
    if value is None:
        raise ValidationError(f"{indicator.code} takes a number.")
    value = Decimal(value)
    if indicator.unit_of_measure == UnitOfMeasure.YES_NO and value not in (0, 1):
        raise ValidationError(f"{indicator.code} is yes/no: give 1 (yes) or 0 (no), not {value}.")
    return value, text


def _user_of(actor: ActorLike) -> AbstractBaseUser | None:
    if isinstance(actor, Actor):
        return actor.user
    return actor if isinstance(actor, AbstractBaseUser) else None


@transaction.atomic
def actual_set(
    *,
    actor: ActorLike,
    indicator: Indicator,
    period: Period | str | int,
    value: Decimal | None = None,
    text: str = "",
    status: str = ActualStatus.DRAFT,
    comment: str = "",
) -> Actual:
    """Set the actual of ``indicator`` for ``period`` (create it or change it), with a
    status. Refused for a computed indicator: its actuals come from its sources."""
    if indicator.is_computed:
        raise ValidationError(indicator.computed_actuals_refusal())
    when = _period(period)
    number, words = _checked_value(indicator, value, text)
    if status not in ActualStatus.values:
        raise ValidationError(f"'{status}' is not a status; one of: {', '.join(ActualStatus.values)}.")
    existing = (
        Actual.objects.select_for_update()
        .filter(indicator=indicator, year=when.year, quarter=when.quarter)
        .first()
    )
    data = {"value": number, "text": words, "status": status, "comment": comment,
            "reported_by": _user_of(actor)}
    if existing is None:
        return object_create(
            actor=actor, obj=Actual(indicator=indicator, year=when.year, quarter=when.quarter, **data)
        )
    return object_update(actor=actor, obj=existing, data=data)


@transaction.atomic
def target_set(
    *,
    actor: ActorLike,
    indicator: Indicator,
    period: Period | str | int,
    value: Decimal | None = None,
    text: str = "",
) -> Target:
    """Set the target of ``indicator`` for ``period``. A computed indicator may have
    targets of its own (a programme's target is often set, not added up); where it
    has none, its targets are computed from its sources'."""
    when = _period(period)
    number, words = _checked_value(indicator, value, text)
    existing = (
        Target.objects.select_for_update()
        .filter(indicator=indicator, year=when.year, quarter=when.quarter)
        .first()
    )
    if existing is None:
        return object_create(
            actor=actor,
            obj=Target(indicator=indicator, year=when.year, quarter=when.quarter, value=number,
                       text=words),
        )
    return object_update(actor=actor, obj=existing, data={"value": number, "text": words})


def _as_pairs(
    sources: Sequence[Indicator | tuple[Indicator, Decimal | int | float | str]],
) -> list[tuple[Indicator, Decimal]]:
    pairs = []
    for item in sources:
        if isinstance(item, Indicator):
            pairs.append((item, ONE))
        else:
            source, weight = item
            pairs.append((source, Decimal(str(weight))))
    return pairs


def _check_sources(indicator: Indicator, pairs: list[tuple[Indicator, Decimal]]) -> None:
    seen: set[int] = set()
    for source, weight in pairs:
        if source.pk == indicator.pk:
            raise ValidationError(f"{indicator.code} cannot be computed from itself.")
        if source.cycle_id != indicator.cycle_id:
            raise ValidationError(
                f"{source.code} belongs to another cycle: {indicator.code} is computed from "
                f"indicators of its own cycle."
            )
        if not source.is_numeric:
            raise ValidationError(f"{source.code} is qualitative: it has no numbers to compute from.")
        if source.pk in seen:
            raise ValidationError(f"{source.code} is given twice as a source of {indicator.code}.")
        if weight <= 0:
            raise ValidationError(f"The weight of {source.code} must be above zero, not {weight}.")
        seen.add(source.pk)


def _check_no_loop(indicator: Indicator, pairs: list[tuple[Indicator, Decimal]]) -> None:
    """Refuse sources that are, through their own sources, computed from ``indicator``."""
    edges = list(
        Contribution.objects.filter(computed__cycle_id=indicator.cycle_id)
        .exclude(computed=indicator)
        .values_list("computed__code", "source__code")
    )
    for source, _ in pairs:
        path = path_between(edges, source.code, indicator.code)
        if path is not None:
            loop = [indicator.code, *path]
            raise ValidationError(
                f"Computing {indicator.code} from {source.code} would close a loop: "
                f"{format_loop(loop)}."
            )


@transaction.atomic
def indicator_set_computation(
    *,
    actor: ActorLike,
    indicator: Indicator,
    computation: str,
    sources: Sequence[Indicator | tuple[Indicator, Decimal | int | float | str]] = (),
) -> Indicator:
    """Make ``indicator`` computed from ``sources`` (indicators, or (indicator, weight)
    pairs) by ``computation``, or, with ``computation=""`` and no sources, entered by
    people again. Sources already there keep their row (their weight is updated);
    others are added or removed, each change audited.

    Refused: an unknown method, no sources, a source that is the indicator itself,
    of another cycle, qualitative, given twice, or computed (at any depth) from the
    indicator (a loop, named); a qualitative indicator; and an indicator that has
    actuals typed in (they would be silently replaced: delete them first).
    """
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    pairs = _as_pairs(sources)
    if computation:
        if computation not in Computation.values:
            raise ValidationError(
                f"'{computation}' is not a computation; one of: {', '.join(Computation.values)}."
            )
        if not pairs:
            raise ValidationError(f"{indicator.code} needs at least one indicator to be computed from.")
        _check_sources(indicator, pairs)
        _check_no_loop(indicator, pairs)
        typed = list(indicator.actuals.order_by("year", "quarter"))
        if typed:
            periods = ", ".join(str(a.period) for a in typed)
            raise ValidationError(
                f"{indicator.code} has actuals typed in for {periods}; delete them before "
                f"computing it from other indicators."
            )
    elif pairs:
        raise ValidationError(f"Give a computation for {indicator.code}'s sources (sum, mean...).")
    object_update(actor=actor, obj=indicator, data={"computation": computation})
    current = {c.source_id: c for c in Contribution.objects.filter(computed=indicator)}
    wanted = {source.pk: (source, weight) for source, weight in pairs}
    for source_id, contribution in current.items():
        if source_id not in wanted:
            object_delete(actor=actor, obj=contribution)
    for source_id, (source, weight) in wanted.items():
        if source_id in current:
            object_update(actor=actor, obj=current[source_id], data={"weight": weight})
        else:
            object_create(
                actor=actor, obj=Contribution(computed=indicator, source=source, weight=weight)
            )
    return indicator
