from __future__ import annotations

from django.urls import URLPattern, path

from goldenthread.reviews import views

R = "cycles/<str:cycle_code>/reviews/<int:pk>/"

urlpatterns: list[URLPattern] = [
    path("cycles/<str:cycle_code>/reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_goto, name="review_goto"),
    path(R, views.review_detail, name="review_detail"),
    path(R + "freeze/", views.review_freeze, name="review_freeze"),
    path(R + "close/", views.review_close, name="review_close"),
    path(R + "notes/", views.note_add, name="review_note_add"),
    path(R + "decisions/", views.decision_propose, name="review_decision_propose"),
    path(R + "decisions/<int:dpk>/apply/", views.decision_apply, name="review_decision_apply"),
    path(R + "decisions/<int:dpk>/withdraw/", views.decision_withdraw, name="review_decision_withdraw"),
    path(R + "actions/", views.action_add, name="review_action_add"),
    path(R + "actions/<int:apk>/status/", views.action_status, name="review_action_status"),
    path(R + "lessons/", views.review_lesson_add, name="review_lesson_add"),
    path(R + "pack.pdf", views.review_pdf, name="review_pdf"),
    path(R + "pack.xlsx", views.review_xlsx, name="review_xlsx"),
    path("cycles/<str:cycle_code>/lessons/", views.lesson_register, name="lesson_register"),
    path("cycles/<str:cycle_code>/results/<str:result_code>/lessons/", views.result_lessons,
         name="result_lessons"),
]
