from __future__ import annotations

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "goldenthread.insights"
    label = "insights"
    verbose_name = "Insights"
