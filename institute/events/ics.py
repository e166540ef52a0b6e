"""iCalendar files: the subscribable feeds and the attachment of a confirmation e-mail.

Times are written in Europe/London with ``TZID`` and a ``VTIMEZONE`` generated from the zone
database (so calendar apps place them right on both sides of a clock change); every
occurrence keeps its ``UID`` for ever so subscribed calendars update instead of duplicating.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .choices import Format, Status
from .recurrence import LONDON

PRODID = "-//Institute//Calendar//EN"
UID_DOMAIN = "calendar.institute"
ICS_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
    Status.POSTPONED: "TENTATIVE",
}


def occurrence_uid(occurrence) -> str:
    return f"{occurrence.uid}@{UID_DOMAIN}"


def item_url(item, request=None) -> str:
    """The item's absolute address (the request's host, else the configured base URL)."""
    url = item.get_url(request) or ""
    if url.startswith("http"):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def location_text(item) -> str:
    if item.format == Format.VIRTUAL:
        return "Online"
    parts = [item.venue, item.address.replace("\n", ", ")]
    where = ", ".join(p for p in parts if p)
    return f"{where} and online" if item.format == Format.HYBRID and where else where


def _vevent(occurrence, url, *, joining=False):
    item = occurrence.item
    event = Event()
    event.add("uid", occurrence_uid(occurrence))
    stamp = item.last_published_at or item.first_published_at or timezone.now()
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", occurrence.start.astimezone(LONDON))
    event.add("dtend", occurrence.end.astimezone(LONDON))
    prefix = "Cancelled: " if item.status == Status.CANCELLED else ""
    event.add("summary", prefix + item.title)
    description = [item.summary, url]
    if joining and item.joining_link:
        description.append(f"Join: {item.joining_link}")
    if joining and item.joining_details:
        description.append(item.joining_details)
    event.add("description", "\n\n".join(d for d in description if d))
    event.add("url", url)
    location = location_text(item)
    if location:
        event.add("location", location)
    event.add("status", ICS_STATUS[Status(item.status)])
    event.add("categories", [item.get_kind_display()])
    return event


def build_calendar(occurrences, *, name: str, request=None, joining=False) -> bytes:
    """An iCalendar file with one VEVENT per occurrence (``item`` must be selected)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    first = last = None
    for occurrence in occurrences:
        url = item_url(occurrence.item, request)
        calendar.add_component(_vevent(occurrence, url, joining=joining))
        day = occurrence.start.date()
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if first is not None:
        # Bound the zone's transitions to the span of the events (a year either side).
        calendar.add_missing_timezones(
            first_date=first - dt.timedelta(days=366), last_date=last + dt.timedelta(days=366)
        )
    return calendar.to_ical()
