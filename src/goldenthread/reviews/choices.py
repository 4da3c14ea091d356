from __future__ import annotations

from django.db import models


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class DecisionKind(models.TextChoices):
    """What a review may decide; each kind has its own parameters (``decisions.py``)."""

    CHANGE_PRIORITY = "change_priority", "Change an output's priority"
    CHANGE_TARGET = "change_target", "Change a target"
    MOVE_BUDGET = "move_budget", "Move budget between outputs"
    DROP_OUTPUT = "drop_output", "Drop an output"
    ADD_OUTPUT = "add_output", "Add an output"
    ESCALATE_RISK = "escalate_risk", "Escalate a risk"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPLIED = "applied", "Applied"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"
