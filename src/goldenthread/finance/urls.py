from __future__ import annotations

from django.urls import URLPattern, path

from goldenthread.finance import views

urlpatterns: list[URLPattern] = [
    path("cycles/<str:cycle_code>/finance/", views.financial_plan, name="financial_plan"),
    path("cycles/<str:cycle_code>/finance/outputs/<str:result_code>/", views.output_cost,
         name="output_cost"),
    path("cycles/<str:cycle_code>/finance/scenarios/", views.scenario_list, name="scenario_list"),
    path("cycles/<str:cycle_code>/finance/scenarios/new/", views.scenario_new, name="scenario_new"),
    path("cycles/<str:cycle_code>/finance/scenarios/compare/", views.scenario_compare,
         name="scenario_compare"),
    path("cycles/<str:cycle_code>/finance/scenarios/<str:scenario_code>/", views.scenario_detail,
         name="scenario_detail"),
    path("cycles/<str:cycle_code>/finance/scenarios/<str:scenario_code>/delete/",
         views.scenario_remove, name="scenario_delete"),
    path("cycles/<str:cycle_code>/finance/workforce/", views.workforce, name="workforce"),
]
