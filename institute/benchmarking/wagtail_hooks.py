"""Staff manage modules, cycles and participants in the Wagtail admin.

Opening and closing a cycle, and adding a participant, go through the services so survey
links are issued and results computed exactly as elsewhere.
"""

from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Cycle, Module, Participant
from .services import cycle_close, cycle_open, links_ensure, participant_add


class CycleEditView(EditView):
    def save_instance(self):
        before = Cycle.objects.get(pk=self.object.pk).status
        instance = super().save_instance()
        if instance.status != before:
            if instance.status == Cycle.Status.OPEN:
                cycle_open(cycle=instance)
            elif instance.status == Cycle.Status.CLOSED:
                cycle_close(cycle=instance)
        else:
            for participant in instance.participants.all():
                links_ensure(participant=participant)
        return instance


class ParticipantCreateView(CreateView):
    def save_instance(self):
        return participant_add(
            cycle=self.form.cleaned_data["cycle"],
            organisation=self.form.cleaned_data["organisation"],
        )


class ModuleViewSet(ModelViewSet):
    model = Module
    name = "benchmarking_modules"
    url_prefix = "benchmarking/modules"
    icon = "form"
    form_fields = ["title", "description"]
    list_display = ["title", "key", "level"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class CycleViewSet(ModelViewSet):
    model = Cycle
    name = "benchmarking_cycles"
    url_prefix = "benchmarking/cycles"
    icon = "date"
    form_fields = ["year", "module_versions", "status"]
    list_display = ["year", "status", "results_computed_at"]
    edit_view_class = CycleEditView


class ParticipantViewSet(ModelViewSet):
    model = Participant
    name = "benchmarking_participants"
    url_prefix = "benchmarking/participants"
    icon = "group"
    form_fields = ["cycle", "organisation"]
    list_display = ["organisation", "cycle"]
    list_filter = ["cycle"]
    search_fields = ["organisation__name"]
    add_view_class = ParticipantCreateView


class BenchmarkingGroup(ModelViewSetGroup):
    menu_label = "Benchmarking"
    menu_icon = "table"
    items = (ModuleViewSet, CycleViewSet, ParticipantViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return BenchmarkingGroup()
