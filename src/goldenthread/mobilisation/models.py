"""Resource mobilisation: revenue by stream and year, and the strategy's action lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from goldenthread.core.periods import Period
from goldenthread.core.permissions import ScopedManager
from goldenthread.mobilisation.choices import ActionArea, ActionStatus, RevenueStream
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import CODE_LENGTH


class Revenue(models.Model):
    """Expected income of a stream in a year (assessed contributions, sector
    members, voluntary contributions...), set against costs to show the gap.

    A voluntary contribution may be *earmarked* to an outcome: it then pays for that
    outcome's costs only. A stream has one unearmarked row a year and at most one row a
    year per outcome it is earmarked to.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="revenue")
    stream = models.CharField(max_length=32, choices=RevenueStream.choices)
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=18, decimal_places=2)
    earmark = models.ForeignKey(
        "plans.Result", null=True, blank=True, on_delete=models.RESTRICT,
        related_name="earmarked_revenue",
        help_text="the outcome a voluntary contribution is earmarked to",
    )

    objects = ScopedManager(unit=None, cycle="cycle")

    class Meta:
        ordering = ["cycle", "year", "stream"]
        verbose_name_plural = "revenue"
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "stream", "year"], condition=Q(earmark__isnull=True),
                name="revenue_unique",
            ),
            models.UniqueConstraint(
                fields=["cycle", "stream", "year", "earmark"], condition=Q(earmark__isnull=False),
                name="revenue_unique_earmarked",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="revenue_not_negative"),
            models.CheckConstraint(
                condition=Q(earmark__isnull=True) | Q(stream=RevenueStream.VOLUNTARY_CONTRIBUTIONS),
                name="revenue_earmark_voluntary_only",
            ),
        ]

    def __str__(self) -> str:
        text = f"{self.get_stream_display()} {self.year}: {self.amount}"
        return f"{text} for {self.earmark.code}" if self.earmark is not None else text

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "Revenue cannot be negative."})
        if self.cycle_id and self.year and not self.cycle.contains_year(self.year):
            raise ValidationError({"year": f"{self.year} is outside the cycle."})
        if self.earmark is not None:
            if self.stream != RevenueStream.VOLUNTARY_CONTRIBUTIONS:
                raise ValidationError(
                    {"earmark": "Only voluntary contributions can be earmarked to an outcome."}
                )
            if self.earmark.cycle_id != self.cycle_id:
                raise ValidationError({"earmark": "The outcome belongs to another cycle."})
            if self.earmark.level.kind != LevelKind.OUTCOME:
                raise ValidationError(
                    {"earmark": f"{self.earmark.code} is not an outcome; earmark to an outcome."}
                )


class ActionLine(models.Model):
    """An action line of the resource mobilisation strategy, under one of its
    three areas of action, with its status, milestone and target quarter."""

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="action_lines")
    code = models.CharField(max_length=CODE_LENGTH)
    area = models.CharField(max_length=40, choices=ActionArea.choices)
    title = models.TextField()
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.TO_BE_STARTED
    )
    milestone = models.CharField(max_length=200, blank=True)
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    target_quarter = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="action_lines"
    )

    objects = ScopedManager(unit="owner", cycle="cycle")

    class Meta:
        ordering = ["cycle", "area", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="action_line_code_unique_in_cycle"),
            models.CheckConstraint(condition=Q(target_quarter__lte=4), name="action_line_quarter_0_4"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    @property
    def target(self) -> Period | None:
        return Period(self.target_year, self.target_quarter) if self.target_year else None
