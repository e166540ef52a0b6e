"""iCalendar files: the subscribable feeds and the attachment of a confirmation e-mail.

Times are written in Europe/London with ``TZID`` and a ``VTIMEZONE`` generated from the zone
database (so calendar apps place them right on both sides of a clock change); every
occurrence keeps its ``UID`` for ever so subscribed calendars update instead of duplicating,
and its ``DTSTAMP`` is the item's last change, so an unchanged event reads as unchanged.
See docs/events.md ("Calendar feeds").
"""

import datetime as dt

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration

from institute.core.canonical import page_url
from institute.core.feeds import last_changed

from .choices import Format, Status
from .recurrence import LONDON

PRODID = "-//Institute//Calendar//EN"
UID_DOMAIN = "calendar.institute"
# How often subscribed calendars should fetch a feed again (RFC 7986 and Outlook's own).
REFRESH_INTERVAL = dt.timedelta(hours=3)
ICS_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
    Status.POSTPONED: "TENTATIVE",
}


def occurrence_uid(occurrence) -> str:
    return f"{occurrence.uid}@{UID_DOMAIN}"


def item_url(item) -> str:
    """The item's canonical address (from ``BASE_URL``, never from a request's host)."""
    return page_url(item)


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
    changed = last_changed(item).astimezone(dt.UTC)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
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


def _transitions(zone, start: dt.datetime, stop: dt.datetime):
    """Each change of ``zone``'s offset between two UTC instants, read from the zone database:
    (instant in UTC, offset before, offset after, name after, summer time after)."""
    found = []
    day = dt.timedelta(days=1)
    moment = start
    while moment < stop:
        before, after = moment.astimezone(zone), (moment + day).astimezone(zone)
        if before.utcoffset() != after.utcoffset() or before.tzname() != after.tzname():
            low, high = moment, moment + day  # the change lies in (low, high]: halve to a second
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == before.utcoffset():
                    low = middle
                else:
                    high = middle
            local = high.astimezone(zone)
            found.append((high, before.utcoffset(), local.utcoffset(), local.tzname(), local.dst()))
        moment += day
    return found


def vtimezone(zone, *, first: dt.date, last: dt.date) -> Timezone:
    """A ``VTIMEZONE`` for ``zone`` valid from ``first`` to ``last``: one observance in force at
    the start, then one per clock change, each starting at the change's local time in the
    offset it leaves (RFC 5545 3.6.5), all read from the zone database."""
    component = Timezone()
    component.add("tzid", zone.key)
    start = dt.datetime.combine(first, dt.time(), dt.UTC)
    stop = dt.datetime.combine(last, dt.time(), dt.UTC)
    observances = [(start, start.astimezone(zone).utcoffset(), *_in_force(start, zone))]
    for instant, before, after, name, summer in _transitions(zone, start, stop):
        observances.append((instant, before, after, name, summer))
    for instant, before, after, name, summer in observances:
        observance = TimezoneDaylight() if summer else TimezoneStandard()
        observance.add("dtstart", (instant + before).replace(tzinfo=None))
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", name)
        component.add_component(observance)
    return component


def _in_force(instant, zone):
    local = instant.astimezone(zone)
    return local.utcoffset(), local.tzname(), local.dst()


def build_calendar(occurrences, *, name: str, joining=False, subscribed=False) -> bytes:
    """An iCalendar file with one VEVENT per occurrence (``item`` must be selected).

    ``subscribed``: a feed calendar apps fetch again, so it says how often to."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    if subscribed:
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    events = []
    first = last = None
    for occurrence in occurrences:
        events.append(_vevent(occurrence, item_url(occurrence.item), joining=joining))
        day = occurrence.start.date()
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if first is not None:
        # The zone's clock changes over the span of the events (a year either side).
        calendar.add_component(
            vtimezone(
                LONDON, first=first - dt.timedelta(days=366), last=last + dt.timedelta(days=366)
            )
        )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
