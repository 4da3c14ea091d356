from __future__ import annotations

from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "goldenthread.risks"
    label = "risks"
    verbose_name = "Risks"
