from __future__ import annotations

from django.db import models


class Step(models.TextChoices):
    """A step of an actual's reporting workflow."""

    SUBMIT = "submit", "Submitted"
    APPROVE = "approve", "Approved"
    RETURN = "return", "Returned"
    UNLOCK = "unlock", "Unlocked"


class NotificationKind(models.TextChoices):
    RETURNED = "returned", "Returned to you"
    AWAITING = "awaiting", "Awaiting your approval"
    OVERDUE = "overdue", "Overdue"
    APPROVED = "approved", "Approved"
    UNLOCKED = "unlocked", "Unlocked"
