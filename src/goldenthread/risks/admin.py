"""Admin of the risk register and of assumptions."""

from __future__ import annotations

from django.contrib import admin

from goldenthread.core import permissions
from goldenthread.core.admin import AuditedAdmin
from goldenthread.risks.models import Assumption, Risk


@admin.register(Risk)
class RiskAdmin(AuditedAdmin):
    write_action = permissions.RISK
    list_display = (
        "code", "title", "unit", "category", "inherent", "residual", "owner", "status", "escalated",
        "cycle",
    )
    list_filter = ("cycle", "category", "status", "unit__tier", ("escalated_at", admin.EmptyFieldListFilter))
    search_fields = ("code", "title", "unit__code", "result__code", "owner__name")
    list_select_related = ("cycle", "unit", "owner", "escalated_from")
    autocomplete_fields = ("unit", "result", "owner")
    # Escalation is set and cleared by its services (a review's decision, de-escalation
    # on the risk register), which keep who, when and why together; not typed in here.
    readonly_fields = (
        "escalated_at", "escalated_by", "escalated_by_label", "escalated_from", "escalated_to",
        "escalated_review", "escalation_reason",
    )

    @admin.display(description="escalated", boolean=False)
    def escalated(self, obj: Risk) -> str:
        if not obj.is_escalated:
            return ""
        return f"from {obj.escalated_from.code if obj.escalated_from else '?'}"

    @admin.display(description="inherent (L x I)")
    def inherent(self, obj: Risk) -> int:
        return obj.inherent_score

    @admin.display(description="residual (L x I)")
    def residual(self, obj: Risk) -> int | None:
        return obj.residual_score


@admin.register(Assumption)
class AssumptionAdmin(AuditedAdmin):
    write_action = permissions.RISK
    list_display = ("result", "statement", "status", "last_reviewed")
    list_filter = ("result__cycle", "status")
    search_fields = ("statement", "result__code")
    list_select_related = ("result",)
    autocomplete_fields = ("result",)
