"""The plan: a cycle, its framework levels, its results and the links between them."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from goldenthread.core.permissions import ScopedManager
from goldenthread.plans.choices import LevelKind, Priority, ResultStatus, RollupMethod

CODE_LENGTH = 32


class Cycle(models.Model):
    """A planning cycle, such as Strategic Plan 2028-2031.

    Everything in a plan belongs to exactly one cycle: its levels, the
    organisation's units and people as they stood for that plan, its results,
    indicators, costs and risks. A cycle is what a plan file holds.
    The two thresholds turn achievement ratios into statuses (on track at or
    above ``on_track_threshold``, at risk at or above ``at_risk_threshold``).
    """

    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    end_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    baseline_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    currency = models.CharField(max_length=3, default="CHF", help_text="ISO 4217 code")
    on_track_threshold = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.900"))
    at_risk_threshold = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.700"))
    risk_appetite = models.PositiveSmallIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text="the residual risk score (likelihood x impact, 1-25) at or above which an open "
        "risk is red: beyond what the organisation accepts, it goes to the reviews",
    )

    objects = ScopedManager(unit=None, cycle="")

    class Meta:
        ordering = ["-start_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="cycle_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__lte=F("start_year")), name="cycle_baseline_not_after_start"
            ),
            models.CheckConstraint(
                condition=Q(at_risk_threshold__gt=0)
                & Q(at_risk_threshold__lte=F("on_track_threshold"))
                & Q(on_track_threshold__lte=1),
                name="cycle_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The cycle cannot end before it starts."})
        if self.baseline_year and self.start_year and self.baseline_year > self.start_year:
            raise ValidationError({"baseline_year": "The baseline year cannot follow the start year."})
        if self.currency and (len(self.currency) != 3 or not self.currency.isupper()):
            raise ValidationError({"currency": "Use a three-letter ISO 4217 code such as CHF."})

    def audit_cycle_code(self) -> str:
        return self.code

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def contains_year(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Level(models.Model):
    """A level of the cycle's results framework (Goal, Outcome, Output, Activity).

    Levels are ordered top first by ``rank`` and each maps to one RBM kind, so
    a logframe, an OKR set or a balanced scorecard can be modelled alike.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(max_length=CODE_LENGTH)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=LevelKind.choices)
    rank = models.PositiveSmallIntegerField(help_text="0 for the top level")

    objects = ScopedManager(unit=None, cycle="cycle")

    class Meta:
        ordering = ["cycle", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="level_code_unique_in_cycle"),
            models.UniqueConstraint(fields=["cycle", "rank"], name="level_rank_unique_in_cycle"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_cycle_code(self) -> str:
        return self.cycle.code


class Result(models.Model):
    """A node of the plan: a goal, outcome, output or activity.

    Its tier is the tier of its owner: the owning unit's tier, or 4 when a
    person owns it (an item of their work plan). Results below the top level
    link upward to one or more parents; one with no parent is an orphan.
    ``priority`` (MoSCoW) applies to outputs and decides what a funding
    scenario funds first.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="results")
    code = models.CharField(max_length=CODE_LENGTH)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="results")
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="results")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="results"
    )
    priority = models.CharField(max_length=8, choices=Priority.choices, blank=True)
    method = models.CharField(
        max_length=16, choices=RollupMethod.choices, default=RollupMethod.WEIGHTED_MEAN
    )
    status = models.CharField(max_length=16, choices=ResultStatus.choices, default=ResultStatus.ACTIVE)
    tags = models.JSONField(default=list, blank=True, help_text="SDG targets, themes")

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="result_code_unique_in_cycle"),
        ]
        indexes = [
            models.Index(fields=["cycle", "level"], name="result_cycle_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def tier(self) -> int:
        return 4 if self.person_id else self.unit.tier

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        errors = {}
        if self.level_id and self.cycle_id and self.level.cycle_id != self.cycle_id:
            errors["level"] = "The level belongs to another cycle."
        if self.unit_id and self.cycle_id and self.unit.cycle_id != self.cycle_id:
            errors["unit"] = "The unit belongs to another cycle."
        if self.person is not None and self.cycle_id and self.person.cycle_id != self.cycle_id:
            errors["person"] = "The person belongs to another cycle."
        if not isinstance(self.tags, list) or not all(isinstance(t, str) for t in self.tags):
            errors["tags"] = "Tags are a list of words."
        if errors:
            raise ValidationError(errors)


class Link(models.Model):
    """A child result contributing to a parent result, with a weight.

    Links form a directed acyclic graph across units and tiers: an output of
    one bureau may serve an outcome owned by another (cross-sector
    coordination). The weight sets the child's share in the parent's score
    and, for outputs serving several outcomes, the split of its cost.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="links")
    child = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="child_links")
    weight = models.DecimalField(max_digits=9, decimal_places=4, default=Decimal("1"))
    assumption = models.TextField(blank=True, help_text="what must hold for the child to serve the parent")

    objects = ScopedManager(unit="child__unit", cycle="cycle")

    class Meta:
        ordering = ["parent", "child"]
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="link_unique_pair"),
            models.CheckConstraint(condition=~Q(child=F("parent")), name="link_not_to_itself"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="link_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.child.code} → {self.parent.code}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        if self.child_id and self.parent_id and self.child_id == self.parent_id:
            raise ValidationError("A result cannot link to itself.")
        if self.weight is not None and self.weight <= 0:
            raise ValidationError({"weight": "A link's weight must be above zero."})
        if self.child_id and self.parent_id and self.child.cycle_id != self.parent.cycle_id:
            raise ValidationError("A link cannot cross cycles.")
