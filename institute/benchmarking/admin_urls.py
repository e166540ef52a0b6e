"""Staff pages of benchmarking, under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from .views import admin

app_name = "benchmarking_admin"
urlpatterns = [
    path("cycles/<int:pk>/", admin.cycle, name="cycle"),
    path("cycles/<int:pk>/<slug:change>/", admin.cycle_change, name="cycle_change"),
    path("imports/", admin.imports, name="imports"),
    path("imports/<int:pk>/", admin.history_import, name="import"),
]
