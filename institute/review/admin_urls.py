"""The review's staff screen under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "review_admin"
urlpatterns = [
    path("<int:page_id>/freeze/", admin_views.freeze, name="freeze"),
]
