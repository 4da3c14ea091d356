"""Money in the plan: funding sources, cost lines of outputs, staff time allocations,
and the funding scenarios a planner saves."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from goldenthread.core.permissions import ScopedManager
from goldenthread.finance.choices import CostCategory, ScenarioRule
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import CODE_LENGTH

# A saved scenario's code goes into addresses and commands: no spaces, nothing to escape.
SCENARIO_CODE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    "Letters, digits, dots, dashes and underscores only, no spaces.",
)


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


class Scenario(models.Model):
    """A funding scenario: budget envelopes per year (optionally per funding source)
    within which outputs are funded by MoSCoW priority, then by ``rule`` (score, cost,
    or the planner's manual ranks). What it funds is computed each time it is run
    (``finance/scenarios.py``), so it follows the plan as the plan changes.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="scenarios")
    code = models.CharField(max_length=CODE_LENGTH, validators=[SCENARIO_CODE])
    name = models.CharField(max_length=200)
    rule = models.CharField(max_length=8, choices=ScenarioRule.choices, default=ScenarioRule.COST)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="scenarios",
    )
    created_by_label = models.CharField(max_length=150, blank=True, help_text="user name, or 'cli:<account>'")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(unit=None, cycle="cycle")

    class Meta:
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="scenario_code_unique_in_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code


class ScenarioEnvelope(models.Model):
    """The money a scenario may spend in a year: from all sources together
    (``source`` empty) or from one funding source."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="envelopes")
    year = models.PositiveSmallIntegerField()
    source = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.RESTRICT, related_name="scenario_envelopes"
    )
    amount = models.DecimalField(max_digits=18, decimal_places=2)

    objects = ScopedManager(unit=None, cycle="scenario__cycle")

    class Meta:
        ordering = ["scenario", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "year"], condition=Q(source__isnull=True),
                name="scenario_envelope_unique_year",
            ),
            models.UniqueConstraint(
                fields=["scenario", "year", "source"], condition=Q(source__isnull=False),
                name="scenario_envelope_unique_year_source",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="scenario_envelope_not_negative"),
        ]

    def __str__(self) -> str:
        source = self.source.code if self.source is not None else "all sources"
        return f"{self.year} {source}: {self.amount}"

    def audit_cycle_code(self) -> str:
        return self.scenario.cycle.code

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "An envelope cannot be negative."})
        if self.scenario_id:
            cycle = self.scenario.cycle
            if self.year and not cycle.contains_year(self.year):
                raise ValidationError(
                    {"year": f"{self.year} is outside the cycle {cycle.start_year}-{cycle.end_year}."}
                )
            if self.source is not None and self.source.cycle_id != cycle.pk:
                raise ValidationError({"source": "The fund belongs to another cycle."})


class ScenarioRank(models.Model):
    """The planner's rank of an output in a scenario with the manual rule (1 first)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="ranks")
    result = models.ForeignKey("plans.Result", on_delete=models.CASCADE, related_name="scenario_ranks")
    rank = models.PositiveIntegerField()

    objects = ScopedManager(unit="result__unit", cycle="scenario__cycle")

    class Meta:
        ordering = ["scenario", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "result"], name="scenario_rank_unique_result"),
        ]

    def __str__(self) -> str:
        return f"{self.result.code}: {self.rank}"

    def audit_cycle_code(self) -> str:
        return self.scenario.cycle.code

    def clean(self) -> None:
        if self.scenario_id and self.result_id:
            if self.result.cycle_id != self.scenario.cycle_id:
                raise ValidationError({"result": "The output belongs to another cycle."})
            if self.result.level.kind != LevelKind.OUTPUT:
                raise ValidationError({"result": f"{self.result.code} is not an output."})


class Transaction(models.Model):
    """A line of the ledger: money actually spent (or, negative, refunded) on a date,
    by a unit, from a funding source, in a cost category, usually for an output.

    Cost lines say what an output is planned to cost; transactions say what was spent,
    so budget execution is the one set against the other (``finance/execution.py``).
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="transactions")
    date = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    currency = models.CharField(max_length=3, help_text="ISO 4217 code")
    category = models.CharField(max_length=32, choices=CostCategory.choices)
    source = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="transactions")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="transactions")
    output = models.ForeignKey(
        "plans.Result", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    vendor = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=500, blank=True)
    reference = models.CharField(max_length=64, blank=True, help_text="the ledger's own id")

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "date", "id"]
        indexes = [models.Index(fields=["cycle", "date"], name="transaction_cycle_date_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="transaction_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount} {self.currency} {self.category}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.amount is not None and self.amount == 0:
            errors["amount"] = "A transaction moves money: the amount cannot be zero."
        if self.currency and (len(self.currency) != 3 or not self.currency.isupper()):
            errors["currency"] = "Use a three-letter ISO 4217 code such as CHF."
        if self.cycle_id:
            cycle = self.cycle
            if self.date and not cycle.contains_year(self.date.year):
                errors["date"] = f"{self.date} is outside the cycle {cycle.start_year}-{cycle.end_year}."
            if self.source_id and self.source.cycle_id != cycle.pk:
                errors["source"] = "The fund belongs to another cycle."
            if self.unit_id and self.unit.cycle_id != cycle.pk:
                errors["unit"] = "The unit belongs to another cycle."
            output = self.output if self.output_id else None
            if output is not None:
                if output.cycle_id != cycle.pk:
                    errors["output"] = "The output belongs to another cycle."
                elif output.level.kind != LevelKind.OUTPUT:
                    errors["output"] = f"{output.code} is not an output."
        if errors:
            raise ValidationError(errors)
