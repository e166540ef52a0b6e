"""Staff look after partners and their reserved places in the Wagtail admin; both lists
export to CSV and XLSX."""

from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from institute.events import selectors as calendar

from .forms import AllocationForm
from .models import Partner, PartnerAllocation


class PartnerViewSet(ModelViewSet):
    model = Partner
    name = "partnerships"
    icon = "group"
    menu_label = "Partners"
    list_display = ["organisation", "level", "started_on", "ended_on"]
    list_filter = ["level"]
    search_fields = ["organisation__name"]
    list_export = ["organisation", "level", "started_on", "ended_on", "website", "description"]
    export_filename = "partners"
    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("started_on"), FieldPanel("ended_on")]),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading="Logo"),
        FieldPanel("description"),
        FieldPanel("topics"),
    ]


class AllocationViewSet(ModelViewSet):
    model = PartnerAllocation
    name = "partner_allocations"
    icon = "ticket"
    menu_label = "Reserved places"
    list_display = ["partner", "item_title", "places"]
    list_filter = ["partner__level"]
    list_export = ["partner", "item_id", "item_title", "places"]
    export_filename = "partner-allocations"
    form_fields = ["partner", "item_id", "places"]

    def get_form_class(self, for_update=False):
        return AllocationForm

    @cached_property
    def index_view_class(self):
        base = super().index_view_class

        class IndexView(base):
            def get_queryset(self):
                return super().get_queryset().select_related("partner__organisation")

            def decorate_paginated_queryset(self, object_list):
                # The items' titles from the calendar in one query for the page shown.
                rows = list(object_list)
                titles = calendar.items_titled(item_ids=[a.item_id for a in rows])
                for allocation in rows:
                    item = titles.get(allocation.item_id)
                    allocation.title_from_calendar = item["title"] if item else "(removed)"
                return rows

        return IndexView


class PartnersGroup(ModelViewSetGroup):
    menu_label = "Partners"
    menu_icon = "group"
    menu_order = 360
    items = (PartnerViewSet, AllocationViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return PartnersGroup()
