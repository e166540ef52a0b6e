"""The newsletter in the Wagtail admin: *Newsletter* leads to the issues (``admin_views.py``)."""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import PERMISSION


class NewsletterMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_newsletter_menu_item():
    return NewsletterMenuItem(
        "Newsletter", reverse_lazy("newsletter_admin:issues"), icon_name="mail", order=360
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("newsletter/manage/", include(admin_urls, namespace="newsletter_admin"))]
