from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    LOAD = "load", "Plan loaded"
    REPLACE = "replace", "Plan replaced"
