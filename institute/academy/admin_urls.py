"""Staff screens of the programmes, under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "academy_admin"
urlpatterns = [
    path("cohorts/", admin_views.cohorts, name="cohorts"),
    path("cohorts/<int:cohort_id>/applications/", admin_views.applications, name="applications"),
    path("cohorts/<int:cohort_id>/attendance/", admin_views.attendance, name="attendance"),
    path(
        "cohorts/<int:cohort_id>/attendance/<int:session_id>/",
        admin_views.attendance_session,
        name="attendance_session",
    ),
    path("cohorts/<int:cohort_id>/complete/", admin_views.complete, name="complete"),
    path("certificates/<str:code>/revoke/", admin_views.revoke, name="revoke"),
]
