"""Money in the plan: funding sources, cost lines of outputs, staff time allocations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from goldenthread.core.permissions import ScopedManager
from goldenthread.finance.choices import CostCategory
from goldenthread.plans.models import CODE_LENGTH


class Fund(models.Model):
    """A funding source: the regular budget, or a named extrabudgetary fund.

    Every cycle has exactly one regular-budget fund (code ``regular_budget``),
    created with the cycle, so that every cost line names its source.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="funds")
    code = models.CharField(max_length=CODE_LENGTH)
    name = models.CharField(max_length=200)
    donor = models.CharField(max_length=200, blank=True)
    is_regular = models.BooleanField(default=False)

    objects = ScopedManager(unit=None, cycle="cycle")

    class Meta:
        ordering = ["cycle", "-is_regular", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="fund_code_unique_in_cycle"),
            models.UniqueConstraint(
                fields=["cycle"], condition=Q(is_regular=True), name="one_regular_budget_per_cycle"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_cycle_code(self) -> str:
        return self.cycle.code


class CostLine(models.Model):
    """An estimated cost of an output in a year, by category and funding source."""

    result = models.ForeignKey("plans.Result", on_delete=models.CASCADE, related_name="cost_lines")
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=32, choices=CostCategory.choices)
    source = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="cost_lines")
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    description = models.CharField(max_length=500, blank=True)

    objects = ScopedManager(unit="result__unit", cycle="result__cycle")

    class Meta:
        ordering = ["result", "year", "category", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "year", "category", "source"], name="cost_line_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="cost_line_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.result.code} {self.year} {self.category}: {self.amount}"

    def audit_cycle_code(self) -> str:
        return self.result.cycle.code

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "A cost cannot be negative."})
        if self.result_id:
            cycle = self.result.cycle
            if self.year and not cycle.contains_year(self.year):
                raise ValidationError(
                    {"year": f"{self.year} is outside the cycle {cycle.start_year}-{cycle.end_year}."}
                )
            if self.source_id and self.source.cycle_id != cycle.pk:
                raise ValidationError({"source": "The fund belongs to another cycle."})


class Allocation(models.Model):
    """A share of a person's time in a year given to a result (usually an
    activity); its personnel cost is share x the standard cost of their grade."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="allocations")
    result = models.ForeignKey("plans.Result", on_delete=models.CASCADE, related_name="allocations")
    year = models.PositiveSmallIntegerField()
    share = models.DecimalField(max_digits=5, decimal_places=4, help_text="share of a year, 0-1")

    objects = ScopedManager(unit="result__unit", cycle="result__cycle")

    class Meta:
        ordering = ["person", "year", "result"]
        constraints = [
            models.UniqueConstraint(fields=["person", "result", "year"], name="allocation_unique"),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=1), name="allocation_share_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.code} → {self.result.code} {self.year}: {self.share}"

    def audit_cycle_code(self) -> str:
        return self.result.cycle.code

    def clean(self) -> None:
        if self.share is not None and not (0 < self.share <= 1):
            raise ValidationError({"share": "A share of time is above 0 and at most 1."})
        if self.result_id:
            cycle = self.result.cycle
            if self.year and not cycle.contains_year(self.year):
                raise ValidationError(
                    {"year": f"{self.year} is outside the cycle {cycle.start_year}-{cycle.end_year}."}
                )
            if self.person_id and self.person.cycle_id != cycle.pk:
                raise ValidationError({"person": "The person belongs to another cycle."})
