"""Reviews and lessons in the admin: to look them up. They are written through their pages
(the services check who may do what, and decisions are applied there, once)."""

from __future__ import annotations

from django.contrib import admin

from goldenthread.core.admin import ReadOnly
from goldenthread.reviews.models import Decision, FollowUp, Lesson, Review, ReviewNote


@admin.register(Review)
class ReviewAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "unit", "year", "quarter", "status", "frozen_at", "created_by_label")
    list_filter = ("cycle", "status", "year", "quarter")
    search_fields = ("title", "unit__code", "unit__name")
    list_select_related = ("unit",)


@admin.register(Decision)
class DecisionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("pk", "review", "kind", "status", "proposed_by_label", "applied_by_label", "applied_at")
    list_filter = ("kind", "status", "review__cycle")
    list_select_related = ("review", "review__unit")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("description", "review", "owner", "due", "status")
    list_filter = ("status", "review__cycle")
    list_select_related = ("review", "review__unit", "owner")


@admin.register(ReviewNote)
class ReviewNoteAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("__str__", "review", "author_label", "created_at")
    list_select_related = ("review", "review__unit")


@admin.register(Lesson)
class LessonAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "unit", "tags", "review", "created_by_label", "created_at")
    list_filter = ("cycle",)
    search_fields = ("title", "what_happened", "why", "next_time", "tags")
    list_select_related = ("unit", "review", "review__unit")
