"""Indicators with their reference sheet, and their targets and actuals by period."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from goldenthread.core.periods import Period
from goldenthread.core.permissions import ScopedManager
from goldenthread.indicators.choices import (
    ActualStatus,
    Aggregation,
    Computation,
    Direction,
    Frequency,
    UnitOfMeasure,
)
from goldenthread.plans.models import CODE_LENGTH

VALUE_DIGITS = 20
VALUE_PLACES = 6


class Indicator(models.Model):
    """A measure of a result, with the SMART reference sheet planners expect.

    The baseline is the value in ``baseline_year``; targets and actuals are set
    per period. ``direction`` says which way is better; ``aggregation`` says
    how values combine across contributing results. ``weight`` is the
    indicator's share, beside the result's children, in the result's score.

    A *computed* indicator (``computation`` set) takes its values from other
    indicators, its sources (``contributions``): a programme's total is the sum
    of its projects'. Its actuals are computed, never typed in; its baseline and
    targets are computed too where it has none of its own (docs/scoring.md).
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=CODE_LENGTH)
    result = models.ForeignKey("plans.Result", on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=500)
    definition = models.TextField(blank=True)
    unit_of_measure = models.CharField(
        max_length=16, choices=UnitOfMeasure.choices, default=UnitOfMeasure.NUMBER
    )
    direction = models.CharField(max_length=16, choices=Direction.choices, default=Direction.INCREASE)
    aggregation = models.CharField(
        max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    weight = models.DecimalField(max_digits=9, decimal_places=4, default=Decimal("1"))
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    baseline_text = models.TextField(blank=True, help_text="baseline of a qualitative indicator")
    means_of_verification = models.TextField(blank=True)
    collection_method = models.TextField(blank=True)
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.ANNUAL)
    responsible = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="indicators_responsible",
    )
    sdg = models.CharField(max_length=16, blank=True, help_text="SDG indicator code, e.g. 9.c.1")
    computation = models.CharField(
        max_length=16, choices=Computation.choices, blank=True,
        help_text="blank: values are entered by people; else how they are computed from the sources",
    )
    allows_over_100 = models.BooleanField(
        default=False,
        help_text="a percentage that may exceed 100 (growth rates, coverage over target)",
    )

    objects = ScopedManager(unit="result__unit", cycle="cycle", responsible="responsible")

    class Meta:
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="indicator_code_unique_in_cycle"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    @property
    def is_numeric(self) -> bool:
        return self.unit_of_measure != UnitOfMeasure.QUALITATIVE

    @property
    def is_computed(self) -> bool:
        return bool(self.computation)

    def computation_summary(self) -> str:
        """``K9 is computed from K1, K2 (sum)``: how a computed indicator gets its values."""
        codes = [
            c.source.code
            for c in self.contributions.select_related("source").order_by("source__code")
        ]
        return (
            f"{self.code} is computed from {', '.join(codes) or 'no indicator yet'} "
            f"({self.computation})"
        )

    def computed_actuals_refusal(self) -> str:
        """Why nobody types an actual of this (computed) indicator."""
        return f"{self.computation_summary()}: its actuals are computed and cannot be typed in."

    def clean(self) -> None:
        if self.result_id and self.result.cycle_id != self.cycle_id:
            raise ValidationError({"result": "The result belongs to another cycle."})
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": "An indicator's weight must be above zero."})
        if self.computation and self.unit_of_measure == UnitOfMeasure.QUALITATIVE:
            raise ValidationError(
                {"computation": "A qualitative indicator cannot be computed from numbers."}
            )
        if self.computation and self.unit_of_measure == UnitOfMeasure.YES_NO and (
            self.computation not in YES_NO_COMPUTATIONS
        ):
            raise ValidationError({"computation": (
                f"A yes/no indicator can only be computed as min (all yes), max (any yes) "
                f"or latest, not {self.computation}."
            )})


