"""Staff pages of the mentoring scheme, under the Wagtail admin (``mentoring/admin_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "academy_mentoring_admin"
urlpatterns = [
    path("rounds/", admin_views.rounds, name="rounds"),
    path("rounds/<int:pk>/", admin_views.round_detail, name="round"),
]
