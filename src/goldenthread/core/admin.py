"""The admin, made to write through the audited services and to keep to the roles.

``AuditedAdmin`` routes every save and delete of the Django admin, inlines
included, through ``goldenthread.core.services``, so an edit in the admin is
validated and leaves an audit row like any other change. Model admins with
their own domain service (links, units, cycles) override ``create``/``update``.

Staff who are not superusers see in the admin only the records their roles let
them see (``visible_to``), and change or delete only those their roles let them
change: each model admin names the action a write needs (``write_action``), checked
on the record's unit as everywhere else (docs/permissions.md).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html

from goldenthread.core import permissions
from goldenthread.core.models import AuditEntry
from goldenthread.core.services import object_create, object_delete, object_update

admin.site.site_header = "Golden Thread administration"
admin.site.site_title = "Golden Thread admin"
admin.site.index_title = "Plan records"
admin.site.site_url = "/"


class ReadOnly:
    """For a model admin or an inline whose records are written elsewhere (actuals on the
    reporting pages, reviews on theirs): to look up, never to add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """A model admin whose writes go through the audited services, within the roles."""

    #: what a change to a record of this model needs on its unit (or on the organisation)
    write_action: permissions.Action = permissions.PLAN

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(request.user) if visible_to is not None else queryset

    def may_write(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or permissions.can(request.user, self.write_action, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self.may_write(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self.may_write(request, obj)

    def create(self, request: HttpRequest, obj: Any) -> Any:
        return object_create(actor=request.user, obj=obj, message="admin")

    def update(self, request: HttpRequest, obj: Any, form: ModelForm | None = None) -> Any:
        return object_update(actor=request.user, obj=obj, message="admin")

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        permissions.require(request.user, self.write_action, obj)  # the record as it will be
        if change:
            self.update(request, obj, form)
        else:
            saved = self.create(request, obj)
            if saved is not obj:  # a service built its own instance: the admin needs its key
                obj.pk = saved.pk
                for field in obj._meta.concrete_fields:
                    setattr(obj, field.attname, getattr(saved, field.attname))
                obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        permissions.require(request.user, self.write_action, obj)
        object_delete(actor=request.user, obj=obj, message="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            permissions.require(request.user, self.write_action, obj)
            object_delete(actor=request.user, obj=obj, message="admin")

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        """Inline rows are created, updated and deleted through the services too."""
        instances = formset.save(commit=False)
        for obj in [*formset.deleted_objects, *instances]:
            permissions.require(request.user, self.write_action, obj)
        for obj in formset.deleted_objects:
            object_delete(actor=request.user, obj=obj, message="admin")
        for obj in instances:
            if obj._state.adding:
                object_create(actor=request.user, obj=obj, message="admin")
            else:
                object_update(actor=request.user, obj=obj, message="admin")
        formset.save_m2m()

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """A rule a service enforces beyond the form (a loop in the cascade, a year
        outside the cycle on a new inline row) refuses the whole save with its
        message; the admin's transaction rolls back, so nothing is half-written."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def _pretty_json(value: object) -> str:
    if value is None:
        return "—"
    return format_html("<pre style='white-space: pre-wrap; margin: 0'>{}</pre>",
                       json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, to read and search; nobody edits or deletes it here."""

    list_display = ("at", "actor_label", "action", "object_type", "object_repr", "cycle_code")
    list_filter = ("action", "object_type", "at", "cycle_code")
    search_fields = ("actor_label", "object_repr", "object_type", "object_id", "action", "message")
    date_hierarchy = "at"
    list_per_page = 50
    list_select_related = ("actor",)
    fields = (
        "at", "actor", "actor_label", "action", "object_type", "object_id", "object_repr",
        "cycle_code", "batch", "message", "before_pretty", "after_pretty",
    )
    readonly_fields = fields

    @admin.display(description="before")
    def before_pretty(self, obj: AuditEntry) -> str:
        return _pretty_json(obj.before)

    @admin.display(description="after")
    def after_pretty(self, obj: AuditEntry) -> str:
        return _pretty_json(obj.after)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False
