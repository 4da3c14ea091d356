from __future__ import annotations

from django.db import models


class ContractType(models.TextChoices):
    FIXED_TERM = "fixed_term", "Fixed-term"
    CONTINUING = "continuing", "Continuing"
    PERMANENT = "permanent", "Permanent"
    TEMPORARY = "temporary", "Temporary"
    CONSULTANT = "consultant", "Consultant"
