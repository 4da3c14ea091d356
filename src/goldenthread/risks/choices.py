from __future__ import annotations

from django.db import models


class RiskCategory(models.TextChoices):
    STRATEGIC = "strategic", "Strategic"
    OPERATIONAL = "operational", "Operational"
    FINANCIAL = "financial", "Financial"
    FIDUCIARY = "fiduciary", "Fiduciary"
    REPUTATIONAL = "reputational", "Reputational"
    COMPLIANCE = "compliance", "Compliance"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class AssumptionStatus(models.TextChoices):
    HOLDS = "holds", "Holds"
    UNCERTAIN = "uncertain", "Uncertain"
    FAILED = "failed", "Failed"
