"""``/api/v1/``: the index, the docs page and every room's endpoints (``site.build``)."""

from django.urls import path, re_path

from . import views
from .site import build

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("docs/", views.docs, name="docs"),
    *build()[1],
    # Anything else under /api/v1/ is a 404 in the API's own shape, not an HTML page.
    re_path(r"^(?P<rest>.+)$", views.not_found, name="not_found"),
]
