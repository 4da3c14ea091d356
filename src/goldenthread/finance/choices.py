from __future__ import annotations

from django.db import models


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    TRAVEL_EVENTS = "travel_events", "Travel and events"
    CONSULTANTS_CONTRACTUAL = "consultants_contractual", "Consultants and contractual services"
    EQUIPMENT_IT = "equipment_it", "Equipment and IT"
    OTHER_DIRECT = "other_direct", "Other direct costs"
    INDIRECT_SUPPORT = "indirect_support", "Indirect support costs"


REGULAR_BUDGET = "regular_budget"


class ScenarioRule(models.TextChoices):
    """How a funding scenario orders outputs within a MoSCoW priority."""

    SCORE = "score", "Score (higher first)"
    COST = "cost", "Cost (cheaper first)"
    MANUAL = "manual", "Manual rank"