#: The computations that keep a yes/no answer yes or no.
YES_NO_COMPUTATIONS = frozenset({Computation.MIN, Computation.MAX, Computation.LATEST})


class Contribution(models.Model):
    """A source of a computed indicator, with its weight.

    The computed indicator's value for a period combines its sources' values
    by its ``computation`` (see docs/scoring.md, "Computed indicators"): the
    weight multiplies the source in a sum or a cumulative total and weighs it
    in a weighted mean. Sources may be computed themselves (a portfolio total
    of programme totals); loops are refused by the services and the plan
    loader. A source that feeds a computed indicator cannot be deleted alone.
    """

    computed = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="contributions")
    source = models.ForeignKey(Indicator, on_delete=models.RESTRICT, related_name="feeds")
    weight = models.DecimalField(max_digits=9, decimal_places=4, default=Decimal("1"))

    class Meta:
        ordering = ["computed", "source"]
        constraints = [
            models.UniqueConstraint(fields=["computed", "source"], name="contribution_unique_pair"),
            models.CheckConstraint(
                condition=~Q(computed=F("source")), name="contribution_not_from_itself"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="contribution_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.source.code} → {self.computed.code}"

    def audit_cycle_code(self) -> str:
        return self.computed.cycle.code

    def clean(self) -> None:
        if self.computed_id and self.source_id:
            if self.computed_id == self.source_id:
                raise ValidationError(f"{self.computed.code} cannot be computed from itself.")
            if self.computed.cycle_id != self.source.cycle_id:
                raise ValidationError("A computed indicator's sources belong to its own cycle.")
            if not self.source.is_numeric:
                raise ValidationError(
                    {"source": f"{self.source.code} is qualitative: it has no numbers to compute from."}
                )
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": "A source's weight must be above zero."})


class IndicatorValue(models.Model):
    """A value of an indicator for a period: a number, or text for a qualitative one."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(default=0, help_text="0 for the whole year")
    value = models.DecimalField(
        max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, null=True, blank=True
    )
    text = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["indicator", "year", "quarter"]

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)

    def audit_cycle_code(self) -> str:
        return self.indicator.cycle.code

    def clean(self) -> None:
        if self.quarter not in (0, 1, 2, 3, 4):
            raise ValidationError({"quarter": "A quarter is 1 to 4, or 0 for the whole year."})
        if self.indicator_id:
            cycle = self.indicator.cycle
            if not cycle.contains_year(self.year):
                raise ValidationError(
                    {"year": f"{self.period} is outside the cycle {cycle.start_year}-{cycle.end_year}."}
                )


class Target(IndicatorValue):
    """The value an indicator should reach by the end of a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")

    objects = ScopedManager(
        unit="indicator__result__unit", cycle="indicator__cycle", responsible="indicator__responsible"
    )

    class Meta(IndicatorValue.Meta):
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="target_unique_period"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="target_quarter_0_4"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} target {self.period}"


class Actual(IndicatorValue):
    """The value an indicator reached in a period, as reported and approved.

    Actuals move draft -> submitted -> approved, or back to returned with a
    reason; an approved period is locked.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    status = models.CharField(max_length=16, choices=ActualStatus.choices, default=ActualStatus.DRAFT)
    comment = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(
        unit="indicator__result__unit", cycle="indicator__cycle", responsible="indicator__responsible"
    )

    class Meta(IndicatorValue.Meta):
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="actual_unique_period"),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="actual_quarter_0_4"),
        ]
        # The years reported (``selectors.reported_periods``): whether a year has an approved
        # actual is answered from the year's own actuals, not by probing every indicator.
        indexes = [models.Index(fields=["year", "status"], name="actual_year_status_idx")]

    def __str__(self) -> str:
        return f"{self.indicator.code} actual {self.period}"

    def clean(self) -> None:
        super().clean()
        if self.indicator_id and self.indicator.is_computed:
            raise ValidationError(self.indicator.computed_actuals_refusal())
