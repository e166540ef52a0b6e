"""The Academy in the Wagtail admin.

*Academy cohorts* leads to the staff screens (``admin_views.py``): a cohort's
applications and attendance, completion and certificates (each revocable from there)."""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import PERMISSION


class CohortsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_cohorts_menu_item():
    return CohortsMenuItem(
        "Academy cohorts", reverse_lazy("academy_admin:cohorts"), icon_name="group", order=350
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("academy/manage/", include(admin_urls, namespace="academy_admin"))]


# --- Mentoring and coaching ----------------------------------------------------------------
from .mentoring import admin_hooks  # noqa: E402,F401 — its hooks register on import
