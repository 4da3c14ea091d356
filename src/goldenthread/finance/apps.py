from __future__ import annotations

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "goldenthread.finance"
    label = "finance"
    verbose_name = "Finance"
