from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "goldenthread.demo"
    label = "demo"
    verbose_name = "Demo"
