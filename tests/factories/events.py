"""The calendar: the calendar page, items with their occurrences, a bookable occurrence.

Built the way the demo data builds them (``institute/events/demo_helpers.py``), so that the
tests and the demo cannot drift apart.
"""

from institute.events.demo_helpers import add_item, ensure_calendar, sample_occurrence

__all__ = ["add_item", "ensure_calendar", "sample_occurrence"]
