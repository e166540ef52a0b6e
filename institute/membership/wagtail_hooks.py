from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import PERMISSION


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_memberships_menu_item():
    return StaffMenuItem(
        "Memberships", reverse_lazy("membership_admin:memberships"), icon_name="user", order=360
    )


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return StaffMenuItem(
        "Member feedback",
        reverse_lazy("membership_admin:feedback"),
        icon_name="comment",
        order=361,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("membership/manage/", include(admin_urls, namespace="membership_admin"))]


# Tiers: staff set each year's prices and benefits.
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from .models import Tier  # noqa: E402


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "tag"
    menu_label = "Membership tiers"
    list_display = ["name", "year", "kind", "price", "needs_approval"]
    list_filter = ["year", "kind"]


register_snippet(TierViewSet)
