"""Admin of the money in the plan: funds, cost lines, staff time allocations, scenarios."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from goldenthread.core import permissions
from goldenthread.core.admin import AuditedAdmin
from goldenthread.core.services import object_create
from goldenthread.finance.models import (
    Allocation,
    CostLine,
    Fund,
    Scenario,
    ScenarioEnvelope,
    ScenarioRank,
    Transaction,
)


@admin.register(Fund)
class FundAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("code", "name", "donor", "is_regular", "cycle")
    list_filter = ("cycle", "is_regular")
    search_fields = ("code", "name", "donor")
    list_select_related = ("cycle",)


@admin.register(CostLine)
class CostLineAdmin(AuditedAdmin):
    write_action = permissions.COST
    list_display = ("result", "year", "category", "source", "amount")
    list_filter = ("result__cycle", "year", "category", "source__is_regular")
    search_fields = ("result__code", "result__title", "description", "source__code")
    list_select_related = ("result", "source")
    autocomplete_fields = ("result",)


@admin.register(Allocation)
class AllocationAdmin(AuditedAdmin):
    write_action = permissions.COST
    list_display = ("person", "result", "year", "share")
    list_filter = ("result__cycle", "year")
    search_fields = ("person__code", "person__name", "result__code")
    list_select_related = ("person", "result")
    autocomplete_fields = ("person", "result")


class ScenarioEnvelopeInline(admin.TabularInline):
    model = ScenarioEnvelope
    extra = 0
    fields = ("year", "source", "amount")


class ScenarioRankInline(admin.TabularInline):
    model = ScenarioRank
    extra = 0
    fields = ("result", "rank")
    autocomplete_fields = ("result",)


@admin.register(Scenario)
class ScenarioAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("code", "name", "rule", "cycle", "created_by_label", "created_at")
    list_filter = ("cycle", "rule")
    search_fields = ("code", "name", "description")
    list_select_related = ("cycle",)
    readonly_fields = ("created_by", "created_by_label", "created_at")
    inlines = [ScenarioEnvelopeInline, ScenarioRankInline]

    def create(self, request: HttpRequest, obj: Any) -> Any:
        obj.created_by = request.user
        obj.created_by_label = request.user.get_username()
        return object_create(actor=request.user, obj=obj, message="admin")


@admin.register(Transaction)
class TransactionAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("date", "amount", "currency", "category", "source", "unit", "output", "vendor")
    list_filter = ("cycle", "category", "source__is_regular")
    search_fields = ("vendor", "description", "reference", "output__code", "unit__code")
    list_select_related = ("source", "unit", "output")
    autocomplete_fields = ("output",)
    date_hierarchy = "date"
