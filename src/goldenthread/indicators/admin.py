"""Admin of indicators, with their targets and actuals as inline rows."""

from __future__ import annotations

from django.contrib import admin

from goldenthread.core import permissions
from goldenthread.core.admin import AuditedAdmin, ReadOnly
from goldenthread.indicators.models import Actual, Indicator, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("year", "quarter", "value", "text")


class ActualInline(ReadOnly, admin.TabularInline):
    """Actuals, to read: they are entered, submitted, approved and unlocked on the
    reporting pages, whose checks and locks the admin must not bypass."""

    model = Actual
    extra = 0
    fields = ("year", "quarter", "value", "text", "status", "comment")


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = (
        "code", "name", "result", "unit_of_measure", "direction", "baseline_value", "cycle",
    )
    list_filter = ("cycle", "unit_of_measure", "direction", "aggregation", "frequency")
    search_fields = ("code", "name", "result__code", "sdg")
    list_select_related = ("cycle", "result")
    autocomplete_fields = ("result", "responsible")
    inlines = [TargetInline, ActualInline]
    fieldsets = (
        (None, {"fields": ("cycle", "code", "result", "name", "definition")}),
        ("Measure", {"fields": ("unit_of_measure", "allows_over_100", "direction", "aggregation",
                                "weight")}),
        ("Baseline", {"fields": ("baseline_year", "baseline_value", "baseline_text")}),
        ("Reference sheet", {"fields": (
            "means_of_verification", "collection_method", "frequency", "responsible", "sdg",
        )}),
    )


class _ValueAdmin(AuditedAdmin):
    search_fields = ("indicator__code", "indicator__name")
    autocomplete_fields = ("indicator",)

    @admin.display(description="period", ordering="year")
    def period(self, obj: Target | Actual) -> str:
        return str(obj.period)


@admin.register(Target)
class TargetAdmin(_ValueAdmin):
    list_display = ("indicator", "period", "value", "text")
    list_filter = ("indicator__cycle", "year", "quarter")
    list_select_related = ("indicator", "indicator__cycle")


@admin.register(Actual)
class ActualAdmin(ReadOnly, _ValueAdmin):
    """Actuals, to look up; written only on the reporting pages (see ``ActualInline``)."""

    write_action = permissions.REPORT
    list_display = ("indicator", "period", "value", "text", "status", "reported_by")
    list_filter = ("indicator__cycle", "status", "year", "quarter")
    list_select_related = ("indicator", "indicator__cycle", "reported_by")
