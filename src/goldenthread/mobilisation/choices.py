from __future__ import annotations

from django.db import models


class RevenueStream(models.TextChoices):
    ASSESSED_CONTRIBUTIONS = "assessed_contributions", "Assessed contributions"
    SECTOR_MEMBERS = "sector_members", "Sector members"
    ASSOCIATES_ACADEMIA = "associates_academia", "Associates and academia"
    EVENTS = "events", "Events"
    PRODUCTS_SERVICES = "products_services", "Products and services"
    VOLUNTARY_CONTRIBUTIONS = "voluntary_contributions", "Voluntary contributions"
    COST_RECOVERY = "cost_recovery", "Cost recovery"
    OTHER = "other", "Other"


class ActionArea(models.TextChoices):
    STRENGTHEN_MEMBERSHIP = "strengthen_membership", "Strengthen membership"
    LEVERAGE_EVENTS_PRODUCTS_SERVICES = (
        "leverage_events_products_services",
        "Leverage events, products and services",
    )
    INCREASE_VOLUNTARY_CONTRIBUTIONS = (
        "increase_voluntary_contributions",
        "Increase voluntary contributions",
    )


class ActionStatus(models.TextChoices):
    TO_BE_STARTED = "to_be_started", "To be started"
    ONGOING = "ongoing", "Ongoing"
    COMPLETED = "completed", "Completed"
