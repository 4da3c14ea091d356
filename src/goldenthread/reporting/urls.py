from __future__ import annotations

from django.urls import URLPattern, path

from goldenthread.reporting import views

urlpatterns: list[URLPattern] = [
    path("reporting/", views.reporting_home, name="reporting_home"),
    path("cycles/<str:cycle_code>/reporting/", views.my_reporting, name="my_reporting"),
    path("cycles/<str:cycle_code>/reporting/approvals/", views.approvals, name="approvals"),
    path("cycles/<str:cycle_code>/reporting/completeness/", views.completeness, name="completeness"),
    path(
        "cycles/<str:cycle_code>/reporting/<str:indicator_code>/<str:period>/",
        views.actual_page, name="actual_page",
    ),
    path("reporting/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/<int:pk>/dismiss/", views.notification_dismiss, name="notification_dismiss"),
    path("notifications/badge/", views.notification_badge, name="notification_badge"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
]
