"""Progress reporting: the evidence behind an actual, the steps of its approval, and the
notifications that bring people back to what waits for them.

The actual itself (value, status, comment) is ``indicators.Actual``; this app adds what
the workflow needs around it. Every write goes through ``reporting.services``.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from goldenthread.core.permissions import ScopedManager
from goldenthread.reporting.choices import NotificationKind, Step

_ACTUAL_SCOPE = {
    "unit": "actual__indicator__result__unit",
    "cycle": "actual__indicator__cycle",
    "responsible": "actual__indicator__responsible",
}


def evidence_path(cycle_id: int, filename: str) -> str:
    """Uploads live under ``evidence/<cycle id>/<random>/<name>`` in the media root: names
    never collide and cannot be guessed; they are served only through the
    permission-checked view."""
    name = PurePath(filename.replace("\\", "/")).name[-120:] or "file"
    return f"evidence/{cycle_id}/{uuid.uuid4().hex}/{name}"


class Evidence(models.Model):
    """What backs a reported value: a link to a source, an uploaded file, or both.

    Files are stored under the media root and served only to people who may see the
    actual (never as public static files)."""

    actual = models.ForeignKey("indicators.Actual", on_delete=models.CASCADE, related_name="evidence")
    link = models.URLField(max_length=1000, blank=True)
    file = models.CharField(
        max_length=300, blank=True, help_text="where the uploaded file is kept in the media storage"
    )
    file_name = models.CharField(max_length=255, blank=True, help_text="the name it was uploaded with")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(**_ACTUAL_SCOPE)

    class Meta:
        ordering = ["actual", "added_at", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(link="") | ~models.Q(file=""), name="evidence_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        return f"evidence for {self.actual}: {self.file_name or self.link}"

    def audit_cycle_code(self) -> str:
        return self.actual.indicator.cycle.code

    def clean(self) -> None:
        if not self.link and not self.file:
            raise ValidationError("Evidence is a link, a file, or both.")


class Transition(models.Model):
    """One step of an actual's approval: submitted, approved, returned with a reason, or
    unlocked by a planner with a reason. The reasons are kept here and in the audit log."""

    actual = models.ForeignKey(
        "indicators.Actual", on_delete=models.CASCADE, related_name="transitions"
    )
    step = models.CharField(max_length=16, choices=Step.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(**_ACTUAL_SCOPE)

    class Meta:
        ordering = ["actual", "at", "id"]
        indexes = [models.Index(fields=["actual", "step"], name="transition_actual_step_idx")]

    def __str__(self) -> str:
        return f"{self.actual} {self.get_step_display().lower()} by {self.by_label}"

    def audit_cycle_code(self) -> str:
        return self.actual.indicator.cycle.code


class Notification(models.Model):
    """A message for one user inside the product: a value returned to them, values awaiting
    their approval, a report overdue. ``key`` names what it is about, so the same thing is
    never notified twice (``goldenthread remind`` run every day adds only what is new)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    key = models.CharField(max_length=120)
    cycle = models.ForeignKey("plans.Cycle", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "indicators.Indicator", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(default=0)
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key"),
        ]
        indexes = [
            models.Index(fields=["recipient", "dismissed_at", "read_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"to {self.recipient}: {self.message[:60]}"

    def audit_cycle_code(self) -> str:
        return self.cycle.code


class Reminder(models.Model):
    """An item already sent to a person in an email digest (``goldenthread remind``), so the
    next digest does not repeat it. ``key`` is the notification key of the item."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "key"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="reminder_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key} sent to {self.person}"
