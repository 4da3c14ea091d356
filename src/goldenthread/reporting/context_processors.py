from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def reporting(request: HttpRequest) -> dict[str, Any]:
    """The user's unread notifications, counted only if a template uses the number (the
    top bar's badge, fetched after the page loads, and the reporting pages)."""
    user = getattr(request, "user", None)

    def unread() -> int:
        if user is None or not user.is_authenticated:
            return 0
        from goldenthread.reporting.models import Notification

        return Notification.objects.filter(
            recipient=user, read_at__isnull=True, dismissed_at__isnull=True
        ).count()

    return {"notification_count": SimpleLazyObject(unread)}
