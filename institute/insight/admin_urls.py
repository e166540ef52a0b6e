"""Staff screens of place insight under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "insight_admin"
urlpatterns = [path("imports/", admin_views.imports, name="imports")]
