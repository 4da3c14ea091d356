"""Admin of resource mobilisation: revenue streams and action lines."""

from __future__ import annotations

from django.contrib import admin

from goldenthread.core import permissions
from goldenthread.core.admin import AuditedAdmin
from goldenthread.mobilisation.models import ActionLine, Revenue


@admin.register(Revenue)
class RevenueAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("stream", "year", "amount", "earmark", "cycle")
    list_filter = ("cycle", "stream", "year")
    search_fields = ("stream", "earmark__code")
    list_select_related = ("cycle", "earmark")
    autocomplete_fields = ("earmark",)


@admin.register(ActionLine)
class ActionLineAdmin(AuditedAdmin):
    list_display = ("code", "short_title", "area", "status", "target", "owner", "cycle")
    list_filter = ("cycle", "area", "status")
    search_fields = ("code", "title", "milestone")
    list_select_related = ("cycle", "owner")
    autocomplete_fields = ("owner",)

    @admin.display(description="title")
    def short_title(self, obj: ActionLine) -> str:
        return obj.title if len(obj.title) <= 90 else obj.title[:89] + "…"

    @admin.display(description="target", ordering="target_year")
    def target(self, obj: ActionLine) -> str:
        return str(obj.target or "")
