"""Admin of the money in the plan: funds, cost lines, staff time allocations."""

from __future__ import annotations

from django.contrib import admin

from goldenthread.core.admin import AuditedAdmin
from goldenthread.finance.models import Allocation, CostLine, Fund


@admin.register(Fund)
class FundAdmin(AuditedAdmin):
    list_display = ("code", "name", "donor", "is_regular", "cycle")
    list_filter = ("cycle", "is_regular")
    search_fields = ("code", "name", "donor")
    list_select_related = ("cycle",)


@admin.register(CostLine)
class CostLineAdmin(AuditedAdmin):
    list_display = ("result", "year", "category", "source", "amount")
    list_filter = ("result__cycle", "year", "category", "source__is_regular")
    search_fields = ("result__code", "result__title", "description", "source__code")
    list_select_related = ("result", "source")
    autocomplete_fields = ("result",)


@admin.register(Allocation)
class AllocationAdmin(AuditedAdmin):
    list_display = ("person", "result", "year", "share")
    list_filter = ("result__cycle", "year")
    search_fields = ("person__code", "person__name", "result__code")
    list_select_related = ("person", "result")
    autocomplete_fields = ("person", "result")
