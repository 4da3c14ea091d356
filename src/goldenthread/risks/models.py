"""The risk register and the assumptions results depend on."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from goldenthread.core.permissions import ScopedManager
from goldenthread.plans.models import CODE_LENGTH
from goldenthread.risks.choices import AssumptionStatus, RiskCategory, RiskStatus

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


def _on_scale(name: str) -> Q:
    return Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 5})


class Risk(models.Model):
    """A risk to a unit's results, scored likelihood x impact on 1-5 scales,
    before (inherent) and after (residual) its treatments."""

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(max_length=CODE_LENGTH)
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="risks")
    result = models.ForeignKey(
        "plans.Result", null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    category = models.CharField(max_length=16, choices=RiskCategory.choices)
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(validators=SCALE)
    impact = models.PositiveSmallIntegerField(validators=SCALE)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCALE)
    owner = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="risks_owned"
    )
    treatment = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    last_reviewed = models.DateField(null=True, blank=True)
    # Escalation: a unit handed the risk to a unit above it (``risks.services.risk_escalate``,
    # usually by a review's decision); set while it stays escalated, cleared when a risk
    # officer de-escalates it (``risk_deescalate``).
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_by_label = models.CharField(max_length=150, blank=True)
    escalated_from = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the unit that escalated it (it goes back there when de-escalated)",
    )
    escalated_to = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the unit it was escalated to",
    )
    escalated_review = models.ForeignKey(
        "reviews.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the review whose decision escalated it",
    )
    escalation_reason = models.TextField(blank=True)

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="risk_code_unique_in_cycle"),
            models.CheckConstraint(condition=_on_scale("likelihood"), name="risk_likelihood_1_5"),
            models.CheckConstraint(condition=_on_scale("impact"), name="risk_impact_1_5"),
            models.CheckConstraint(
                condition=Q(residual_likelihood__isnull=True) | _on_scale("residual_likelihood"),
                name="risk_residual_likelihood_1_5",
            ),
            models.CheckConstraint(
                condition=Q(residual_impact__isnull=True) | _on_scale("residual_impact"),
                name="risk_residual_impact_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    @property
    def is_escalated(self) -> bool:
        return self.escalated_at is not None

    @property
    def inherent_score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return self.residual_likelihood * self.residual_impact

    def clean(self) -> None:
        if (self.residual_likelihood is None) != (self.residual_impact is None):
            raise ValidationError("Give both residual likelihood and residual impact, or neither.")
        if self.unit_id and self.unit.cycle_id != self.cycle_id:
            raise ValidationError({"unit": "The unit belongs to another cycle."})
        if self.result is not None and self.result.cycle_id != self.cycle_id:
            raise ValidationError({"result": "The result belongs to another cycle."})


class Assumption(models.Model):
    """A condition outside the organisation's control that a result relies on."""

    result = models.ForeignKey("plans.Result", on_delete=models.CASCADE, related_name="assumptions")
    statement = models.TextField()
    status = models.CharField(
        max_length=16, choices=AssumptionStatus.choices, default=AssumptionStatus.HOLDS
    )
    last_reviewed = models.DateField(null=True, blank=True)

    objects = ScopedManager(unit="result__unit", cycle="result__cycle")

    class Meta:
        ordering = ["result", "id"]

    def __str__(self) -> str:
        return f"{self.result.code}: {self.statement[:60]}"

    def audit_cycle_code(self) -> str:
        return self.result.cycle.code
