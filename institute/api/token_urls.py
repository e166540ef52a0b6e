"""Personal access tokens, made and revoked from the profile page."""

from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_create, name="create"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
