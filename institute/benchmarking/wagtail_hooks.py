"""Staff manage modules, cycles and participants in the Wagtail admin.

A cycle's own page (``views/admin.py``, linked from the listing) shows live response counts
and the buttons that change its state through the services; *History imports* takes a file
of earlier answers through a dry run to a confirmed import. Participants added here get
their survey links from ``services.participant_add``, as everywhere else.
"""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_urls
from .models import Cycle, Module, Participant
from .services import participant_add
from .views.admin import PERMISSION


class CycleManageColumn(Column):
    """The link to a cycle's own admin page (responses, status and results)."""

    cell_template_name = "benchmarking/admin/cycle_manage_cell.html"


class ModuleViewSet(ModelViewSet):
    model = Module
    name = "benchmarking_modules"
    url_prefix = "benchmarking/modules"
    icon = "form"
    form_fields = ["title", "description"]
    list_display = ["title", "key", "level"]
    inspect_view_enabled = True


class CycleViewSet(ModelViewSet):
    model = Cycle
    name = "benchmarking_cycles"
    url_prefix = "benchmarking/cycles"
    icon = "date"
    # The status changes only through the cycle's page (the services), never by editing.
    form_fields = ["year", "module_versions"]
    list_display = [
        "year",
        "status",
        "results_computed_at",
        CycleManageColumn("manage", label="Manage"),
    ]


class ParticipantCreateView(CreateView):
    def save_instance(self):
        instance = self.form.instance
        return participant_add(cycle=instance.cycle, organisation=instance.organisation)


class ParticipantViewSet(ModelViewSet):
    model = Participant
    name = "benchmarking_participants"
    url_prefix = "benchmarking/participants"
    icon = "group"
    add_view_class = ParticipantCreateView
    form_fields = ["cycle", "organisation"]
    list_display = ["organisation", "cycle"]
    list_filter = ["cycle"]
    search_fields = ["organisation__name"]


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class BenchmarkingGroup(ModelViewSetGroup):
    menu_label = "Benchmarking"
    menu_icon = "table"
    items = (ModuleViewSet, CycleViewSet, ParticipantViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            ImportsMenuItem(
                "History imports",
                reverse_lazy("benchmarking_admin:imports"),
                icon_name="upload",
                order=len(self.items) + 1,
            ),
        ]


@hooks.register("register_admin_viewset")
def register_viewset():
    return BenchmarkingGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("benchmarking/manage/", include(admin_urls, namespace="benchmarking_admin"))]
