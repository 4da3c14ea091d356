from __future__ import annotations

from django.db import models


class ContractType(models.TextChoices):
    FIXED_TERM = "fixed_term", "Fixed-term"
    CONTINUING = "continuing", "Continuing"
    PERMANENT = "permanent", "Permanent"
    TEMPORARY = "temporary", "Temporary"
    CONSULTANT = "consultant", "Consultant"


class Role(models.TextChoices):
    """What a person may do on a unit and every unit below it.

    The actions each role grants are set in one place, ``core/permissions.py``.
    """

    VIEWER = "viewer", "Viewer"
    REPORTER = "reporter", "Reporter"
    APPROVER = "approver", "Approver"
    PLANNER = "planner", "Planner"
    FINANCE = "finance", "Finance officer"
    RISK_OFFICER = "risk_officer", "Risk officer"
    ADMIN = "admin", "Administrator"
