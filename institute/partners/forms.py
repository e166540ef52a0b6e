from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from institute.events import selectors as calendar

from .models import PartnerAllocation


class AllocationForm(WagtailAdminModelForm):
    """Staff pick the calendar item from the calendar's own list (items of the last year and
    to come); the places are checked against its capacity (``services.allocation_check``)."""

    item_id = forms.TypedChoiceField(label="Calendar item", coerce=int, choices=())

    class Meta:
        model = PartnerAllocation
        fields = ["partner", "item_id", "places"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = calendar.items_to_choose()
        current = self.instance.item_id
        if current and current not in {pk for pk, _ in choices}:
            item = calendar.items_titled(item_ids=[current]).get(current)
            choices.insert(0, (current, item["title"] if item else f"Item {current}"))
        self.fields["item_id"].choices = [("", "Choose an item"), *choices]
