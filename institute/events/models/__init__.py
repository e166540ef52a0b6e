"""The calendar's models: pages for editors, occurrences and bookings for members."""

from .bookings import Booking, Occurrence
from .pages import AgendaItem, CalendarItemPage, CalendarPage, ItemResource, Speaker

__all__ = [
    "AgendaItem",
    "Booking",
    "CalendarItemPage",
    "CalendarPage",
    "ItemResource",
    "Occurrence",
    "Speaker",
]
