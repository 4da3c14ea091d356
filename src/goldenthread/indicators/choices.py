from __future__ import annotations

from django.db import models


class UnitOfMeasure(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENT = "percent", "Percent"
    CURRENCY = "currency", "Currency"
    RATIO = "ratio", "Ratio"
    INDEX = "index", "Index"
    YES_NO = "yes_no", "Yes / no"
    QUALITATIVE = "qualitative", "Qualitative"


class Direction(models.TextChoices):
    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease"
    MAINTAIN = "maintain", "Maintain"


class Aggregation(models.TextChoices):
    """How values of contributing indicators combine into one."""

    SUM = "sum", "Sum"
    MEAN = "mean", "Mean"
    WEIGHTED_MEAN = "weighted_mean", "Weighted mean"
    MIN = "min", "Minimum"
    MAX = "max", "Maximum"
    LATEST = "latest", "Latest"
    CUMULATIVE = "cumulative", "Cumulative"
    NONE = "none", "Does not aggregate"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    SEMIANNUAL = "semiannual", "Every six months"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Every two years"
    ENDLINE = "endline", "At the end of the cycle"


class ActualStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class Computation(models.TextChoices):
    """How a computed indicator's values come from its sources' values, period by period.

    The codes are those of ``Aggregation`` (less ``none``): a programme's total is the
    ``sum`` of its projects' values. Blank means the values are entered by people.
    """

    SUM = "sum", "Sum"
    MEAN = "mean", "Mean"
    WEIGHTED_MEAN = "weighted_mean", "Weighted mean"
    MIN = "min", "Minimum"
    MAX = "max", "Maximum"
    LATEST = "latest", "Latest"
    CUMULATIVE = "cumulative", "Cumulative"
