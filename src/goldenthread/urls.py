from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from goldenthread.core import views as core_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("assets/plotly-<str:version>.min.js", core_views.plotly_js, name="plotly_js"),
    path("", include("goldenthread.core.urls")),
    path("", include("goldenthread.plans.urls")),
    path("", include("goldenthread.reporting.urls")),
    path("", include("goldenthread.reviews.urls")),
    path("", include("goldenthread.risks.urls")),
    path("", include("goldenthread.finance.urls")),
    path("", include("goldenthread.interop.urls")),
]
