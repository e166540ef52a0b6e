"""Feeds and calendar files parse with two independent parsers, right across a clock change."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def across_clock_change(make_item):
    """A webinar before and a drop-in series across the end of British Summer Time 2030."""
    make_item(
        "Cyber webinar",
        start=_london(2030, 10, 17, 10, 0),
        end=_london(2030, 10, 17, 11, 0),
        kind="webinars",
        region="london",
    )
    make_item(
        "Monthly drop-in",
        start=_london(2030, 10, 2, 12, 30),
        end=_london(2030, 10, 2, 13, 30),
        kind="events",
        sub_kind="drop-in",
        recurrence="FREQ=MONTHLY;BYDAY=1WE;COUNT=3",
        region="national",
    )


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_feed_parses_with_icalendar_and_keeps_london_wall_clock_times(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    starts = [(str(e["summary"]), e.decoded("dtstart")) for e in events]
    assert starts == [
        ("Monthly drop-in", _london(2030, 10, 2, 12, 30)),
        ("Cyber webinar", _london(2030, 10, 17, 10, 0)),
        ("Monthly drop-in", _london(2030, 11, 6, 12, 30)),
        ("Monthly drop-in", _london(2030, 12, 4, 12, 30)),
    ]
    assert all(e["dtstart"].params["TZID"] == "Europe/London" for e in events)
    # 12:30 in October is BST (11:30 UTC), in November GMT (12:30 UTC).
    utc = [e.decoded("dtstart").astimezone(dt.UTC).hour for e in events]
    assert utc == [11, 9, 12, 12]


def test_feed_has_a_vtimezone_and_each_event_a_uid_and_dtstamp(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    events = calendar.walk("VEVENT")
    assert len({str(e["uid"]) for e in events}) == 4
    assert all("dtstamp" in e for e in events)


def test_feed_parses_with_a_second_parser(client, across_clock_change):
    parsed = ics.Calendar(_feed(client, "/calendar/feed.ics").decode())
    events = sorted(parsed.events, key=lambda e: e.begin)
    assert [e.name for e in events] == [
        "Monthly drop-in",
        "Cyber webinar",
        "Monthly drop-in",
        "Monthly drop-in",
    ]
    assert [e.begin.to("UTC").strftime("%m-%d %H:%M") for e in events] == [
        "10-02 11:30",
        "10-17 09:00",
        "11-06 12:30",
        "12-04 12:30",
    ]


def test_feed_mirrors_exactly_its_view(client, across_clock_change):
    calendar = icalendar.Calendar.from_ical(
        _feed(client, "/calendar/webinars/feed.ics?region=london")
    )
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Cyber webinar"]


def test_uids_stay_the_same_between_fetches(client, across_clock_change):
    first = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    from django.core.cache import cache

    cache.clear()
    second = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]


def test_cancelled_item_is_marked_cancelled_in_the_feed(client, make_item):
    make_item("Called-off roundtable", kind="events", sub_kind="roundtable", status="cancelled")
    calendar = icalendar.Calendar.from_ical(_feed(client, "/calendar/feed.ics"))
    (event,) = calendar.walk("VEVENT")
    assert event["status"] == "CANCELLED"


def test_feed_with_unknown_filter_says_so(client, across_clock_change):
    response = client.get("/calendar/feed.ics?region=mars")
    assert response.status_code == 400
    assert "region" in response.content.decode()


def test_item_calendar_file_lists_every_occurrence(client, across_clock_change):
    response = client.get("/calendar/item-2-monthly-drop-in/calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert len(calendar.walk("VEVENT")) == 3


def test_feed_never_contains_the_joining_link(client, make_item):
    make_item("Webinar", kind="webinars", format="virtual", joining_link="https://meet.example/x")
    assert b"meet.example" not in _feed(client, "/calendar/feed.ics")
