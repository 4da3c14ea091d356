"""Admin of the organisation: units (tiers kept by the services), grades, people, roles."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from goldenthread.core import permissions
from goldenthread.core.admin import AuditedAdmin
from goldenthread.core.services import object_update
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person, RoleAssignment
from goldenthread.org.services import role_grant, role_revoke, unit_create, unit_move


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdmin):
    list_display = ("code", "name", "tier", "parent", "cycle")
    list_filter = ("cycle", "tier")
    search_fields = ("code", "name")
    list_select_related = ("cycle", "parent")
    autocomplete_fields = ("parent",)
    readonly_fields = ("tier",)

    def create(self, request: HttpRequest, obj: OrgUnit) -> OrgUnit:
        return unit_create(
            actor=request.user, cycle=obj.cycle, code=obj.code, name=obj.name, parent=obj.parent
        )

    def update(self, request: HttpRequest, obj: OrgUnit, form: Any = None) -> OrgUnit:
        """Moving a unit re-tiers its whole subtree."""
        if form is not None and "parent" in form.changed_data:
            return unit_move(actor=request.user, unit=obj, parent=obj.parent)
        return object_update(actor=request.user, obj=obj, message="admin")


class GradeCostInline(admin.TabularInline):
    model = GradeCost
    extra = 1
    fields = ("year", "annual_cost")


@admin.register(Grade)
class GradeAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("code", "name", "cycle")
    list_filter = ("cycle",)
    search_fields = ("code", "name")
    list_select_related = ("cycle",)
    inlines = [GradeCostInline]


@admin.register(GradeCost)
class GradeCostAdmin(AuditedAdmin):
    write_action = permissions.FINANCE
    list_display = ("grade", "year", "annual_cost", "cycle")
    list_filter = ("grade__cycle", "year")
    search_fields = ("grade__code",)
    list_select_related = ("grade", "grade__cycle")

    @admin.display(description="cycle", ordering="grade__cycle")
    def cycle(self, obj: GradeCost) -> str:
        return obj.grade.cycle.code


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    write_action = permissions.ADMIN
    list_display = ("code", "name", "unit", "grade", "capacity", "contract", "remote", "cycle")
    list_filter = ("cycle", "contract", "remote", "grade__code", "unit__tier")
    search_fields = ("code", "name", "email", "unit__code")
    list_select_related = ("cycle", "unit", "grade")
    autocomplete_fields = ("unit", "user")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    """Roles are granted and withdrawn through the audited role services; changing a
    role is withdrawing it and granting another, so it is not edited in place."""
    write_action = permissions.ADMIN

    list_display = ("user", "role", "unit", "cycle")
    list_filter = ("role", "unit__cycle", "unit__tier")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__code",
                     "unit__name")
    list_select_related = ("user", "unit", "unit__cycle")
    autocomplete_fields = ("user", "unit")

    @admin.display(description="cycle", ordering="unit__cycle__code")
    def cycle(self, obj: RoleAssignment) -> str:
        return obj.unit.cycle.code

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("user", "unit", "role") if obj is not None else ()

    def create(self, request: HttpRequest, obj: RoleAssignment) -> RoleAssignment:
        return role_grant(
            actor=request.user, user=obj.user, unit=obj.unit, role=obj.role, message="admin"
        )

    def delete_model(self, request: HttpRequest, obj: RoleAssignment) -> None:
        role_revoke(actor=request.user, assignment=obj, message="admin")

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.select_related("unit", "user"):
            role_revoke(actor=request.user, assignment=obj, message="admin")
