from __future__ import annotations

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "goldenthread.reviews"
    label = "reviews"
    verbose_name = "Reviews and lessons"
