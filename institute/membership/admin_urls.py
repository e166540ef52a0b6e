"""Staff screens of membership, under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "membership_admin"
urlpatterns = [
    path("", admin_views.memberships, name="memberships"),
    path("export/", admin_views.export, name="export"),
    path("applications/", admin_views.applications, name="applications"),
    path("<str:membership_id>/", admin_views.membership, name="membership"),
    path("feedback/all/", admin_views.feedback, name="feedback"),
    path("feedback/<str:feedback_id>/", admin_views.feedback_moderate, name="feedback_moderate"),
]
