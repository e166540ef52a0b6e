"""The year in review in the Wagtail admin: a "Freeze figures" button on each review page."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_urls
from .admin_views import may_freeze
from .models import ReviewPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("review/", include(admin_urls, namespace="review_admin"))]


def _freeze_button(page, user):
    if isinstance(page.specific_deferred, ReviewPage) and may_freeze(user=user, page=page):
        url = reverse("review_admin:freeze", kwargs={"page_id": page.pk})
        yield Button("Freeze figures", url, icon_name="lock", priority=55)


@hooks.register("register_page_header_buttons")
def freeze_header_button(page, user, view_name=None, next_url=None):
    yield from _freeze_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def freeze_listing_button(page, user, next_url=None):
    yield from _freeze_button(page, user)
