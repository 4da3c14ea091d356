from __future__ import annotations

from django.db import models


class LevelKind(models.TextChoices):
    IMPACT = "impact", "Impact"
    OUTCOME = "outcome", "Outcome"
    OUTPUT = "output", "Output"
    ACTIVITY = "activity", "Activity"


class Priority(models.TextChoices):
    """MoSCoW priority of an output: what is funded first when money is short."""

    MUST = "must", "Must have"
    SHOULD = "should", "Should have"
    COULD = "could", "Could have"
    WONT = "wont", "Won't have (this cycle)"


class RollupMethod(models.TextChoices):
    WEIGHTED_MEAN = "weighted_mean", "Weighted mean"
    WORST_OF = "worst_of", "Worst of"
    INDICATORS_ONLY = "indicators_only", "Own indicators only"


class ResultStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
