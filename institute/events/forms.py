"""Forms of the events room."""

from django import forms

from institute.core.params import ModelIdsField

from .models import Booking


class AttendanceForm(forms.Form):
    """Who came to an occurrence: the ticked bookings, each one of this occurrence's."""

    attended = ModelIdsField(queryset=Booking.objects.none(), required=False)

    def __init__(self, *args, occurrence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = occurrence.bookings.all()
