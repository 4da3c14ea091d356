"""Reads of indicators for the pages: a result's indicators with their values by period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from goldenthread.core.periods import Period
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.plans.models import Cycle, Result


def indicator_count(cycle: Cycle, user: object = None) -> int:
    """How many indicators of the cycle ``user`` sees."""
    return Indicator.objects.visible_to(user).filter(cycle=cycle).count()


@dataclass
class PeriodRow:
    """The target and the actual of one indicator for one period (either may be missing)."""

    period: Period
    target: Target | None
    actual: Actual | None


@dataclass
class IndicatorSheet:
    """An indicator's reference sheet with its baseline, targets and actuals."""

    indicator: Indicator
    periods: list[PeriodRow]


def result_indicators(result: Result) -> list[IndicatorSheet]:
    """The indicators of a result, each with its targets and actuals lined up by
    period. Three queries whatever the number of indicators."""
    indicators = (
        Indicator.objects.filter(result=result)
        .select_related("responsible")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("year", "quarter")),
            Prefetch(
                "actuals",
                queryset=Actual.objects.select_related("reported_by").order_by("year", "quarter"),
            ),
        )
        .order_by("code")
    )
    sheets = []
    for indicator in indicators:
        targets = {t.period: t for t in indicator.targets.all()}
        actuals = {a.period: a for a in indicator.actuals.all()}
        periods = sorted(set(targets) | set(actuals))
        sheets.append(
            IndicatorSheet(
                indicator=indicator,
                periods=[PeriodRow(p, targets.get(p), actuals.get(p)) for p in periods],
            )
        )
    return sheets
