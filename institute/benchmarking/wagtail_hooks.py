"""Staff manage modules, cycles and participants in the Wagtail admin.

Opening and closing a cycle go through the services (survey links issued, results
computed) on the cycle's *Manage* page (``views/manage.py``), linked from the listing.
"""

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Cycle, Module, Participant


def _manage_link(cycle):
    url = reverse("benchmarking:cycle_manage", args=[cycle.pk])
    return format_html('<a href="{}">Open, close or recompute {}</a>', url, cycle.year)


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
    form_fields = ["year", "module_versions"]
    list_display = [
        "year",
        "status",
        "results_computed_at",
        Column("manage", label="Status changes", accessor=_manage_link),
    ]


class ParticipantViewSet(ModelViewSet):
    model = Participant
    name = "benchmarking_participants"
    url_prefix = "benchmarking/participants"
    icon = "group"
    form_fields = ["cycle", "organisation"]
    list_display = ["organisation", "cycle"]
    list_filter = ["cycle"]
    search_fields = ["organisation__name"]


class BenchmarkingGroup(ModelViewSetGroup):
    menu_label = "Benchmarking"
    menu_icon = "table"
    items = (ModuleViewSet, CycleViewSet, ParticipantViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return BenchmarkingGroup()
