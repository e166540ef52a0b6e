"""Place insight in the Wagtail admin: framework versions, places, member organisations'
places, and the import status screen (``admin_views.py``)."""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_urls
from .admin_views import PERMISSION
from .models import FrameworkVersion, Place, PlaceOrganisation


class FrameworkVersionViewSet(ModelViewSet):
    model = FrameworkVersion
    name = "insight_versions"
    url_prefix = "insight/versions"
    icon = "list-ul"
    form_fields = ["number", "title", "published", "weighting", "peer_count", "band", "notes"]
    list_display = ["number", "title", "published", "weighting", "peer_count", "band"]
    inspect_view_enabled = True


class PlaceViewSet(ModelViewSet):
    model = Place
    name = "insight_places"
    url_prefix = "insight/places"
    icon = "site"
    form_fields = [
        "gss_code",
        "name",
        "nation",
        "region",
        "population",
        "area_km2",
        "rurality",
        "deprivation",
    ]
    list_display = ["name", "gss_code", "nation", "region", "population"]
    list_filter = ["nation"]
    search_fields = ["name", "gss_code"]


class PlaceOrganisationViewSet(ModelViewSet):
    model = PlaceOrganisation
    name = "insight_place_organisations"
    url_prefix = "insight/organisations"
    icon = "group"
    form_fields = ["organisation", "place"]
    list_display = ["organisation", "place"]


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class InsightGroup(ModelViewSetGroup):
    menu_label = "Place insight"
    menu_icon = "table"
    items = (FrameworkVersionViewSet, PlaceViewSet, PlaceOrganisationViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            ImportsMenuItem(
                "Imports and scores",
                reverse_lazy("insight_admin:imports"),
                icon_name="upload",
                order=len(self.items) + 1,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return InsightGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("insight/manage/", include(admin_urls, namespace="insight_admin"))]
