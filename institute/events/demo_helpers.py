"""Small builders shared by the demo data, the authorisation rules and the tests."""

import datetime as dt

from django.utils import timezone

from institute.core.demo import child_page, ensure_home

from .models import CalendarItemPage, CalendarPage
from .services import occurrences_sync


def ensure_calendar(home=None) -> CalendarPage:
    home = home or ensure_home()
    return child_page(
        home,
        CalendarPage,
        "calendar",
        title="Calendar",
        summary="Events, training and webinars for public-sector digital leaders.",
        intro="<p>Find an event, a training course or a webinar: filter by kind, region, "
        "format and topic, and subscribe to any view as a calendar.</p>",
    )


def add_item(calendar: CalendarPage, *, topics=(), speakers=(), **fields) -> CalendarItemPage:
    """Create a published item under the calendar, with its occurrences."""
    from .models import Speaker

    item = CalendarItemPage(**fields)
    item.speakers = [Speaker(name=name, role=role) for name, role in speakers]
    calendar.add_child(instance=item)
    if topics:
        item.topics.set(topics)
        item.save()
    occurrences_sync(item=item)
    return item


def sample_occurrence():
    """A bookable occurrence a month from now (for the authorisation walk)."""
    calendar = ensure_calendar()
    item = CalendarItemPage.objects.filter(slug="sample-drop-in").first()
    if item is None:
        start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
        item = add_item(
            calendar,
            title="Sample drop-in",
            slug="sample-drop-in",
            kind="events",
            sub_kind="drop-in",
            start=start,
            end=start + dt.timedelta(hours=1),
            format="virtual",
        )
    return item.occurrences.first()
