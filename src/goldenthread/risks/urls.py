from __future__ import annotations

from django.urls import URLPattern, path

from goldenthread.risks import views

urlpatterns: list[URLPattern] = [
    path("cycles/<str:cycle_code>/risks/", views.risk_register, name="risk_register"),
    path("cycles/<str:cycle_code>/risks/<str:risk_code>/deescalate/", views.risk_deescalate,
         name="risk_deescalate"),
]
