from __future__ import annotations

from django.urls import URLPattern, path

from goldenthread.interop import views

urlpatterns: list[URLPattern] = [
    path("cycles/<str:cycle_code>/workbook/", views.workbook, name="workbook"),
    path("cycles/<str:cycle_code>/workbook/apply/", views.workbook_apply, name="workbook_apply"),
    path("cycles/<str:cycle_code>/workbook/discard/", views.workbook_discard,
         name="workbook_discard"),
    path("cycles/<str:cycle_code>/workbook/download/", views.workbook_download,
         name="workbook_download"),
]
