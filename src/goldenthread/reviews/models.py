"""Quarterly reviews: a unit's standing for a quarter frozen in a snapshot, the notes and
decisions taken on it, their follow-up actions; and the register of lessons learned.

In RBM terms a review is the moment of adaptive management: the data of a quarter (scores,
red risks, budget execution, overdue reports) are looked at together, and decisions that
change the plan are taken, applied through the plan's own services, and traced back to the
review in the audit log.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from goldenthread.core import clock
from goldenthread.core.periods import Period
from goldenthread.core.permissions import ScopedManager
from goldenthread.reviews.choices import ActionStatus, DecisionKind, DecisionStatus, ReviewStatus


class Review(models.Model):
    """A review of a unit (and every unit below it) for a quarter of a year.

    ``snapshot`` holds what the review looked at, as it stood when the review was
    created or last frozen (JSON, shape ``snapshot["version"]``, see ``snapshot.py``);
    the review's pages and packs are drawn from it alone, so they stay as they were
    when the data change later.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="reviews")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="reviews")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    snapshot = models.JSONField(default=dict, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviews_created",
    )
    created_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "-year", "-quarter", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit", "year", "quarter"], name="review_one_per_unit_quarter"
            ),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                                   name="review_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return f"Review of {self.unit.code}, {self.period}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.quarter)

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    def clean(self) -> None:
        if self.cycle_id and self.year and not self.cycle.contains_year(self.year):
            raise ValidationError(
                {"year": f"{self.year} is outside the cycle "
                         f"{self.cycle.start_year}-{self.cycle.end_year}."}
            )
        if self.cycle_id and self.unit_id and self.unit.cycle_id != self.cycle_id:
            raise ValidationError({"unit": "The unit belongs to another cycle."})


class ReviewNote(models.Model):
    """A note taken during a review: what was said, observed or agreed."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="review_notes",
    )
    author_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(unit="review__unit", cycle="review__cycle")

    class Meta:
        ordering = ["review", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def audit_cycle_code(self) -> str:
        return self.review.cycle.code


class Decision(models.Model):
    """A decision of a review, of a typed ``kind`` with its ``params`` (validated per kind
    in ``decisions.py``). Proposed first; once applied, it has changed the plan through
    the plan's services, and cannot be applied again."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=24, choices=DecisionKind.choices)
    params = models.JSONField(default=dict)
    rationale = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="decisions_proposed",
    )
    proposed_by_label = models.CharField(max_length=150, blank=True)
    proposed_at = models.DateTimeField(default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="decisions_applied",
    )
    applied_by_label = models.CharField(max_length=150, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="what applying it changed")

    objects = ScopedManager(unit="review__unit", cycle="review__cycle")

    class Meta:
        ordering = ["review", "proposed_at", "id"]

    def __str__(self) -> str:
        return f"Decision {self.pk}: {self.get_kind_display()}"

    def audit_cycle_code(self) -> str:
        return self.review.cycle.code


class FollowUp(models.Model):
    """A follow-up action of a review: what is to be done, by whom, by when."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="review_actions")
    due = models.DateField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(unit="review__unit", cycle="review__cycle")

    class Meta:
        ordering = ["review", "due", "id"]
        verbose_name = "follow-up action"

    def __str__(self) -> str:
        return self.description[:80]

    def audit_cycle_code(self) -> str:
        return self.review.cycle.code

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Still to do and past its due date."""
        today = today or clock.today()
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and self.due < today

    def clean(self) -> None:
        if self.review_id and self.owner_id and self.owner.cycle_id != self.review.cycle_id:
            raise ValidationError({"owner": "The person belongs to another cycle."})
        decision = self.decision if self.decision_id else None
        if self.review_id and decision is not None and decision.review_id != self.review_id:
            raise ValidationError({"decision": "The decision belongs to another review."})


class Lesson(models.Model):
    """A lesson learned: what happened, why, and what to do next time; tagged, and linked
    to the results it concerns and the review it came from.

    ``tags`` are kept as lowercase words separated by single spaces, with a space at each
    end (`` procurement delays ``), so a tag filter is one ``contains`` on every database.
    """

    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="lessons")
    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="lessons")
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    why = models.TextField()
    next_time = models.TextField()
    tags = models.CharField(max_length=500, blank=True)
    results = models.ManyToManyField("plans.Result", blank=True, related_name="lessons")
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="lessons_written",
    )
    created_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(unit="unit", cycle="cycle")

    class Meta:
        ordering = ["cycle", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def audit_cycle_code(self) -> str:
        return self.cycle.code

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()

    def clean(self) -> None:
        if self.cycle_id and self.unit_id and self.unit.cycle_id != self.cycle_id:
            raise ValidationError({"unit": "The unit belongs to another cycle."})
        review = self.review if self.review_id else None
        if review is not None and self.cycle_id and review.cycle_id != self.cycle_id:
            raise ValidationError({"review": "The review belongs to another cycle."})
