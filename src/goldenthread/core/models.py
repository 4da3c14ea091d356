"""The audit trail: one row for every change, whoever or whatever made it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.choices import AuditAction


class AuditEntry(models.Model):
    """Who changed what, when, with the record as it was before and after.

    Written by the service that makes the change, in the same transaction, so a
    change and its audit row stand or fall together. Changes made by the
    command line or by loading a plan file are audited like those made on a
    page; ``batch`` groups the rows of one load or one bulk operation.
    Cycle and object are kept as plain values, not foreign keys, so the trail
    outlives the records it describes.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_label = models.CharField(max_length=150, help_text="user name, or 'cli:<account>'")
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=64, help_text="app_label.model")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    cycle_code = models.CharField(max_length=32, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    message = models.TextField(blank=True)
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    source = models.CharField(
        max_length=64, blank=True, db_index=True,
        help_text="what the change was made for, e.g. 'review:12' for a review's decision",
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["actor_label", "at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
