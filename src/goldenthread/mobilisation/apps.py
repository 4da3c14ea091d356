from __future__ import annotations

from django.apps import AppConfig


class MobilisationConfig(AppConfig):
    name = "goldenthread.mobilisation"
    label = "mobilisation"
    verbose_name = "Resource mobilisation"
