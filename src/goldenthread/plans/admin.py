"""Admin of the plan: cycles, levels, results and links, written through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from goldenthread.core.admin import AuditedAdmin
from goldenthread.plans.models import Cycle, Level, Link, Result
from goldenthread.plans.services import _check_no_loop, cycle_create, link_create, link_update


def _fields(obj: Any) -> dict[str, Any]:
    """The concrete field values of an unsaved instance, for a service's keyword arguments."""
    return {
        field.name: getattr(obj, field.name)
        for field in obj._meta.concrete_fields
        if not field.primary_key
    }


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    fields = ("rank", "code", "name", "kind")
    ordering = ("rank",)


@admin.register(Cycle)
class CycleAdmin(AuditedAdmin):
    list_display = ("code", "name", "start_year", "end_year", "baseline_year", "currency")
    search_fields = ("code", "name")
    inlines = [LevelInline]

    def create(self, request: HttpRequest, obj: Cycle) -> Cycle:
        """A new cycle gets its regular-budget fund, as every cycle must."""
        return cycle_create(actor=request.user, **_fields(obj))


@admin.register(Level)
class LevelAdmin(AuditedAdmin):
    list_display = ("name", "code", "kind", "rank", "cycle")
    list_filter = ("cycle", "kind")
    search_fields = ("code", "name")
    list_select_related = ("cycle",)
    ordering = ("cycle", "rank")


@admin.register(Result)
class ResultAdmin(AuditedAdmin):
    list_display = ("code", "title", "level", "unit", "person", "tier", "priority", "status", "cycle")
    list_filter = ("cycle", "level__kind", "unit__tier", "priority", "status")
    search_fields = ("code", "title", "unit__code", "person__name")
    list_select_related = ("cycle", "level", "unit", "person")
    autocomplete_fields = ("unit", "person")
    list_per_page = 50

    @admin.display(description="tier", ordering="unit__tier")
    def tier(self, obj: Result) -> int:
        return obj.tier


class LinkForm(forms.ModelForm):
    """Refuses, on the form, a link that would close a loop, naming the loop."""

    class Meta:
        model = Link
        fields = ("child", "parent", "weight", "assumption")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        child, parent = data.get("child"), data.get("parent")
        if child is not None and parent is not None and self.instance.pk is None:
            if child.cycle_id != parent.cycle_id:
                raise ValidationError("A link cannot cross cycles.")
            if child.pk != parent.pk:
                _check_no_loop(child, parent)
        return data


@admin.register(Link)
class LinkAdmin(AuditedAdmin):
    form = LinkForm
    list_display = ("child", "parent", "weight", "cycle")
    list_filter = ("cycle",)
    search_fields = ("child__code", "parent__code", "child__title", "parent__title")
    list_select_related = ("cycle", "child", "parent")
    autocomplete_fields = ("child", "parent")

    def get_readonly_fields(self, request: HttpRequest, obj: Link | None = None) -> Any:
        # Re-pointing a link is a delete and a new link, so the loop check always runs.
        return ("child", "parent") if obj is not None else ()

    def create(self, request: HttpRequest, obj: Link) -> Link:
        return link_create(
            actor=request.user, child=obj.child, parent=obj.parent, weight=obj.weight,
            assumption=obj.assumption,
        )

    def update(self, request: HttpRequest, obj: Link, form: Any = None) -> Link:
        return link_update(actor=request.user, link=obj, weight=obj.weight, assumption=obj.assumption)
