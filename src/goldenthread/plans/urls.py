from __future__ import annotations

from django.urls import path

from goldenthread.plans import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cycles/<str:cycle_code>/", views.cycle_overview, name="cycle_overview"),
    path("cycles/<str:cycle_code>/orphans/", views.orphan_list, name="orphan_list"),
    path(
        "cycles/<str:cycle_code>/results/<str:result_code>/",
        views.result_detail,
        name="result_detail",
    ),
]

urlpatterns += [
    path("cycles/<str:cycle_code>/map/", views.strategy_map, name="strategy_map"),
    path("cycles/<str:cycle_code>/units/<str:unit_code>/", views.unit_detail, name="unit_detail"),
    path("cycles/<str:cycle_code>/people/<str:person_code>/", views.person_thread, name="person_thread"),
    path("cycles/<str:cycle_code>/my-thread/", views.my_thread, name="my_thread"),
    path("cycles/<str:cycle_code>/alignment/", views.alignment, name="alignment"),
]
