"""The calendar's models: pages for editors, occurrences and bookings for members."""

from .bookings import Booking, Occurrence
from .pages import CalendarItemPage, CalendarPage, Speaker

__all__ = ["Booking", "CalendarItemPage", "CalendarPage", "Occurrence", "Speaker"]
