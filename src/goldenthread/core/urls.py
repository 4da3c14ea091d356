from __future__ import annotations

from django.urls import path

from goldenthread.core import views

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("history/<str:object_type>/<str:object_id>/", views.object_history, name="object_history"),
]
