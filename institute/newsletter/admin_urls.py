"""Staff screens of the newsletter, under the Wagtail admin (``wagtail_hooks.py``)."""

from django.urls import path

from . import admin_views

app_name = "newsletter_admin"
urlpatterns = [
    path("", admin_views.issues, name="issues"),
    path("compose/", admin_views.compose_now, name="compose"),
    path("<int:issue_id>/", admin_views.issue, name="issue"),
    path("<int:issue_id>/preview/", admin_views.preview, name="preview"),
    path("<int:issue_id>/send-test/", admin_views.send_test, name="send_test"),
    path("<int:issue_id>/approve/", admin_views.approve, name="approve"),
    path(
        "<int:issue_id>/release-uncertain/", admin_views.release_uncertain, name="release_uncertain"
    ),
]
